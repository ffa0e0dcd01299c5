/** Keys start with the client id, so one tenant's cache never answers for another. */
export const reportKeys = {
  all: (clientId: string) => [clientId, "reports"] as const,
  range: (clientId: string, from: string | null) => [clientId, "reports", from] as const,
};
