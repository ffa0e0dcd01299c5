import type { ServerDeps } from "../../../deps";
import { onePer } from "../../../platform/collections";
import { GroupedWrites } from "../../../platform/grouped-writes";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { RequestContext } from "../../context";
import type { ContactRow } from "../../conversations/contacts.repository";
import { type ChatWithContact, chatKey } from "../../conversations/conversations.repository";

/** A candidate a send names by phone number on one of the client's numbers. */
export interface RecipientByPhone {
  ctx: RequestContext;
  connection: ConnectionRow;
  /** E.164, as normalised from what the caller typed. */
  phone: string;
  /** For a candidate met for the first time, or known without a name. */
  contactName: string | null;
  externalCandidateId: string | null;
  externalJobRef: string | null;
}

/**
 * The chats of sends of one client named by phone: the candidates known by that number or that
 * WhatsApp id found in one query, the new ones created in one insert, the chats started or found in
 * one upsert, whatever the group's size. A known candidate without a name takes the one given.
 * Each send's chat with its candidate, in its place.
 */
export async function resolveRecipients(items: RecipientByPhone[]): Promise<ChatWithContact[]> {
  const { contacts, conversations } = items[0]!.ctx.repos;
  const phones = [...new Set(items.map((item) => item.phone))];
  const known = await contacts.findByPhonesOrWaIds(
    phones,
    phones.map((phone) => phone.slice(1)),
  );
  // Known by this number first, else by this WhatsApp id (the number Meta answered for it).
  const byPhone = new Map(known.flatMap((contact) => (contact.phone ? [[contact.phone, contact]] : [])));
  const byWaId = new Map(known.flatMap((contact) => (contact.waId ? [[contact.waId, contact]] : [])));
  const knownAs = (phone: string) => byPhone.get(phone) ?? byWaId.get(phone.slice(1));
  const created = await contacts.findOrCreateManyByPhone(
    items
      .filter((item) => !knownAs(item.phone))
      .map((item) => ({
        phone: item.phone,
        name: item.contactName,
        externalCandidateId: item.externalCandidateId,
        externalJobRef: item.externalJobRef,
      })),
  );
  const current = new Map<string, ContactRow>();
  const contactOf = (item: RecipientByPhone) => {
    const contact = knownAs(item.phone) ?? created.get(item.phone)!;
    return current.get(contact.id) ?? contact;
  };
  for (const item of items) {
    const contact = contactOf(item);
    if (item.contactName && !contact.name)
      current.set(contact.id, (await contacts.update(contact.id, { name: item.contactName }))!);
  }
  const chats = await conversations.upsertMany(
    items.map((item) => ({ connectionId: item.connection.id, contactId: contactOf(item).id })),
  );
  return items.map((item) => {
    const contact = contactOf(item);
    return { ...chats.get(chatKey({ connectionId: item.connection.id, contactId: contact.id }))!, contact };
  });
}

/**
 * Resolves the recipients of a client's sends named by phone in groups (`GroupedWrites`): under a
 * burst of API sends to new candidates, three statements serve the group instead of three each.
 * A send inside its caller's open transaction resolves alone, in that transaction (see `SendIntake`).
 */
export class RecipientIntake {
  private readonly groups: GroupedWrites<RecipientByPhone, ChatWithContact>;

  constructor(
    resolveMany: (items: RecipientByPhone[]) => Promise<(ChatWithContact | Error)[]> = resolveRecipients,
  ) {
    this.groups = new GroupedWrites(resolveMany);
  }

  chatOf(recipient: RecipientByPhone): Promise<ChatWithContact> {
    if (recipient.ctx.withinTransaction) return this.groups.writeAlone(recipient);
    return this.groups.write(recipient.ctx.clientId, recipient);
  }
}

/** One intake per running server (its own database), made on first use. */
export const recipientIntakeOf = onePer<ServerDeps, RecipientIntake>(() => new RecipientIntake());
