import { eq, gt, isNotNull, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { ACTIVE_STATUSES, type ConversationView } from "../../../contracts/conversation-status";
import { openWindowsSince } from "../../../contracts/conversation-window";
import type { ConversationFilter } from "../../../contracts/conversations";
import { contacts, conversations } from "../../platform/db/schema/index";

/**
 * The inbox's views and chips as SQL conditions: what the list filters on and what the counts
 * count, read from the chats (the list, `countsScanned`) or from their tallies
 * (`view-tallies.repository.ts`), so both judge a chat alike.
 */

export const NO_USER = "00000000-0000-0000-0000-000000000000";
const active = sql.join(
  ACTIVE_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/** The columns a view is judged on, in the chats or in their tallies. */
export interface ViewColumns {
  unarchived: SQL;
  archived: SQL;
  status: SQLWrapper;
  assigneeId: SQLWrapper;
}

const chatColumns: ViewColumns = {
  unarchived: sql`${conversations.archivedAt} IS NULL`,
  archived: sql`${conversations.archivedAt} IS NOT NULL`,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
};

/**
 * A view as SQL, written as the partial indexes' predicates are (`archived_at IS NULL`, `status IN
 * ('open', 'waiting')`) so the planner reads each view from its index. The tallies pass their own
 * columns.
 */
export function viewCondition(
  view: ConversationView | undefined,
  userId: string | undefined,
  on: ViewColumns = chatColumns,
): SQL {
  const { unarchived } = on;
  const isActive = sql`${on.status} IN (${active})`;
  switch (view) {
    case undefined:
      return unarchived;
    case "archived":
      return on.archived;
    case "mine":
      return sql`${unarchived} AND ${isActive} AND ${on.assigneeId} = ${userId ?? NO_USER}`;
    case "unassigned":
      return sql`${unarchived} AND ${isActive} AND ${on.assigneeId} IS NULL`;
    case "open":
      return sql`${unarchived} AND ${isActive}`;
    case "snoozed":
    case "resolved":
      return sql`${unarchived} AND ${on.status} = ${view}`;
  }
}

/** A chip's condition (the list's `filter`), or undefined for none. */
export function chipCondition(
  filter: ConversationFilter | undefined,
  userId: string | undefined,
): SQL | undefined {
  switch (filter) {
    case undefined:
      return undefined;
    case "unread":
      return sql`(${conversations.unreadCount} > 0 OR ${conversations.isMarkedUnread})`;
    case "awaiting_reply":
      return eq(conversations.isAwaitingReply, true);
    case "window_open":
      return gt(conversations.lastInboundAt, openWindowsSince(Date.now()));
    case "window_closed":
      // Exactly the conversations the open filter leaves out, the instant of expiry included.
      return or(
        sql`${conversations.lastInboundAt} is null`,
        lte(conversations.lastInboundAt, openWindowsSince(Date.now())),
      );
    case "assigned_to_me":
      return eq(conversations.assigneeId, userId ?? NO_USER);
    case "opted_out":
      return isNotNull(contacts.optedOutAt);
  }
}
