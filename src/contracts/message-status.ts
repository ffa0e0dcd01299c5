// How a message's delivery state follows from the statuses reported for it. The server applies
// Meta's status webhooks with it and the dashboard applies live events and refetches with it, so
// the two cannot disagree on what a message shows. Free of zod, like constants.ts.

export const MESSAGE_STATUSES = [
  "received",
  "queued",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Where a message not sent through LinkoJob came from: `business_app`, an echo of what the
 * recruiter sent from the WhatsApp Business app on a coexistence number; `history`, the app's chat
 * history imported at onboarding.
 */
export const MESSAGE_ORIGINS = ["business_app", "history"] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];

/** The statuses Meta reports for a message we sent, each with the time it happened. */
export const DELIVERY_STATUSES = ["sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly unknown[]).includes(value);
}

/**
 * How far a sent message has gone. `queued` and `sending` are ours, before Meta's first word.
 * `failed` ranks above `read` because it is terminal: whatever Meta reports before, after or again,
 * a message reported failed stays failed.
 */
const OUTBOUND_RANK = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 } as const;

/**
 * The state of a message that has been reported in both states: the higher one. A maximum does not
 * care about order or repeats, so a message's state is a function of the set of statuses received,
 * however Meta reorders or re-sends them. An inbound message stays `received`: delivery statuses
 * describe our sends only.
 */
export function mergeStatus(a: MessageStatus, b: MessageStatus): MessageStatus {
  if (a === "received" || b === "received") return "received";
  return OUTBOUND_RANK[b] > OUTBOUND_RANK[a] ? b : a;
}

/** When each status was reached, null until it is reported (a `Date` on the server, ISO text in the dashboard). */
export interface DeliveryState<Time extends Date | string> {
  status: MessageStatus;
  sentAt: Time | null;
  deliveredAt: Time | null;
  readAt: Time | null;
  failedAt: Time | null;
}

/** One status as Meta reports it: the state it names and nothing but its own time. */
export function reportedDelivery<Time extends Date | string>(
  status: DeliveryStatus,
  at: Time,
): DeliveryState<Time> {
  return {
    status,
    sentAt: status === "sent" ? at : null,
    deliveredAt: status === "delivered" ? at : null,
    readAt: status === "read" ? at : null,
    failedAt: status === "failed" ? at : null,
  };
}

const millis = (time: Date | string) => (typeof time === "string" ? Date.parse(time) : time.getTime());

/** The earlier of two times of one status: a re-sent status reports the same event, not a new one. */
function earliest<Time extends Date | string>(a: Time | null, b: Time | null): Time | null {
  if (a === null) return b;
  if (b === null) return a;
  return millis(b) < millis(a) ? b : a;
}

/**
 * Two views of one message's delivery merged into one: the higher status, and each status at its
 * earliest known time. A lower status arriving late only fills in its time; nothing moves the state
 * down, and the result does not depend on which view came first.
 */
export function mergeDelivery<Time extends Date | string>(
  known: DeliveryState<Time>,
  incoming: DeliveryState<Time>,
): DeliveryState<Time> {
  return {
    status: mergeStatus(known.status, incoming.status),
    sentAt: earliest(known.sentAt, incoming.sentAt),
    deliveredAt: earliest(known.deliveredAt, incoming.deliveredAt),
    readAt: earliest(known.readAt, incoming.readAt),
    failedAt: earliest(known.failedAt, incoming.failedAt),
  };
}
