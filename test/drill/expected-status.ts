/**
 * The state a sent message must end in, given the SET of statuses Meta reported for it, whatever
 * their order or repeats: the highest in sent < delivered < read < failed (`failed` is terminal:
 * reported at any point, it is the final state).
 *
 * This must match the product's rule. That rule is moving to `src/contracts/message-status.ts`
 * (`mergeStatus`); once it is on this branch, import it here instead of keeping a copy.
 */
export type ReportedStatus = "sent" | "delivered" | "read" | "failed";

const RANK: Record<ReportedStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

export function expectedFinalStatus(reported: Iterable<ReportedStatus>): ReportedStatus | null {
  let best: ReportedStatus | null = null;
  for (const status of reported) if (best === null || RANK[status] > RANK[best]) best = status;
  return best;
}
