import { zipSync } from "fflate";
import type { z } from "zod";
import {
  EXPORT_FORMAT,
  type RetentionSettings,
  type UpdateRetentionBody,
} from "../../../contracts/data-rights";
import { notFound, validationFailed } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { presentContact } from "../conversations/conversations.presenter";
import { dataRightsRepository } from "./data-rights.repository";

const repositoryOf = (ctx: RequestContext, db = ctx.deps.database.db) =>
  dataRightsRepository({ db, clientId: ctx.clientId });

/** A file name safe inside the archive, whatever the candidate's file was called. */
const safeName = (name: string | null) => (name ?? "file").replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80);

async function bytesOf(ctx: RequestContext, key: string): Promise<Buffer | null> {
  const file = await ctx.deps.media.open(key);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Everything the client holds about one candidate, as a ZIP: `candidate.json` (contact, consent,
 * conversations, messages with their statuses, notes, campaign rows, cost rows) and `media/`.
 * @throws not_found for another client's candidate or an unknown id.
 */
export async function exportContact(ctx: RequestContext, contactId: string) {
  const repo = repositoryOf(ctx);
  const contact = await repo.findContact(contactId);
  if (!contact) throw notFound("Contact");
  const rows = await repo.exportRows(contact);
  const files: Record<string, Uint8Array> = {};
  const mediaEntries = [];
  for (const row of rows.media) {
    const path = row.storageKey ? `media/${row.id}-${safeName(row.filename)}` : null;
    const bytes = row.storageKey ? await bytesOf(ctx, row.storageKey) : null;
    if (path && bytes) files[path] = bytes;
    mediaEntries.push({ ...row, storageKey: undefined, file: bytes ? path : null });
  }
  const document = {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    contact: { ...presentContact(contact), createdAt: contact.createdAt, updatedAt: contact.updatedAt },
    consent: {
      optedInAt: contact.optedInAt,
      optInSource: contact.optInSource,
      optedOutAt: contact.optedOutAt,
      optOutSource: contact.optOutSource,
      marketingHeldUntil: contact.marketingHeldUntil,
    },
    conversations: rows.chats.map(({ conversation, phoneNumber }) => ({
      ...conversation,
      businessNumber: phoneNumber,
    })),
    messages: rows.messages,
    media: mediaEntries,
    notes: rows.notes,
    campaignRecipients: rows.recipients,
    costLedger: rows.ledger,
  };
  files["candidate.json"] = Buffer.from(JSON.stringify(document, null, 2));
  const archive = zipSync(files, { level: 6 });
  await recordAudit(
    ctx,
    "contact.exported",
    { type: "contact", id: contact.id },
    {
      messages: rows.messages.length,
      mediaFiles: Object.keys(files).length - 1,
    },
  );
  return { fileName: `candidate-${contact.id}.zip`, bytes: Buffer.from(archive) };
}

/**
 * Erases a candidate: messages, media (files too), notes and the contact go; ledger rows stay
 * without a message or conversation; campaign rows are anonymised; the audit line names the
 * actor and the contact's id only. A second call for an erased candidate changes nothing.
 * @throws not_found for another client's candidate or an id never seen.
 */
export async function eraseContact(ctx: RequestContext, contactId: string) {
  const result = await ctx.transaction(async (repos, tx) => {
    const repo = dataRightsRepository({ db: tx, clientId: ctx.clientId });
    const contact = await repo.findContact(contactId);
    if (!contact) return null;
    const targets = await repo.erasureTargets(contact);
    const erased = await repo.erase(contact, targets);
    await recordAudit({ ...ctx, repos }, "contact.erased", { type: "contact", id: contact.id }, erased);
    return { erased, storageKeys: targets.storageKeys };
  });
  if (!result) {
    if (await repositoryOf(ctx).wasErased(contactId)) return { contactId, alreadyErased: true, erased: {} };
    throw notFound("Contact");
  }
  // Files go once the rows are committed: a failed transaction leaves no message without its file.
  for (const key of result.storageKeys) await ctx.deps.media.remove(key);
  return { contactId, alreadyErased: false, erased: result.erased };
}

/** The client's retention settings. */
export async function getRetention(ctx: RequestContext): Promise<RetentionSettings> {
  const row = await repositoryOf(ctx).retention();
  if (!row) throw notFound("Client");
  return row;
}

/** Changes the retention (owners and admins); audited with the values before and after. */
export async function updateRetention(
  ctx: RequestContext,
  body: z.infer<typeof UpdateRetentionBody>,
): Promise<RetentionSettings> {
  if (body.conversationMonths === undefined && body.mediaMonths === undefined)
    throw validationFailed("body", "set conversationMonths or mediaMonths (a number of months, or null)");
  const before = await getRetention(ctx);
  await repositoryOf(ctx).setRetention(body);
  const after = await getRetention(ctx);
  await recordAudit(ctx, "retention.updated", { type: "client", id: ctx.clientId }, { before, after });
  return after;
}
