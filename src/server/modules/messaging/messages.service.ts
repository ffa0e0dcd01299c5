import { notFound } from "../../platform/errors";
import type { RequestContext } from "../context";
import { decodeCursor, encodeCursor } from "../conversations/cursor";
import type { Reaction } from "./messages.presenter";
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
  const reactions = new Map<string, Map<string, Reaction>>();
  const wamids = rows.map((r) => r.wamid).filter((w): w is string => Boolean(w));
  for (const r of await ctx.repos.messages.reactionsTo(wamids)) {
    // Latest reaction per side wins; an empty one removes it.
    const perSide = reactions.get(r.target) ?? new Map<string, Reaction>();
    if (r.emoji) perSide.set(r.direction, { emoji: r.emoji, direction: r.direction });
    else perSide.delete(r.direction);
    reactions.set(r.target, perSide);
  }
  const last = rows.at(-1);
  return {
    messages: rows.map((row: MessageRow) => ({
      row,
      reactions: [...(reactions.get(row.wamid ?? "")?.values() ?? [])],
    })),
    nextCursor: rows.length === limit && last ? encodeCursor(last.occurredAt, last.id) : null,
  };
}

/** A stored media file of this client, to stream to the dashboard. */
export async function openMedia(ctx: RequestContext, mediaId: string) {
  const media = await ctx.repos.messages.findMedia(mediaId);
  if (!media?.storageKey || media.status !== "stored") throw notFound("Media");
  const file = await ctx.deps.media.open(media.storageKey);
  if (!file) throw notFound("Media");
  return { media, file };
}
