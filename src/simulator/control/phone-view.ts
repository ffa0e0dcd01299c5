import type { SimContext } from "../context";
import type { LoggedMessage } from "../state";

type Obj = Record<string, unknown>;

/** What the candidate can tap on a business message. */
export type PhoneAction =
  | { kind: "button_reply"; id: string; title: string }
  | { kind: "list_reply"; id: string; title: string; description?: string }
  | { kind: "button"; payload: string; text: string };

export interface PhoneMessage {
  id: string;
  direction: "in" | "out";
  type: string;
  preview: string;
  timestamp: number;
  status: string;
  mediaId: string | null;
  mimeType: string | null;
  contextId: string | null;
  listButton: string | null;
  actions: PhoneAction[];
}

const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function interactiveActions(interactive: Obj): PhoneAction[] {
  const action = obj(interactive.action);
  if (interactive.type === "button") {
    return arr(action.buttons).map((b) => {
      const reply = obj(obj(b).reply);
      return { kind: "button_reply", id: String(reply.id), title: String(reply.title) };
    });
  }
  if (interactive.type === "list") {
    return arr(action.sections).flatMap((s) =>
      arr(obj(s).rows).map((r) => {
        const row = obj(r);
        return {
          kind: "list_reply" as const,
          id: String(row.id),
          title: String(row.title),
          ...(row.description ? { description: String(row.description) } : {}),
        };
      }),
    );
  }
  return [];
}

/** Quick replies of a template send: the stored buttons, with the payload the product passed. */
function templateActions(ctx: SimContext, message: LoggedMessage): PhoneAction[] {
  const sent = obj(message.payload.template);
  const phone = ctx.state.phoneNumbers.find((p) => p.id === message.phoneNumberId);
  const template = ctx.state.templates.find(
    (t) => t.wabaId === phone?.wabaId && t.name === sent.name && t.language === obj(sent.language).code,
  );
  const buttons = template?.components.find((c) => c.type === "BUTTONS")?.buttons ?? [];
  return buttons.flatMap((button, index) => {
    if (button.type !== "QUICK_REPLY") return [];
    const given = arr(sent.components)
      .map(obj)
      .find((c) => String(c.type).toLowerCase() === "button" && Number(c.index) === index);
    const payload = obj(arr(given?.parameters)[0]).payload;
    return [
      {
        kind: "button" as const,
        text: button.text,
        payload: typeof payload === "string" ? payload : button.text,
      },
    ];
  });
}

function mediaOf(
  ctx: SimContext,
  message: LoggedMessage,
): { mediaId: string | null; mimeType: string | null } {
  const content = obj(message.payload[message.type]);
  const id = typeof content.id === "string" ? content.id : null;
  const media = id ? ctx.state.media.find((m) => m.id === id) : undefined;
  return { mediaId: media ? media.id : null, mimeType: media?.mimeType ?? null };
}

/** A chat as the candidate's phone shows it, with the replies each business message offers. */
export function phoneConversation(ctx: SimContext, phoneNumberId: string, waId: string): PhoneMessage[] {
  return ctx.state.messages
    .filter((m) => m.phoneNumberId === phoneNumberId && m.waId === waId)
    .map((m) => {
      const context = obj(m.payload.context);
      const contextId =
        typeof context.message_id === "string"
          ? context.message_id
          : typeof context.id === "string"
            ? context.id
            : null;
      const interactive = obj(m.payload.interactive);
      const actions =
        m.direction === "in"
          ? []
          : m.type === "interactive"
            ? interactiveActions(interactive)
            : m.type === "template"
              ? templateActions(ctx, m)
              : [];
      const listButton =
        m.type === "interactive" && interactive.type === "list"
          ? String(obj(interactive.action).button)
          : null;
      return {
        id: m.id,
        direction: m.direction,
        type: m.type,
        preview: m.preview,
        timestamp: m.timestamp,
        status: m.status,
        ...mediaOf(ctx, m),
        contextId,
        listButton,
        actions,
      };
    });
}
