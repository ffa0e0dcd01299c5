import { useCallback, useEffect, useRef } from "react";
import { useRealtime } from "../../../../realtime/RealtimeProvider";
import { showTyping } from "../../api";

/** Teammates see "Salma écrit…" from a repeat every ~3 s; the candidate's "typing…" every ~10 s at most. */
const TEAM_EVERY_MS = 3_000;
const CANDIDATE_EVERY_MS = 10_000;

/**
 * Typing signals while the recruiter types: to the teammates watching this chat (socket) and, inside
 * the window, to the candidate (Meta's typing indicator). `stop()` on send, blur or clear.
 */
export function useTyping(conversationId: string, canReachCandidate: boolean) {
  const { connection } = useRealtime();
  const lastTeam = useRef(0);
  const lastCandidate = useRef(0);
  const active = useRef(false);

  const typed = useCallback(() => {
    const now = Date.now();
    active.current = true;
    if (now - lastTeam.current >= TEAM_EVERY_MS) {
      lastTeam.current = now;
      connection.typing(conversationId, true);
    }
    if (canReachCandidate && now - lastCandidate.current >= CANDIDATE_EVERY_MS) {
      lastCandidate.current = now;
      void showTyping(conversationId).catch(() => undefined);
    }
  }, [connection, conversationId, canReachCandidate]);

  const stop = useCallback(() => {
    if (!active.current) return;
    active.current = false;
    lastTeam.current = 0;
    connection.typing(conversationId, false);
  }, [connection, conversationId]);

  useEffect(() => stop, [stop]);
  return { typed, stop };
}
