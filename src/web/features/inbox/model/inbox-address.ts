// The inbox's address: `/inbox` or `/inbox/<chat>`, and `?campaign=<id>` when the list shows only a
// campaign's chats (a link from the campaign's results, kept while chats are opened one by one).

const CAMPAIGN = "campaign";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The campaign the address filters on, or null (an id that is no id is ignored). */
export function campaignOfSearch(search: string): string | null {
  const id = new URLSearchParams(search).get(CAMPAIGN);
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** The inbox (a chat of it, when given) filtered on a campaign, when given. */
export function inboxPath(conversationId: string | null, campaignId: string | null = null): string {
  const path = conversationId ? `/inbox/${encodeURIComponent(conversationId)}` : "/inbox";
  return campaignId ? `${path}?${CAMPAIGN}=${encodeURIComponent(campaignId)}` : path;
}
