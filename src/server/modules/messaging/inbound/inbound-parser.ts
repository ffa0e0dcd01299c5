import type { MessageContent } from "../../../../contracts/messages";

/** One inbound `messages[]` item as Meta sends it (only the fields the product reads are named). */
export interface MetaInboundMessage {
  id: string;
  from?: string;
  from_user_id?: string;
  timestamp?: string;
  type: string;
  context?: { id?: string; from?: string; forwarded?: boolean; frequently_forwarded?: boolean };
  referral?: Record<string, unknown>;
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
  [key: string]: unknown;
}

export interface ParsedInbound {
  content: MessageContent;
  /** Plain text for search and previews. */
  text: string | null;
  /** The candidate's media, to download: Meta's id and what Meta says of it. */
  media: {
    metaMediaId: string;
    mimeType: string | null;
    sha256: string | null;
    filename: string | null;
  } | null;
  context: { replyToWamid: string | null; isForwarded: boolean; isFrequentlyForwarded: boolean } | null;
  referral: Record<string, unknown> | null;
}

type Obj = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number => (typeof value === "number" ? value : Number(value));
const obj = (value: unknown): Obj => (value && typeof value === "object" ? (value as Obj) : {});

const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

function parseMedia(type: string, raw: Obj): Pick<ParsedInbound, "content" | "text" | "media"> {
  const caption = str(raw.caption);
  const filename = str(raw.filename);
  const content = {
    type: type as "image",
    media: {
      id: null,
      mimeType: str(raw.mime_type),
      filename,
      caption,
      sizeBytes: null,
      status: "pending" as const,
      ...(type === "audio" ? { isVoice: raw.voice === true } : {}),
      ...(type === "sticker" ? { isAnimated: raw.animated === true } : {}),
    },
  };
  const id = str(raw.id);
  return {
    content,
    text: caption ?? filename,
    media: id ? { metaMediaId: id, mimeType: str(raw.mime_type), sha256: str(raw.sha256), filename } : null,
  };
}

function parseContacts(raw: unknown): MessageContent {
  const list = Array.isArray(raw) ? raw.map(obj) : [];
  return {
    type: "contacts",
    contacts: list.map((c) => ({
      name: str(obj(c.name).formatted_name) ?? str(obj(c.name).first_name) ?? "",
      phones: (Array.isArray(c.phones) ? c.phones.map(obj) : []).map((p) => ({
        phone: str(p.phone) ?? "",
        waId: str(p.wa_id),
        type: str(p.type),
      })),
      emails: (Array.isArray(c.emails) ? c.emails.map(obj) : [])
        .map((e) => str(e.email) ?? "")
        .filter(Boolean),
      organization: str(obj(c.org).company),
    })),
  };
}

function parseInteractive(raw: Obj): MessageContent {
  const kind = str(raw.type);
  if (kind === "button_reply" || kind === "list_reply" || kind === "nfm_reply") {
    const reply = obj(raw[kind]);
    return {
      type: "interactive_reply",
      kind,
      replyId: str(reply.id) ?? "",
      title: str(reply.title) ?? str(reply.body) ?? "",
      description: str(reply.description),
    };
  }
  return { type: "unknown", metaType: `interactive.${kind ?? "?"}`, raw };
}

/** The content of every inbound type, one parser each; a type not listed is kept raw. */
const parsers: Record<string, (m: MetaInboundMessage) => Pick<ParsedInbound, "content" | "text">> = {
  text: (m) => {
    const body = str(obj(m.text).body) ?? "";
    return { content: { type: "text", body }, text: body };
  },
  location: (m) => {
    const l = obj(m.location);
    const [latitude, longitude] = [num(l.latitude), num(l.longitude)];
    // Without coordinates there is no place to show: kept raw, as a type we do not know.
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude))
      return { content: { type: "unknown", metaType: "location", raw: m.location ?? null }, text: null };
    const name = str(l.name);
    return {
      content: { type: "location", latitude, longitude, name, address: str(l.address), url: str(l.url) },
      text: name ?? str(l.address),
    };
  },
  contacts: (m) => {
    const content = parseContacts(m.contacts);
    return {
      content,
      text: content.type === "contacts" ? content.contacts.map((c) => c.name).join(", ") : null,
    };
  },
  interactive: (m) => {
    const content = parseInteractive(obj(m.interactive));
    return { content, text: content.type === "interactive_reply" ? content.title : null };
  },
  button: (m) => {
    const b = obj(m.button);
    const text = str(b.text) ?? "";
    return { content: { type: "button", payload: str(b.payload), text }, text };
  },
  reaction: (m) => {
    const r = obj(m.reaction);
    // A removed reaction comes without its emoji (or with an empty one, depending on the client).
    const emoji = str(r.emoji) || null;
    return { content: { type: "reaction", targetWamid: str(r.message_id) ?? "", emoji }, text: null };
  },
  system: (m) => {
    const s = obj(m.system);
    const body = str(s.body) ?? "";
    return { content: { type: "system", body, kind: str(s.type), newWaId: str(s.wa_id) }, text: body };
  },
  unsupported: (m) => {
    const error = obj(Array.isArray(m.errors) ? m.errors[0] : null);
    const reason =
      str(obj(error.error_data).details) ??
      str(error.message) ??
      str(error.title) ??
      "Message type not supported";
    return { content: { type: "unsupported", reason }, text: null };
  },
};

/** Reads one inbound message into the product's typed content model; never throws on odd input. */
export function parseInbound(message: MetaInboundMessage): ParsedInbound {
  const context = message.context
    ? {
        replyToWamid: str(message.context.id),
        isForwarded: message.context.forwarded === true,
        isFrequentlyForwarded: message.context.frequently_forwarded === true,
      }
    : null;
  const referral = message.referral ? obj(message.referral) : null;
  if (MEDIA_TYPES.has(message.type)) {
    return { ...parseMedia(message.type, obj(message[message.type])), context, referral };
  }
  const parser = parsers[message.type];
  if (parser) return { ...parser(message), media: null, context, referral };
  return {
    content: { type: "unknown", metaType: message.type, raw: message[message.type] ?? null },
    text: null,
    media: null,
    context,
    referral,
  };
}

/** The first `length` UTF-16 units, one fewer when the cut would split an emoji's surrogate pair. */
function clip(text: string, length: number): string {
  const clipped = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(clipped) ? clipped.slice(0, -1) : clipped;
}

/** What the conversation list shows for a message. */
export function previewOf(content: MessageContent, text: string | null): string {
  switch (content.type) {
    case "text":
      return clip(content.body, 200);
    case "reaction":
      return content.emoji ? `${content.emoji}` : "";
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return `[${content.type}]${text ? ` ${clip(text, 180)}` : ""}`;
    case "location":
      return `[location]${text ? ` ${clip(text, 180)}` : ""}`;
    case "template":
      return clip(content.rendered, 200);
    case "interactive":
      return clip(content.body, 200);
    default:
      return clip(text ?? `[${content.type}]`, 200);
  }
}
