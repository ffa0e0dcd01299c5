/**
 * How the product reacts to Meta's error codes (meta-platform.md §3): retry with back-off, stop and
 * ask the client to reconnect, or give up and explain. Codes not listed are permanent failures.
 */
export type ErrorReaction = "retry" | "reconnect" | "permanent";

const RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057, 133004, 133015]);
const RECONNECT = new Set([0, 190]);

export function reactionTo(code: number | undefined, httpStatus?: number): ErrorReaction {
  if (code === undefined) return httpStatus !== undefined && httpStatus < 500 ? "permanent" : "retry";
  if (RECONNECT.has(code)) return "reconnect";
  if (RETRYABLE.has(code)) return "retry";
  return "permanent";
}

/**
 * What a recruiter reads for the errors they meet, with the fix. The dashboard translates by code;
 * these English sentences are the API's `message`.
 */
export const RECRUITER_EXPLANATIONS: Record<number, string> = {
  0: "WhatsApp no longer accepts this connection's access. Reconnect WhatsApp.",
  190: "WhatsApp no longer accepts this connection's access (expired or removed). Reconnect WhatsApp.",
  200: "The WhatsApp account did not grant this permission. Reconnect WhatsApp and accept every permission.",
  131026:
    "WhatsApp could not deliver this message: the number may not use WhatsApp, or the app is out of date.",
  131047: "More than 24 hours have passed since the candidate's last message: send a template instead.",
  131049:
    "WhatsApp held back this marketing message to avoid overwhelming the candidate. Try again tomorrow.",
  131050: "The candidate has stopped marketing messages from this business.",
  131053:
    "WhatsApp could not fetch the file sent by link (unreachable, of a type it does not take, or too large). Check the link or send the file itself.",
  131030:
    "This number is a test number: it can only write to the recipients allowed in WhatsApp Manager. Add the candidate's number there, or connect a real number.",
  131048:
    "WhatsApp limits this number for now: too many candidates blocked or reported its messages. Sending resumes later.",
  131042:
    "A billing problem on the WhatsApp Business account blocks sending. Check the payment method in WhatsApp Manager.",
  131045: "The business number is not registered. Reconnect WhatsApp to register it.",
  133010: "The business number is not registered. Reconnect WhatsApp to register it.",
  132000: "The template's variables do not match: fill every variable.",
  132001: "This template does not exist in this language or is not approved yet.",
  132012: "A template variable has the wrong format (for example text where a date is expected).",
  132015: "This template is paused by WhatsApp for low quality. Use another template.",
  132016: "This template is disabled by WhatsApp. Use another template.",
  130429: "The number is sending too fast; the message will be retried.",
  131056: "Too many messages to this candidate in a short time; the message will be retried.",
  133005: "The two-step verification PIN is wrong. Enter the number's existing PIN.",
  133016: "Too many registration attempts for this number: WhatsApp blocks new attempts for 72 hours.",
};

export function explain(code: number | undefined, fallback: string): string {
  return (code !== undefined && RECRUITER_EXPLANATIONS[code]) || fallback;
}
