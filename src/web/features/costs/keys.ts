import type { CostGroup } from "../../../contracts/costs";

/** Keys start with the client id, so one tenant's cache never answers for another. */
export const costKeys = {
  all: (clientId: string) => [clientId, "costs"] as const,
  month: (clientId: string, month: string | null, groupBy: CostGroup) =>
    [clientId, "costs", "month", month, groupBy] as const,
  budgets: (clientId: string) => [clientId, "costs", "budgets"] as const,
  quote: (clientId: string, conversationId: string, category: string) =>
    [clientId, "costs", "quote", conversationId, category] as const,
  /** The last budget notice this tab heard (`budget:crossed`), for the banner. */
  notice: (clientId: string) => [clientId, "budget-notice"] as const,
};
