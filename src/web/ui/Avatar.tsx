/** 12 muted hues; text on them stays ≥4.5:1 because the initials are dark. */
const HUES = [
  "#c9e4de",
  "#f2d6c9",
  "#d7d3f0",
  "#f7e1a8",
  "#c6dcf2",
  "#e9c9dc",
  "#d1e8c3",
  "#f0cfcf",
  "#cfe3ea",
  "#e6d8c3",
  "#dcd0e8",
  "#c9e0d0",
];

function hash(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i += 1) h = (h * 31 + value.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/**
 * Up to two initials from the first letters of the first and last words that start with a letter,
 * so "Atlas Recrutement (démo)" gives "AR", not "A(" (works for Arabic too).
 */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  const first = words[0]?.[0] ?? "?";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Initials on a hue hashed from a stable id, so a person keeps their colour everywhere. */
export function Avatar({ id, name, size = 40 }: { id: string; name: string; size?: number }) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4, background: HUES[hash(id) % HUES.length] }}
    >
      {initials(name)}
    </span>
  );
}
