import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import {
  contacts,
  conversationLabels,
  conversationPreferences,
  conversations,
  costLedger,
  messages,
  notes,
} from "../../platform/db/schema/index";
import type { ContactRow } from "./contacts.repository";

/** A chat folded into another of the same candidate and number: gone, its history in the kept one. */
export interface FoldedChat {
  conversationId: string;
  keptConversationId: string;
}

/**
 * One candidate known twice by one client: by their number, and by the business-scoped user id
 * (BSUID) WhatsApp gave while it withheld the number (or the BSUID a number change replaced).
 * When Meta shows both belong together, `absorbed` joins `kept`: each of its chats moves to the
 * kept contact, or, when the kept contact already has a chat on that number, its messages, notes,
 * labels and pins move into that chat (one history, one chat); the kept contact takes the
 * identities and details it lacked; the absorbed contact is deleted. Both rows are the same
 * client's (every statement says so); returns the kept contact as it now is, and the chats that
 * were folded into another (gone), each with the chat that kept its history.
 */
export async function mergeContacts(
  tx: Db,
  clientId: string,
  keptId: string,
  absorbedId: string,
): Promise<{ contact: ContactRow; folded: FoldedChat[] } | null> {
  if (keptId === absorbedId) return null;
  const mine = (id: string) => and(eq(contacts.clientId, clientId), eq(contacts.id, id));
  const [kept] = await tx.select().from(contacts).where(mine(keptId)).for("update");
  const [absorbed] = await tx.select().from(contacts).where(mine(absorbedId)).for("update");
  if (!kept || !absorbed) return null;

  const chatsOf = (contactId: string) =>
    tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.clientId, clientId), eq(conversations.contactId, contactId)));
  const keptChats = new Map((await chatsOf(kept.id)).map((c) => [c.connectionId, c]));
  const folded: FoldedChat[] = [];
  for (const chat of await chatsOf(absorbed.id)) {
    const into = keptChats.get(chat.connectionId);
    if (!into) {
      await tx
        .update(conversations)
        .set({ contactId: kept.id, updatedAt: new Date() })
        .where(and(eq(conversations.clientId, clientId), eq(conversations.id, chat.id)));
      continue;
    }
    await foldChat(tx, clientId, chat.id, into.id);
    folded.push({ conversationId: chat.id, keptConversationId: into.id });
  }

  // The absorbed row goes first: its BSUID, number and wa_id are unique per client.
  await tx.delete(contacts).where(mine(absorbed.id));
  const [contact] = await tx
    .update(contacts)
    .set({
      waId: kept.waId ?? absorbed.waId,
      bsuid: kept.bsuid ?? absorbed.bsuid,
      parentBsuid: kept.parentBsuid ?? absorbed.parentBsuid,
      username: kept.username ?? absorbed.username,
      phone: kept.phone ?? absorbed.phone,
      profileName: kept.profileName ?? absorbed.profileName,
      name: kept.name ?? absorbed.name,
      externalCandidateId: kept.externalCandidateId ?? absorbed.externalCandidateId,
      externalJobRef: kept.externalJobRef ?? absorbed.externalJobRef,
      // The later consent choice wins, whichever identity it was made under.
      ...latestConsent(kept, absorbed),
      marketingHeldUntil: later(kept.marketingHeldUntil, absorbed.marketingHeldUntil),
      ...mergedLanguage(kept, absorbed),
      createdAt: kept.createdAt < absorbed.createdAt ? kept.createdAt : absorbed.createdAt,
      updatedAt: new Date(),
    })
    .where(mine(kept.id))
    .returning();
  return { contact: contact!, folded };
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const consentAt = (c: ContactRow) => later(c.optedOutAt, c.optedInAt)?.getTime() ?? -1;

function latestConsent(a: ContactRow, b: ContactRow) {
  const winner = consentAt(b) > consentAt(a) ? b : a;
  return {
    optedOutAt: winner.optedOutAt,
    optOutSource: winner.optOutSource,
    optedInAt: winner.optedInAt,
    optInSource: winner.optInSource,
  };
}

/** A language someone chose outweighs one detected; between equals, the kept contact's. */
function mergedLanguage(kept: ContactRow, absorbed: ContactRow) {
  const weight = (c: ContactRow) => (c.language === null ? 0 : c.languageSource === "detected" ? 1 : 2);
  const winner = weight(absorbed) > weight(kept) ? absorbed : kept;
  return { language: winner.language, languageSource: winner.languageSource };
}

/** Moves one chat's history into another chat of the same client and number, then deletes it. */
async function foldChat(tx: Db, clientId: string, fromId: string, intoId: string) {
  const ofClient = <T extends { clientId: unknown }>(table: T) =>
    eq((table as unknown as typeof messages).clientId, clientId);
  await tx
    .update(messages)
    .set({ conversationId: intoId })
    .where(and(ofClient(messages), eq(messages.conversationId, fromId)));
  await tx
    .update(notes)
    .set({ conversationId: intoId })
    .where(and(ofClient(notes), eq(notes.conversationId, fromId)));
  await tx
    .update(costLedger)
    .set({ conversationId: intoId })
    .where(and(ofClient(costLedger), eq(costLedger.conversationId, fromId)));
  await tx.execute(sql`
    insert into ${conversationLabels} (client_id, conversation_id, label_id, created_at)
    select client_id, ${intoId}::uuid, label_id, created_at from ${conversationLabels}
    where client_id = ${clientId}::uuid and conversation_id = ${fromId}::uuid
    on conflict do nothing`);
  await tx.execute(sql`
    insert into ${conversationPreferences} (client_id, user_id, conversation_id, pinned_at, is_muted, updated_at)
    select client_id, user_id, ${intoId}::uuid, pinned_at, is_muted, updated_at from ${conversationPreferences}
    where client_id = ${clientId}::uuid and conversation_id = ${fromId}::uuid
    on conflict do nothing`);
  // The kept chat takes the newer of the two last messages, the later window, both unread counts.
  await tx.execute(sql`
    update ${conversations} as kept set
      last_inbound_at = greatest(kept.last_inbound_at, old.last_inbound_at),
      last_message_at = greatest(kept.last_message_at, old.last_message_at),
      last_message_preview = case when old.last_message_at > coalesce(kept.last_message_at, '-infinity')
        then old.last_message_preview else kept.last_message_preview end,
      last_message_direction = case when old.last_message_at > coalesce(kept.last_message_at, '-infinity')
        then old.last_message_direction else kept.last_message_direction end,
      unread_count = kept.unread_count + old.unread_count,
      is_awaiting_reply = case when old.last_message_at > coalesce(kept.last_message_at, '-infinity')
        then old.is_awaiting_reply else kept.is_awaiting_reply end,
      assignee_id = coalesce(kept.assignee_id, old.assignee_id),
      stage_id = coalesce(kept.stage_id, old.stage_id),
      campaign_id = coalesce(kept.campaign_id, old.campaign_id),
      updated_at = now()
    from ${conversations} as old
    where kept.id = ${intoId}::uuid and kept.client_id = ${clientId}::uuid
      and old.id = ${fromId}::uuid and old.client_id = ${clientId}::uuid`);
  await tx.delete(conversations).where(and(ofClient(conversations), eq(conversations.id, fromId)));
}
