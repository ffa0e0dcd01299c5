import { useQuery } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import { fetchReports } from "./api";
import { reportKeys } from "./keys";

export function useReports(from: string | null) {
  const clientId = useRequiredSession().client.id;
  return useQuery({
    queryKey: reportKeys.range(clientId, from),
    queryFn: () => fetchReports(from),
    placeholderData: (previous) => previous,
  });
}
