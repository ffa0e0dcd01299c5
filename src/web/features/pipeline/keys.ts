import type { QueryClient } from "@tanstack/react-query";
import type { LabelResponse, StageResponse } from "./api";

/** Query keys start with the client id, so one tenant's cache never serves another. */
export const pipelineKeys = {
  stages: (clientId: string) => [clientId, "hiring-stages"] as const,
  labels: (clientId: string) => [clientId, "labels"] as const,
};

/** Both lists as the server announced them (`pipeline:updated`) or answered them. */
export function storePipeline(
  queryClient: QueryClient,
  clientId: string,
  lists: { stages?: StageResponse[]; labels?: LabelResponse[] },
): void {
  if (lists.stages) queryClient.setQueryData(pipelineKeys.stages(clientId), { stages: lists.stages });
  if (lists.labels) queryClient.setQueryData(pipelineKeys.labels(clientId), { labels: lists.labels });
}
