import { useInboxI18n } from "../../i18n";

// A small built-in set: what recruiters use with candidates (greetings, thanks, agreement, dates).
const EMOJI = [
  "😀",
  "😊",
  "🙂",
  "😉",
  "😅",
  "😂",
  "🤝",
  "👋",
  "👍",
  "👌",
  "🙏",
  "👏",
  "💪",
  "🤞",
  "✌️",
  "🙌",
  "❤️",
  "💚",
  "⭐",
  "🎉",
  "🎯",
  "🔥",
  "✅",
  "❌",
  "📅",
  "🕘",
  "📍",
  "📞",
  "📄",
  "📎",
  "💼",
  "🏢",
  "🚗",
  "🚌",
  "🏭",
  "🛠️",
  "💻",
  "📧",
  "💬",
  "❓",
  "🤔",
  "😮",
  "😢",
  "😴",
  "🌞",
  "☕",
  "🇲🇦",
  "🇫🇷",
] as const;

/** A grid of emoji buttons; loaded only when the picker is first opened. */
export default function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const { ti } = useInboxI18n();
  return (
    <fieldset className="emoji-picker">
      <legend className="visually-hidden">{ti.emoji.label}</legend>
      {EMOJI.map((emoji, index) => (
        <button
          key={emoji}
          type="button"
          className="emoji-picker__item"
          data-popover-item={index === 0 ? true : undefined}
          onClick={() => onPick(emoji)}
        >
          {emoji}
        </button>
      ))}
    </fieldset>
  );
}
