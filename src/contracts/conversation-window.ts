// Meta's customer-service window: for 24 hours after a candidate's last message, anything may be
// sent to them; outside it (or before they ever wrote) only a template. The server decides sends,
// charges and inbox filters by it, the dashboard shows it. Free of zod, like constants.ts.

export const CONVERSATION_WINDOW_MS = 24 * 3_600_000;

/** When the window closes: a day after the candidate's last message; null while they never wrote. */
export function windowExpiry(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + CONVERSATION_WINDOW_MS) : null;
}

/** Whether the window is open at `now`: up to its expiry, not at it. */
export function isWindowOpen(expiry: Date | string | null, now: number): boolean {
  if (expiry === null) return false;
  return (typeof expiry === "string" ? Date.parse(expiry) : expiry.getTime()) > now;
}

/** The window is open at `now` exactly when the candidate's last message is later than this (for queries). */
export function openWindowsSince(now: number): Date {
  return new Date(now - CONVERSATION_WINDOW_MS);
}
