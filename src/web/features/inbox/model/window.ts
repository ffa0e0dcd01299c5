import { isWindowOpen } from "../../../../contracts/conversation-window";

/** The 24-hour customer-service window as the recruiter sees it. */
export type WindowState =
  | { kind: "never" }
  | { kind: "closed" }
  | { kind: "open"; minutesLeft: number }
  | { kind: "closing"; minutesLeft: number };

/** Under two hours left, the window is "closing" (amber, and an icon on the list row). */
export const CLOSING_MINUTES = 120;

/** From the window's end (null: the candidate never wrote) and the app-wide minute clock. */
export function windowState(expiresAt: string | null, now: number): WindowState {
  if (!expiresAt) return { kind: "never" };
  if (!isWindowOpen(expiresAt, now)) return { kind: "closed" };
  const left = Date.parse(expiresAt) - now;
  const minutesLeft = Math.max(1, Math.floor(left / 60_000));
  return minutesLeft < CLOSING_MINUTES ? { kind: "closing", minutesLeft } : { kind: "open", minutesLeft };
}

/** Whether free text may be sent now (the server checks again). */
export function canSendText(state: WindowState): boolean {
  return state.kind === "open" || state.kind === "closing";
}
