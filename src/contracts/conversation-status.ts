// A conversation's place in the team's day: its status, the inbox views built on it and who may
// change it. Shared by the server (which enforces) and the dashboard (which offers only what is
// allowed, and places live rows in the right view). Free of zod, like constants.ts.

import { roleMay, type UserRole } from "./roles";

/**
 * `open`: to handle. `waiting`: the team answered and waits for the candidate. `resolved`: done.
 * `snoozed`: out of the way until a time. A candidate's message reopens every one of them.
 */
export const CONVERSATION_STATUSES = ["open", "waiting", "resolved", "snoozed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Statuses a recruiter still has to act on: the "Open", "Mine" and "Unassigned" views. */
export const ACTIVE_STATUSES: readonly ConversationStatus[] = ["open", "waiting"];

/** The inbox views, each with an exact count; archived chats are only in "archived". */
export const CONVERSATION_VIEWS = ["mine", "unassigned", "open", "snoozed", "resolved", "archived"] as const;
export type ConversationView = (typeof CONVERSATION_VIEWS)[number];

/** A snooze ends at most this far ahead. */
export const MAX_SNOOZE_DAYS = 365;

/** A user pins at most this many conversations (they stay at the top of every view). */
export const MAX_PINNED = 10;

/** The fields a view is judged on. */
export interface ViewFields {
  status: ConversationStatus;
  assigneeId: string | null;
  isArchived: boolean;
}

/** Whether a conversation belongs in a view (null: every chat that is not archived). */
export function isInView(conversation: ViewFields, view: ConversationView | null, userId: string): boolean {
  if (view === "archived") return conversation.isArchived;
  if (conversation.isArchived) return false;
  const isActive = ACTIVE_STATUSES.includes(conversation.status);
  switch (view) {
    case null:
      return true;
    case "mine":
      return isActive && conversation.assigneeId === userId;
    case "unassigned":
      return isActive && conversation.assigneeId === null;
    case "open":
      return isActive;
    case "snoozed":
    case "resolved":
      return conversation.status === view;
  }
}

/**
 * Who may change a conversation's status or archive it: owners and admins any conversation, a
 * recruiter the ones assigned to them or to nobody (not a colleague's). Integrations (API keys
 * with `conversations:write`) act for the whole client.
 */
export function mayTriage(
  actor: { role: UserRole; userId: string } | null,
  conversation: { assigneeId: string | null },
): boolean {
  if (!actor || roleMay(actor.role, "conversations.triageAny")) return true;
  return conversation.assigneeId === null || conversation.assigneeId === actor.userId;
}
