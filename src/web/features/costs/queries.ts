import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BudgetNotice } from "../../../contracts/costs";
import { useRequiredSession } from "../auth/queries";
import { type CostGroup, fetchBudgets, fetchCosts, fetchQuote, saveBudget } from "./api";
import { costKeys } from "./keys";

export { costKeys };

const useClientId = () => useRequiredSession().client.id;

export function useCosts(month: string | null, groupBy: CostGroup) {
  return useQuery({
    queryKey: costKeys.month(useClientId(), month, groupBy),
    queryFn: () => fetchCosts(month, groupBy),
    placeholderData: (previous) => previous,
  });
}

export function useBudgets(enabled = true) {
  return useQuery({ queryKey: costKeys.budgets(useClientId()), queryFn: fetchBudgets, enabled });
}

export function useSaveBudget() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveBudget,
    onSuccess: (budgets) => {
      queryClient.setQueryData(costKeys.budgets(clientId), budgets);
      queryClient.setQueryData(costKeys.notice(clientId), null);
      void queryClient.invalidateQueries({ queryKey: costKeys.all(clientId) });
    },
  });
}

/** What a template send costs now in this conversation; refreshed when a charge moves the budget. */
export function useQuote(conversationId: string, category: string | null) {
  return useQuery({
    queryKey: costKeys.quote(useClientId(), conversationId, category ?? ""),
    queryFn: () => fetchQuote(conversationId, category!),
    enabled: !!category,
    staleTime: 30_000,
  });
}

export function useBudgetNotice() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  const notice = useQuery<BudgetNotice | null>({
    queryKey: costKeys.notice(clientId),
    queryFn: () => null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return {
    notice: notice.data ?? null,
    dismiss: () => queryClient.setQueryData(costKeys.notice(clientId), null),
  };
}
