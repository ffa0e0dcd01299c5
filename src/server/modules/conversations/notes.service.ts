import type { MentionListResponse, NoteResponse } from "../../../contracts/conversations";
import { forbidden, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import type { RequestContext } from "../context";
import { contactDisplayName } from "./conversations.presenter";
import { getConversation } from "./conversations.service";
import type { NoteRow } from "./notes.repository";

/** Mentions listed at most (the newest first). */
const MENTIONS_LISTED = 50;

export function presentNote(note: NoteRow): NoteResponse {
  return {
    id: note.id,
    conversationId: note.conversationId,
    authorId: note.authorId,
    body: note.body,
    mentionedUserIds: note.mentionedUserIds,
    createdAt: note.createdAt.toISOString(),
  };
}

export async function listNotes(ctx: RequestContext, conversationId: string) {
  await getConversation(ctx, conversationId);
  return ctx.repos.notes.list(conversationId);
}

function signedInUser(ctx: RequestContext, what: string): string {
  if (ctx.actor.type !== "user") throw forbidden(what);
  return ctx.actor.userId;
}

/**
 * Adds a private note. The colleagues it @mentions must be active users of the same client (an id
 * from elsewhere is refused, never silently dropped: the writer would think they were told). The
 * note is announced live in its transaction, so the chat's other tabs show it and the mentioned
 * colleagues are notified; private notes never go to webhook endpoints.
 */
export async function addNote(
  ctx: RequestContext,
  conversationId: string,
  input: { body: string; mentionedUserIds?: string[] },
): Promise<NoteRow> {
  const authorId = signedInUser(ctx, "Notes are written by recruiters");
  const conversation = await getConversation(ctx, conversationId);
  const wanted = [...new Set(input.mentionedUserIds ?? [])].filter((id) => id !== authorId);
  if (wanted.length > 0) {
    const team = new Map((await ctx.repos.users.list()).map((user) => [user.id, user]));
    const unknown = wanted.filter((id) => !team.get(id) || team.get(id)?.isDisabled);
    if (unknown.length > 0)
      throw validationFailed(
        "body.mentionedUserIds",
        `not an active colleague of this account: ${unknown.join(", ")}`,
      );
  }
  return ctx.transaction(async (repos, tx) => {
    const note = await repos.notes.create({
      conversationId,
      authorId,
      body: input.body,
      mentionedUserIds: wanted,
    });
    await recordEvents(tx, ctx.clientId, [
      event(
        "note:created",
        { note: presentNote(note), candidateName: contactDisplayName(conversation.contact) },
        { toWebhooks: false },
      ),
    ]);
    return note;
  });
}

/** The notes that mention the signed-in user, newest first, and how many came since they last looked. */
export async function listMentions(ctx: RequestContext): Promise<MentionListResponse> {
  const userId = signedInUser(ctx, "Mentions are a signed-in user's");
  const user = await ctx.repos.users.findById(userId);
  const seenAt = user?.mentionsSeenAt ?? null;
  const [rows, newCount] = await Promise.all([
    ctx.repos.notes.listMentioning(userId, MENTIONS_LISTED),
    ctx.repos.notes.countMentioningSince(userId, seenAt),
  ]);
  return {
    mentions: rows.map(({ note, contact }) => ({
      note: presentNote(note),
      candidateName: contactDisplayName(contact),
      isNew: !seenAt || note.createdAt > seenAt,
    })),
    newCount,
  };
}

/** The user looked at their mentions: those up to now are no longer new. */
export async function markMentionsSeen(ctx: RequestContext): Promise<void> {
  const userId = signedInUser(ctx, "Mentions are a signed-in user's");
  await ctx.repos.users.update(userId, { mentionsSeenAt: new Date() });
}
