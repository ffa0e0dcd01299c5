import type { z } from "zod";
import type {
  AppContactsBody,
  BusinessAppEchoBody,
  HistorySyncBody,
  HistoryThread,
} from "../../contracts/simulator";
import { unixString } from "../clock";
import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { candidateFor } from "../graph/messages.routes";
import { newWamid } from "../ids";
import { digitsOf, type PhoneNumber } from "../state";
import { metadataOf, statusesValue, statusItem } from "../webhooks/payloads";

type Obj = Record<string, unknown>;
const DAY_S = 86_400;

function phoneOf(ctx: SimContext, phoneNumberId: string): PhoneNumber {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === phoneNumberId);
  if (!phone) throw new MetaError(100, { details: `Unknown phone number id ${phoneNumberId}` });
  return phone;
}

/**
 * The recruiter writes from the WhatsApp Business app: the phone's chat shows it, and Meta sends
 * `smb_message_echoes` (`from` the business number, `to` the candidate), then the statuses asked
 * for. Meta sends echoes for numbers onboarded from the app; the simulator sends them for any
 * number, so a test can check none is dropped for how its number was onboarded.
 */
export function sendEcho(ctx: SimContext, body: z.output<typeof BusinessAppEchoBody>) {
  const phone = phoneOf(ctx, body.phoneNumberId);
  const waId = body.to.replace(/\D/g, "");
  const candidate = candidateFor(ctx, waId);
  const business = digitsOf(phone.displayPhoneNumber);
  const id = newWamid(waId);
  const at = ctx.clock.now() - (body.sentSecondsAgo ?? 0) * 1000;
  const item: Obj = {
    from: business,
    to: waId,
    ...(candidate.userId ? { to_user_id: candidate.userId } : {}),
    id,
    timestamp: unixString(at),
    type: "text",
    text: { body: body.text },
  };
  ctx.state.messages.push({
    id,
    direction: "out",
    phoneNumberId: phone.id,
    waId,
    type: "text",
    payload: item,
    preview: body.text,
    timestamp: at,
    status: body.statuses.at(-1) ?? "sent",
  });
  ctx.webhooks.emit(phone.wabaId, "smb_message_echoes", {
    messaging_product: "whatsapp",
    metadata: metadataOf(phone),
    message_echoes: [item],
  });
  if (body.statuses.length > 0)
    ctx.webhooks.emit(
      phone.wabaId,
      "messages",
      statusesValue(
        phone,
        body.statuses.map((status) =>
          statusItem({ wamid: id, status, at: ctx.clock.now(), recipientId: waId }),
        ),
      ),
    );
  ctx.persist();
  return { id };
}

/** Candidates' chats of the last six months, one per phase at least, when a test gives none. */
function sampleThreads(): z.output<typeof HistoryThread>[] {
  return [
    {
      waId: "212661000101",
      messages: [
        {
          direction: "in",
          text: "Bonjour, le poste de caissier est-il encore ouvert ?",
          sentSecondsAgo: 3 * 3600,
        },
        {
          direction: "out",
          text: "Oui ! Envoyez-nous votre CV ici.",
          sentSecondsAgo: 2 * 3600,
          status: "READ",
        },
      ],
    },
    {
      waId: "212661000102",
      messages: [
        { direction: "in", text: "Salam, je cherche un poste de livreur.", sentSecondsAgo: 40 * DAY_S },
        {
          direction: "out",
          text: "Merci, nous vous rappelons.",
          sentSecondsAgo: 40 * DAY_S - 600,
          status: "DELIVERED",
        },
      ],
    },
    {
      waId: "212661000103",
      messages: [{ direction: "in", text: "Bonjour, merci pour l'entretien.", sentSecondsAgo: 120 * DAY_S }],
    },
  ];
}

const phaseOf = (secondsAgo: number) => (secondsAgo <= DAY_S ? 0 : secondsAgo <= 90 * DAY_S ? 1 : 2);

/**
 * The app's history as Meta shares it (`history`): each phase's messages in chunks
 * (`metadata.{phase, chunk_order, progress}`), each chunk `threads[]` of one candidate each with
 * their `messages[]` (`history_context.status` on what the business sent), each chunk a POST of its
 * own, in the order asked, some sent twice. A declined sharing is one item with `errors[]`.
 */
export function syncHistory(ctx: SimContext, body: z.output<typeof HistorySyncBody>) {
  const phone = phoneOf(ctx, body.phoneNumberId);
  const value = (history: Obj[]) => ({ messaging_product: "whatsapp", metadata: metadataOf(phone), history });
  if (body.declined) {
    const error = {
      code: 2593109,
      title: "History sharing is turned off by the business",
      message: "History sharing is turned off by the business",
      error_data: { details: "The business declined to share its chat history." },
    };
    ctx.webhooks.emitEach(phone.wabaId, "history", [value([{ errors: [error] }])]);
    return { chunks: 0, messages: 0, deliveries: 1 };
  }
  const business = digitsOf(phone.displayPhoneNumber);
  const now = ctx.clock.now();
  const byPhase: { waId: string; item: Obj }[][] = [[], [], []];
  let messages = 0;
  for (const thread of body.threads ?? sampleThreads()) {
    const waId = thread.waId.replace(/\D/g, "");
    for (const m of thread.messages) {
      const at = now - m.sentSecondsAgo * 1000;
      const item: Obj = {
        from: m.direction === "in" ? waId : business,
        ...(m.direction === "out" ? { to: waId } : {}),
        id: newWamid(waId),
        timestamp: unixString(at),
        type: "text",
        text: { body: m.text },
        history_context: { status: m.direction === "out" ? (m.status ?? "DELIVERED") : "READ" },
      };
      byPhase[phaseOf(m.sentSecondsAgo)]!.push({ waId, item });
      messages++;
    }
  }
  const chunks: Obj[] = [];
  for (const [phase, items] of byPhase.entries()) {
    if (items.length === 0) continue;
    const count = Math.min(body.chunksPerPhase, items.length);
    for (let order = 1; order <= count; order++) {
      const its = items.filter((_, i) => i % count === order - 1);
      const threads = new Map<string, Obj[]>();
      for (const { waId, item } of its) threads.set(waId, [...(threads.get(waId) ?? []), item]);
      chunks.push({
        metadata: { phase, chunk_order: order, progress: Math.round((100 * order) / count) },
        threads: [...threads].map(([id, list]) => ({ id, messages: list })),
      });
    }
  }
  const ordered = body.order === "reversed" ? [...chunks].reverse() : chunks;
  const sent = [...ordered, ...ordered.slice(0, body.repeat)].map((chunk) => value([chunk]));
  ctx.webhooks.emitEach(phone.wabaId, "history", sent);
  return { chunks: chunks.length, messages, deliveries: sent.length };
}

/** The app's contacts (`smb_app_state_sync`): `state_sync[]` of `{type: "contact", contact, action}`. */
export function syncAppContacts(ctx: SimContext, body: z.output<typeof AppContactsBody>) {
  const phone = phoneOf(ctx, body.phoneNumberId);
  const now = unixString(ctx.clock.now());
  ctx.webhooks.emit(phone.wabaId, "smb_app_state_sync", {
    messaging_product: "whatsapp",
    metadata: metadataOf(phone),
    state_sync: body.contacts.map((c) => ({
      type: "contact",
      contact: {
        phone_number: c.waId.replace(/\D/g, ""),
        ...(c.action === "add" && c.fullName
          ? { full_name: c.fullName, first_name: c.fullName.split(" ")[0] }
          : {}),
      },
      action: c.action,
      metadata: { timestamp: now },
    })),
  });
  return { contacts: body.contacts.length };
}
