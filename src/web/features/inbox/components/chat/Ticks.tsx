import type { MessageStatus } from "../../../../../contracts/messages";

/**
 * WhatsApp's status marks, drawn here (never mirrored in Arabic): a clock while queued, one tick
 * sent, two delivered, two blue read. Decorative: the bubble's hidden text says the status in words.
 */
export function Ticks({ status, size = 16 }: { status: MessageStatus; size?: number }) {
  if (status === "received" || status === "failed") return null;
  if (status === "queued" || status === "sending") {
    return (
      <svg className="ticks ticks--pending" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" strokeWidth="1.3" />
        <path d="M8 5v3.2l2 1.3" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
      </svg>
    );
  }
  const double = status === "delivered" || status === "read";
  return (
    <svg
      className={`ticks${status === "read" ? " ticks--read" : ""}`}
      width={size}
      height={size * 0.7}
      viewBox="0 0 16 11"
      aria-hidden="true"
    >
      <path
        d={double ? "M1 5.8l2.6 2.6L9.6 2.2" : "M3.2 5.8l2.6 2.6 6.2-6.2"}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      {double ? (
        <path
          d="M6.4 8.4l.2.2 6.2-6.4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
    </svg>
  );
}
