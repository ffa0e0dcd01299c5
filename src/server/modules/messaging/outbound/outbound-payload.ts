import type { MessageContent } from "../../../../contracts/messages";
import type { ContactRow } from "../../conversations/contacts.repository";
import { metaTemplateName } from "../../templates/template-names";
import type { StoredContent } from "../messages.presenter";
import type { MessageRow } from "../messages.repository";

/**
 * Reply buttons, a list or a link button as Meta takes them, the list's rows cut back into their
 * sections; the header (text) and footer only when the recruiter wrote them.
 */
function interactivePayload(content: Extract<MessageContent, { type: "interactive" }>) {
  const frame = {
    ...(content.header ? { header: { type: "text", text: content.header } } : {}),
    body: { text: content.body },
    ...(content.footer ? { footer: { text: content.footer } } : {}),
  };
  if (content.kind === "button") {
    return {
      type: "button",
      ...frame,
      action: {
        buttons: content.options.map((o) => ({ type: "reply", reply: { id: o.id, title: o.title } })),
      },
    };
  }
  if (content.kind === "cta_url") {
    return {
      type: "cta_url",
      ...frame,
      action: {
        name: "cta_url",
        parameters: { display_text: content.options[0]?.title ?? "", url: content.url ?? "" },
      },
    };
  }
  let start = 0;
  const sections = content.sections.map((section) => {
    const rows = content.options.slice(start, start + section.size).map((o) => ({
      id: o.id,
      title: o.title,
      ...(o.description ? { description: o.description } : {}),
    }));
    start += section.size;
    return { ...(section.title ? { title: section.title } : {}), rows };
  });
  return { type: "list", ...frame, action: { button: content.listButton ?? "", sections } };
}

/**
 * Meta's request body for a stored outbound message. `biz_opaque_callback_data` carries our id so
 * a status can find its message even before the send's answer stored the wamid.
 */
export function outboundPayload(
  message: MessageRow,
  contact: ContactRow,
  templateComponents: unknown[] = [],
  metaMediaId: string | null = null,
  connection: { templateNamePrefix: string | null } = { templateNamePrefix: null },
) {
  const stored = message.content as unknown as StoredContent;
  const content = stored.content;
  // "+" first: without it Meta would prefix the business number's own country code.
  const to = contact.phone ?? (contact.waId ? `+${contact.waId}` : null);
  const base = {
    recipient_type: "individual",
    ...(to ? { to } : { recipient: contact.bsuid }),
    biz_opaque_callback_data: message.id,
    ...(message.replyToWamid ? { context: { message_id: message.replyToWamid } } : {}),
  };
  switch (content.type) {
    case "text":
      return {
        ...base,
        type: "text",
        text: { body: content.body, preview_url: /https?:\/\//.test(content.body) },
      };
    case "template":
      return {
        ...base,
        type: "template",
        template: {
          // The client's name, as Meta knows it on this number's WABA (prefixed on a shared one).
          name: metaTemplateName(connection, content.name),
          language: { code: content.language },
          ...(templateComponents.length > 0 ? { components: templateComponents } : {}),
        },
      };
    case "reaction":
      return {
        ...base,
        type: "reaction",
        reaction: { message_id: content.targetWamid, emoji: content.emoji ?? "" },
      };
    case "location":
      return {
        ...base,
        type: "location",
        location: {
          latitude: content.latitude,
          longitude: content.longitude,
          ...(content.name ? { name: content.name } : {}),
          ...(content.address ? { address: content.address } : {}),
        },
      };
    case "interactive":
      return { ...base, type: "interactive", interactive: interactivePayload(content) };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      if (!metaMediaId) throw new Error("the file was not uploaded to Meta");
      const { caption, filename } = content.media;
      const media = {
        id: metaMediaId,
        ...(caption && content.type !== "audio" && content.type !== "sticker" ? { caption } : {}),
        ...(filename && content.type === "document" ? { filename } : {}),
      };
      return { ...base, type: content.type, [content.type]: media };
    }
    default:
      throw new Error(`cannot send a ${content.type} message`);
  }
}
