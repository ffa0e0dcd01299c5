import { useEffect, useState } from "react";

/**
 * A hidden polite region for batched announcements only (new incoming messages in the open chat,
 * failed sends); never history, own sends or ticks.
 */
export function LiveAnnouncer({ message }: { message: { text: string; at: number } | null }) {
  const [text, setText] = useState("");
  useEffect(() => {
    if (!message) return;
    // Batched: a burst of messages is read once, a moment after it stops.
    const timer = setTimeout(() => setText(message.text), 400);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
