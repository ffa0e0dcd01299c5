import type {
  BudgetsResponse,
  CostGroup,
  CostsResponse,
  QuoteResponse,
  SetBudgetBody,
} from "../../../contracts/costs";
import { apiRequest } from "../../api/client";

export type { BudgetsResponse, CostGroup, CostsResponse, QuoteResponse };

const query = (month: string | null, groupBy: CostGroup) =>
  `month=${encodeURIComponent(month ?? "")}&groupBy=${groupBy}`.replace(/^month=&/, "");

export function fetchCosts(month: string | null, groupBy: CostGroup): Promise<CostsResponse> {
  return apiRequest<CostsResponse>("GET", `/api/costs?${query(month, groupBy)}`);
}

/** The CSV export's address: the browser downloads it with the session cookie. */
export function costsCsvUrl(month: string | null, groupBy: CostGroup): string {
  return `/api/costs/export?${query(month, groupBy)}`;
}

export function fetchBudgets(): Promise<BudgetsResponse> {
  return apiRequest<BudgetsResponse>("GET", "/api/costs/budgets");
}

export function saveBudget(body: SetBudgetBody): Promise<BudgetsResponse> {
  return apiRequest<BudgetsResponse>("PUT", "/api/costs/budgets", { body });
}

export function fetchQuote(conversationId: string, category: string): Promise<QuoteResponse> {
  return apiRequest<QuoteResponse>(
    "GET",
    `/api/costs/quote?conversationId=${encodeURIComponent(conversationId)}&category=${encodeURIComponent(category)}`,
  );
}
