import type { MessageOrigin, MessageStatus } from "../../../../contracts/message-status";
import type { MetaInboundMessage } from "../inbound/inbound-parser";
import { isMetaId, metaTime } from "../meta-fields";

/**
 * Meta's coexistence webhooks, read into what the product stores. Shapes from Meta's webhook
 * references (`smb_message_echoes`, `history`, `smb_app_state_sync`, see docs/meta-platform-2026.md):
 * anything else in them is left in the stored delivery, and counted (`unknown`).
 */

type Obj = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const obj = (value: unknown): Obj => (value && typeof value === "object" ? (value as Obj) : {});
const str = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
const digits = (value: unknown) => {
  const text = str(value)?.replace(/\D/g, "");
  return text && text.length <= 20 ? text : null;
};

/** One message of the WhatsApp Business app to store: an echo, or one of its history. */
export interface AppMessage {
  origin: MessageOrigin;
  direction: "inbound" | "outbound";
  /** The candidate of the chat: their number and/or BSUID. */
  waId: string | null;
  bsuid: string | null;
  message: MetaInboundMessage;
  status: MessageStatus;
  occurredAt: Date;
}

/** A `history` chunk's place: Meta sends each phase in chunks, in any order, possibly twice. */
export interface HistoryChunk {
  status: "shared" | "declined";
  phase: number;
  chunkOrder: number;
  progress: number;
}

export interface Unknown {
  /** What was not understood, for the metric's label (a fixed set: Meta's values never become labels). */
  what: "echo_item" | "history_phase" | "history_message" | "state_sync_item";
}

/** A message's identity and type, or null when it has none Meta would send. */
function messageOf(raw: unknown): MetaInboundMessage | null {
  const message = obj(raw) as MetaInboundMessage;
  return isMetaId(message.id) && typeof message.type === "string" ? message : null;
}

/**
 * `smb_message_echoes`: what the business sent from the WhatsApp Business app, `from` its number
 * `to` the candidate (`to_user_id` beside it for a BSUID). Stored as sent: the phone sent it.
 */
export function readEchoes(value: Obj): { messages: AppMessage[]; unknown: Unknown[] } {
  const messages: AppMessage[] = [];
  const unknown: Unknown[] = [];
  for (const raw of list(value.message_echoes)) {
    const message = messageOf(raw);
    const waId = digits(obj(raw).to);
    const bsuid = isMetaId(obj(raw).to_user_id) ? (obj(raw).to_user_id as string) : null;
    if (!message || (!waId && !bsuid)) {
      unknown.push({ what: "echo_item" });
      continue;
    }
    messages.push({
      origin: "business_app",
      direction: "outbound",
      waId,
      bsuid,
      message,
      status: "sent",
      occurredAt: metaTime(message.timestamp),
    });
  }
  return { messages, unknown };
}

/** A history message's delivery state, from `history_context.status` (Meta's capitals). */
const HISTORY_STATUS: Record<string, MessageStatus> = {
  PENDING: "sent",
  SENT: "sent",
  DELIVERED: "delivered",
  READ: "read",
  PLAYED: "read",
  ERROR: "failed",
};

const phaseOf = (value: unknown) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 2 ? n : null;
};
const percentOf = (value: unknown) => {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, Math.round(n))) : 0;
};

/**
 * `history`: the app's chats of up to 180 days before onboarding, in phases (0: a day, 1: 90 days,
 * 2: 180 days) and chunks (`metadata.{phase, chunk_order, progress}`), each with `threads[]` of one
 * candidate (`id`: their number) and their `messages[]` in both directions. A business that declined
 * sends one item with `errors[]` instead.
 */
export function readHistory(value: Obj): {
  messages: AppMessage[];
  chunks: HistoryChunk[];
  unknown: Unknown[];
} {
  const business = digits(obj(value.metadata).display_phone_number);
  const messages: AppMessage[] = [];
  const chunks: HistoryChunk[] = [];
  const unknown: Unknown[] = [];
  for (const item of list(value.history).map(obj)) {
    const meta = obj(item.metadata);
    const phase = phaseOf(meta.phase);
    if (list(item.errors).length > 0 && !item.threads) {
      chunks.push({ status: "declined", phase: phase ?? 0, chunkOrder: 0, progress: 0 });
      continue;
    }
    if (phase === null) unknown.push({ what: "history_phase" });
    else
      chunks.push({
        status: "shared",
        phase,
        chunkOrder: Number(meta.chunk_order) || 0,
        progress: percentOf(meta.progress),
      });
    for (const thread of list(item.threads).map(obj)) {
      const threadWaId = digits(thread.id);
      const threadBsuid = isMetaId(thread.user_id) ? (thread.user_id as string) : null;
      for (const raw of list(thread.messages)) {
        const message = messageOf(raw);
        if (!message || (!threadWaId && !threadBsuid)) {
          unknown.push({ what: "history_message" });
          continue;
        }
        const from = digits(message.from);
        const outbound = business !== null ? from === business : from !== threadWaId;
        const state = str(obj(message.history_context).status)?.toUpperCase() ?? "";
        messages.push({
          origin: "history",
          direction: outbound ? "outbound" : "inbound",
          waId: threadWaId,
          bsuid: threadBsuid,
          message,
          status: outbound ? (HISTORY_STATUS[state] ?? "sent") : "received",
          occurredAt: metaTime(message.timestamp),
        });
      }
    }
  }
  return { messages, chunks, unknown };
}

/** One contact of the business's WhatsApp Business app, added (or renamed) or removed there. */
export interface AppContact {
  action: "add" | "remove";
  waId: string;
  name: string | null;
}

/** `smb_app_state_sync`: `state_sync[]` of `{type: "contact", contact: {full_name, first_name, phone_number}, action}`. */
export function readStateSync(value: Obj): { contacts: AppContact[]; unknown: Unknown[] } {
  const contacts: AppContact[] = [];
  const unknown: Unknown[] = [];
  for (const item of list(value.state_sync).map(obj)) {
    const contact = obj(item.contact);
    const waId = digits(contact.phone_number);
    const action = item.action === "add" || item.action === "remove" ? item.action : null;
    if (item.type !== "contact" || !action || !waId) {
      unknown.push({ what: "state_sync_item" });
      continue;
    }
    const name = str(contact.full_name) ?? str(contact.first_name);
    contacts.push({ action, waId, name: name && name.length <= 200 ? name : null });
  }
  return { contacts, unknown };
}
