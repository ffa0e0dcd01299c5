import { useQueries } from "@tanstack/react-query";
import type { QuoteResponse } from "../../../../contracts/costs";
import { apiRequest } from "../../../api/client";
import { useRequiredSession } from "../../auth/queries";

/**
 * What one delivered template of each category costs the client, in MAD: the server's quote, priced
 * by the ledger's own rate card for a send to the client's country outside the window. Undefined
 * while it loads, or when the quote cannot be read (a role without the costs page): no figure
 * rather than a wrong one.
 */
export function useTemplatePrices(categories: readonly string[]): Record<string, number | undefined> {
  const clientId = useRequiredSession().client.id;
  const quotes = useQueries({
    queries: categories.map((category) => ({
      queryKey: [clientId, "costs", "quote", category] as const,
      queryFn: () =>
        apiRequest<QuoteResponse>("GET", `/api/costs/quote?${new URLSearchParams({ category })}`),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  return Object.fromEntries(categories.map((category, i) => [category, quotes[i]?.data?.amountMad]));
}
