import { type DeliveryStatus, type MessageStatus, mergeStatus } from "../../src/contracts/message-status";

/**
 * The state a sent message must end in, given the SET of statuses Meta reported for it, whatever
 * their order or repeats: the product's own rule (sent < delivered < read < failed, `failed`
 * terminal), folded over the set from the state before Meta's first word.
 */
export function expectedFinalStatus(reported: Iterable<DeliveryStatus>): MessageStatus {
  let state: MessageStatus = "sending";
  for (const status of reported) state = mergeStatus(state, status);
  return state;
}
