import type { MessageSearchQuery } from "../../../contracts/messages";
import { type SnippetPart, searchSnippet } from "../../../contracts/search-text";
import { notFound } from "../../platform/errors";
import type { RequestContext } from "../context";
import { contactDisplayName } from "../conversations/conversations.presenter";
import { decodeCursor, encodeCursor } from "../conversations/cursor";
import { presentMessage, type Reaction } from "./messages.presenter";
import type { MessageRow } from "./messages.repository";

/** A page of a conversation's history, newest first, with each message's current reactions. */
export async function listMessages(
  ctx: RequestContext,
  conversationId: string,
  limit: number,
  cursor?: string,
) {
  const conversation = await ctx.repos.conversations.findById(conversationId);
  if (!conversation) throw notFound("Conversation");
  const before = decodeCursor(cursor);
  const rows = await ctx.repos.messages.listByConversation(
    conversationId,
    limit,
    before && { occurredAt: before.at, id: before.id },
  );
  const last = rows.at(-1);
  return {
    messages: await withReactions(ctx, rows),
    nextCursor: rows.length === limit && last ? encodeCursor(last.occurredAt, last.id) : null,
  };
}

/** Each message with its current reactions (the latest per side; an empty one removes it). */
async function withReactions(ctx: RequestContext, rows: MessageRow[]) {
  const reactions = new Map<string, Map<string, Reaction>>();
  const wamids = rows.map((r) => r.wamid).filter((w): w is string => Boolean(w));
  for (const r of await ctx.repos.messages.reactionsTo(wamids)) {
    const perSide = reactions.get(r.target) ?? new Map<string, Reaction>();
    if (r.emoji) perSide.set(r.direction, { emoji: r.emoji, direction: r.direction });
    else perSide.delete(r.direction);
    reactions.set(r.target, perSide);
  }
  return rows.map((row) => ({ row, reactions: [...(reactions.get(row.wamid ?? "")?.values() ?? [])] }));
}

/** A message of this client by Meta's id (what LinkoJob's systems receive and keep). */
export async function getMessageByWamid(ctx: RequestContext, wamid: string) {
  const row = await ctx.repos.messages.findByWamid(wamid);
  if (!row) throw notFound("Message");
  return (await withReactions(ctx, [row]))[0]!;
}

/** A stored media file of this client, to stream to the dashboard. */
export async function openMedia(ctx: RequestContext, mediaId: string) {
  const media = await ctx.repos.messages.findMedia(mediaId);
  if (!media?.storageKey || media.status !== "stored") throw notFound("Media");
  const file = await ctx.deps.media.open(media.storageKey);
  if (!file) throw notFound("Media");
  return { media, file };
}

/**
 * The inbox search in messages: the client's messages whose text or file name matches (accents,
 * case and Arabic harakat aside), newest first, each with its candidate and the matched snippet.
 */
export async function searchMessages(ctx: RequestContext, query: MessageSearchQuery) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.repos.messages.search(query.q, {
    limit: query.limit,
    after: after && { occurredAt: after.at, id: after.id },
  });
  const last = rows.at(-1);
  return {
    results: rows.map(({ message, contact }) => ({
      messageId: message.id,
      conversationId: message.conversationId,
      direction: message.direction,
      type: message.type,
      occurredAt: message.occurredAt.toISOString(),
      contact: {
        id: contact.id,
        displayName: contactDisplayName(contact),
        phone: contact.phone,
      },
      snippet: snippetOf(message, query.q),
    })),
    nextCursor:
      rows.length === query.limit && last ? encodeCursor(last.message.occurredAt, last.message.id) : null,
  };
}

/** Where the search matched: the text, else the file's name (the text may be a caption). */
function snippetOf(message: Pick<MessageRow, "content" | "text">, q: string): SnippetPart[] {
  const content = message.content as {
    media?: { filename?: unknown };
    content?: { media?: { filename?: unknown } };
  };
  const filename = content.media?.filename ?? content.content?.media?.filename;
  for (const text of [message.text, typeof filename === "string" ? filename : null]) {
    const parts = text ? searchSnippet(text, q) : undefined;
    if (parts) return parts;
  }
  // The database folds a few rare letters the browser does not: the text as it is, unmarked.
  return [{ text: (message.text ?? "").slice(0, 90), isMatch: false }];
}

/** "Find in chat": the conversation's messages matching, newest first, at most `limit`. */
export async function findInChat(ctx: RequestContext, conversationId: string, q: string, limit: number) {
  const conversation = await ctx.repos.conversations.findById(conversationId);
  if (!conversation) throw notFound("Conversation");
  const rows = await ctx.repos.messages.searchInConversation(conversationId, q, limit + 1);
  return {
    matches: rows
      .slice(0, limit)
      .map((row) => ({ messageId: row.id, occurredAt: row.occurredAt.toISOString() })),
    isComplete: rows.length <= limit,
  };
}

/**
 * The lightbox's window on a chat's photos and videos: the ones around this message (itself one
 * of them), oldest first, with their place among all, so that "3 / 12" is the chat's own count.
 */
export async function listChatMedia(
  ctx: RequestContext,
  conversationId: string,
  around: string,
  limit: number,
) {
  const conversation = await ctx.repos.conversations.findById(conversationId);
  if (!conversation) throw notFound("Conversation");
  const pivot = await ctx.repos.messages.findById(around);
  if (pivot?.conversationId !== conversationId || !["image", "video"].includes(pivot.type))
    throw notFound("Message");
  const found = await ctx.repos.messages.mediaAround(conversationId, pivot, limit);
  const rows = [...found.older, pivot, ...found.newer];
  return {
    items: (await withReactions(ctx, rows)).map((m) => presentMessage(m.row, m.reactions)),
    firstPosition: found.olderCount - found.older.length + 1,
    total: found.total,
  };
}
