import type { MessageContent } from "../../../../contracts/messages";

/** The kinds the server marks in a preview as `[kind] text`. */
export type PreviewKind =
  | "image"
  | "video"
  | "audio"
  | "document"
  | "sticker"
  | "location"
  | "contacts"
  | "other";

const KINDS = new Set(["image", "video", "audio", "document", "sticker", "location", "contacts"]);

/** Splits the server's preview (`[image] caption`, `[document] CV.pdf`) into a kind and its text. */
export function parsePreview(preview: string | null): { kind: PreviewKind | "text"; text: string } {
  if (!preview) return { kind: "text", text: "" };
  const match = /^\[([a-z_]+)\]\s?(.*)$/su.exec(preview);
  if (!match) return { kind: "text", text: preview };
  const kind = match[1] as string;
  return { kind: KINDS.has(kind) ? (kind as PreviewKind) : "other", text: match[2] ?? "" };
}

/** The words of a message for a quote, a notification or a preview; media by their caption or name. */
export function summaryText(content: MessageContent): { kind: PreviewKind | "text"; text: string } {
  switch (content.type) {
    case "text":
      return { kind: "text", text: content.body };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return { kind: content.type, text: content.media.caption ?? content.media.filename ?? "" };
    case "location":
      return { kind: "location", text: content.name ?? content.address ?? "" };
    case "contacts":
      return { kind: "contacts", text: content.contacts.map((c) => c.name).join(", ") };
    case "interactive_reply":
      return { kind: "text", text: content.title };
    case "button":
      return { kind: "text", text: content.text };
    case "template":
      return { kind: "text", text: content.rendered };
    case "interactive":
      return { kind: "text", text: content.body };
    case "system":
      return { kind: "text", text: content.body };
    default:
      return { kind: "other", text: "" };
  }
}

/** The extension of a file name, upper-cased for the document tile (`PDF`, `DOCX`). */
export function extensionOf(filename: string | null, mimeType: string | null): string {
  const fromName = filename && /\.([a-z0-9]{1,5})$/iu.exec(filename)?.[1];
  if (fromName) return fromName.toUpperCase();
  const fromMime = mimeType
    ?.split("/")[1]
    ?.split(/[.+;-]/u)
    .pop();
  return (fromMime ?? "file").slice(0, 4).toUpperCase();
}

/** A long file name cut in the middle, keeping its extension: `Curriculum_vitae_…_2026.pdf`. */
export function middleEllipsis(name: string, max = 32): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf(".");
  const tail = dot > 0 && name.length - dot <= 6 ? name.slice(dot - 4) : name.slice(-8);
  return `${name.slice(0, max - tail.length - 1)}…${tail}`;
}
