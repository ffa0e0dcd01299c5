type Obj = Record<string, unknown>;

const get = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Obj)[key];
  }
  return current;
};
const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * One line describing a message for the candidate phone page and the control API: the text, the
 * caption or a short label. Works on send bodies and on inbound webhook items (same field names).
 */
export function describeMessage(type: string, message: Obj): string {
  const content = message[type];
  switch (type) {
    case "text":
      return text(get(content, "body"));
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker":
      return text(get(content, "caption")) || text(get(content, "filename")) || `[${type}]`;
    case "location":
      return `📍 ${text(get(content, "name")) || `${String(get(content, "latitude"))}, ${String(get(content, "longitude"))}`}`;
    case "contacts":
      return `👤 ${(Array.isArray(content) ? content : [])
        .map((c) => text(get(c, "name", "formatted_name")))
        .join(", ")}`;
    case "interactive":
      if (get(content, "type") === "cta_url")
        return `${text(get(content, "body", "text"))}\n🔗 ${text(get(content, "action", "parameters", "display_text"))}`;
      return (
        text(get(content, "body", "text")) ||
        text(get(content, "button_reply", "title")) ||
        text(get(content, "list_reply", "title")) ||
        "[interactive]"
      );
    case "button":
      return text(get(content, "text"));
    case "reaction":
      return text(get(content, "emoji")) || "(reaction removed)";
    case "system":
      return text(get(content, "body"));
    default:
      return `[${type}]`;
  }
}
