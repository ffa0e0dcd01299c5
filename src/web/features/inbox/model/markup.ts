/**
 * WhatsApp's formatting (`*bold*`, `_italic_`, `~strike~`, ```` ```mono``` ````) and links, parsed
 * into plain tokens. Rendering turns each into a React text node inside an element: candidate text
 * never becomes HTML.
 */
export type Token =
  | { kind: "text"; text: string }
  | { kind: "bold" | "italic" | "strike" | "mono"; children: Token[] }
  | { kind: "link"; text: string; href: string };

const STYLES = { "*": "bold", _: "italic", "~": "strike" } as const;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'»]/giu;

/** Splits text into styled runs and links. */
export function parseMarkup(text: string): Token[] {
  const tokens: Token[] = [];
  const mono = text.split("```");
  mono.forEach((part, index) => {
    const isMono = index % 2 === 1 && index < mono.length - 1;
    if (isMono) tokens.push({ kind: "mono", children: [{ kind: "text", text: part }] });
    else tokens.push(...parseStyles(index % 2 === 1 ? `\`\`\`${part}` : part));
  });
  return tokens;
}

function parseStyles(text: string): Token[] {
  const tokens: Token[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const style = STYLES[char as keyof typeof STYLES];
    const before = i === 0 ? " " : (text[i - 1] as string);
    if (style && /[\s\p{P}]/u.test(before)) {
      const end = findClosing(text, i, char);
      if (end !== -1) {
        if (plain) tokens.push(...linkify(plain));
        plain = "";
        tokens.push({ kind: style, children: parseStyles(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  if (plain) tokens.push(...linkify(plain));
  return tokens;
}

/** The closing marker: same line, not right after the opener, followed by a space, punctuation or the end. */
function findClosing(text: string, start: number, marker: string): number {
  if (/\s/.test(text[start + 1] ?? " ")) return -1;
  for (let j = start + 2; j < text.length; j += 1) {
    const char = text[j];
    if (char === "\n") return -1;
    if (char !== marker) continue;
    const after = text[j + 1] ?? " ";
    if (!/\s/.test(text[j - 1] as string) && /[\s\p{P}]/u.test(after)) return j;
  }
  return -1;
}

function linkify(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ kind: "text", text: text.slice(last, index) });
    const raw = match[0];
    tokens.push({ kind: "link", text: raw, href: raw.startsWith("www.") ? `https://${raw}` : raw });
    last = index + raw.length;
  }
  if (last < text.length) tokens.push({ kind: "text", text: text.slice(last) });
  return tokens;
}

const EMOJI_ONLY =
  /^(?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*\s*){1,3}$/u;

/** One to three emoji alone are shown large, as WhatsApp does. */
export function isEmojiOnly(text: string): boolean {
  return EMOJI_ONLY.test(text.trim());
}
