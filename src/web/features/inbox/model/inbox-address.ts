// The inbox's address: `/inbox` or `/inbox/<chat>`, with the list's filters that can be linked to,
// bookmarked or reloaded: `?campaign=<id>` (a campaign's chats, linked from its results),
// `&stage=<id>` and `&label=<id>` (a hiring stage, a label). Every link inside the inbox carries
// them, so they stay while chats are opened one by one. A search result adds `&msg=<id>`: the chat
// opens at that message.

export interface InboxAddressFilters {
  campaignId: string | null;
  stage: string | null;
  label: string | null;
}

const PARAMS = { campaignId: "campaign", stage: "stage", label: "label" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The filters the address carries (an id that is no id is ignored). */
export function filtersOfSearch(search: string): InboxAddressFilters {
  const query = new URLSearchParams(search);
  const idOf = (name: string) => {
    const id = query.get(name);
    return id && UUID.test(id) ? id.toLowerCase() : null;
  };
  return { campaignId: idOf(PARAMS.campaignId), stage: idOf(PARAMS.stage), label: idOf(PARAMS.label) };
}

/** The campaign the address filters on, or null. */
export function campaignOfSearch(search: string): string | null {
  return filtersOfSearch(search).campaignId;
}

/** The message a search result opens the chat at (`&msg=<id>`), or null. */
export function messageOfSearch(search: string): string | null {
  const id = new URLSearchParams(search).get("msg");
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** The inbox (a chat of it, when given, at a message when given) with the filters given. */
export function inboxPath(
  conversationId: string | null,
  filters: Partial<InboxAddressFilters> = {},
  messageId: string | null = null,
): string {
  const path = conversationId ? `/inbox/${encodeURIComponent(conversationId)}` : "/inbox";
  const query = new URLSearchParams();
  for (const key of ["campaignId", "stage", "label"] as const) {
    const value = filters[key];
    if (value) query.set(PARAMS[key], value);
  }
  if (conversationId && messageId) query.set("msg", messageId);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
