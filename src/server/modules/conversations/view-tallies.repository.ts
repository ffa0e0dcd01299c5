import { and, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { CONVERSATION_VIEWS, type ConversationView } from "../../../contracts/conversation-status";
import type { ConversationFilter } from "../../../contracts/conversations";
import type { Db } from "../../platform/db/client";
import { conversationTalliesLive as tallies } from "../../platform/db/schema/index";
import type { TenantScope } from "../../platform/db/tenant-scope";
import { NO_USER, type ViewColumns, viewCondition } from "./view-conditions.repository";

/** What the inbox's counts are asked for (the list's filters, as `conversations.counts` takes them). */
export interface CountsQuery {
  filter?: ConversationFilter;
  connectionId?: string;
  campaignId?: string;
  userId?: string;
  /** The list's view, for the stages' and labels' counts (the views' own counts ignore it). */
  view?: ConversationView;
  stageId?: string;
  labelId?: string;
  /** "All" leaves out the campaign chats nobody answered (as the list does, when the client says so). */
  hideUnansweredCampaignChats?: boolean;
}

/** The views' counts, and the stages' and labels' counts in the list's view (by id; absent: none). */
export interface ViewCounts {
  views: Record<ConversationView | "all", number>;
  stages: Record<string, number>;
  labels: Record<string, number>;
}

/** No chip, and the chips the tallies' key holds (`chipOnTallies` turns each into a condition). */
const TALLIED_CHIPS: readonly (ConversationFilter | undefined)[] = [
  undefined,
  "unread",
  "awaiting_reply",
  "assigned_to_me",
];

/**
 * Whether the tallies can answer: they key chats by everything the counts filter on except the
 * time (the 24-hour window's chips move with the clock), the candidate's opt-out (a contact's) and
 * the campaign (not in the key, to keep it small). Those few are counted from the chats themselves.
 */
export function talliesAnswer(query: CountsQuery): boolean {
  return !query.campaignId && TALLIED_CHIPS.includes(query.filter);
}

const onTallies: ViewColumns = {
  unarchived: sql`NOT ${tallies.isArchived}`,
  archived: sql`${tallies.isArchived}`,
  status: tallies.status,
  assigneeId: tallies.assigneeId,
};

/** A chip as a condition on the tallies' key. */
function chipOnTallies(query: CountsQuery): SQL | undefined {
  switch (query.filter) {
    case "unread":
      return sql`${tallies.isUnread}`;
    case "awaiting_reply":
      return sql`${tallies.isAwaitingReply}`;
    case "assigned_to_me":
      return eq(tallies.assigneeId, query.userId ?? NO_USER);
    default:
      return undefined;
  }
}

/**
 * The tallies' three reads for `query` (`talliesAnswer` first), built, not run: the views' counts,
 * each stage's and each label's. Small reads of the client's tally keys (a few thousand rows at
 * 100,000 chats, where the chats' own counts group every chat), with the same conditions as the
 * list's, on the tallies' columns. Every field is aliased, so they may also run inside one statement
 * (`readAsOne`).
 */
export function talliesReads(db: Db, scope: TenantScope, query: CountsQuery) {
  const sum = (condition: SQL) =>
    sql<number>`coalesce(sum(${tallies.chats}) filter (where ${condition}), 0)::int`;
  const view = (name: ConversationView | undefined) => viewCondition(name, query.userId, onTallies);
  const common = and(
    eq(tallies.clientId, scope.clientId),
    query.connectionId ? eq(tallies.connectionId, query.connectionId) : undefined,
    chipOnTallies(query),
  );
  // The chats themselves, or the ones carrying the chosen label.
  const chats = query.labelId ? eq(tallies.labelId, query.labelId) : isNull(tallies.labelId);
  const hidden = query.hideUnansweredCampaignChats ? sql`NOT ${tallies.isUnansweredCampaign}` : undefined;
  const inList = and(view(query.view), query.view ? undefined : hidden);
  const total = sql<number>`sum(${tallies.chats})::int`.as("count");
  return {
    views: db
      .select({
        all: sum(and(view(undefined), hidden)!).as("all"),
        ...Object.fromEntries(CONVERSATION_VIEWS.map((name) => [name, sum(view(name)).as(name)])),
      })
      .from(tallies)
      .where(and(common, chats, query.stageId ? eq(tallies.stageId, query.stageId) : undefined)),
    stages: db
      .select({ stageId: sql<string | null>`${tallies.stageId}`.as("stageId"), count: total })
      .from(tallies)
      .where(and(common, chats, isNotNull(tallies.stageId), inList))
      .groupBy(tallies.stageId)
      .having(sql`sum(${tallies.chats}) <> 0`),
    labels: db
      .select({ labelId: sql<string | null>`${tallies.labelId}`.as("labelId"), count: total })
      .from(tallies)
      .where(
        and(
          common,
          isNotNull(tallies.labelId),
          inList,
          query.stageId ? eq(tallies.stageId, query.stageId) : undefined,
        ),
      )
      .groupBy(tallies.labelId)
      .having(sql`sum(${tallies.chats}) <> 0`),
  };
}

type TalliesRows = {
  [Read in keyof ReturnType<typeof talliesReads>]: Awaited<ReturnType<typeof talliesReads>[Read]>;
};

/** The counts the tallies' reads (`talliesReads`) returned. */
export function talliedCounts({ views: [views], stages, labels }: TalliesRows): ViewCounts {
  return {
    views: Object.fromEntries(
      ["all", ...CONVERSATION_VIEWS].map((name) => [
        name,
        Number((views as Record<string, number> | undefined)?.[name] ?? 0),
      ]),
    ) as ViewCounts["views"],
    stages: Object.fromEntries(stages.map((row) => [row.stageId!, Number(row.count)])),
    labels: Object.fromEntries(labels.map((row) => [row.labelId!, Number(row.count)])),
  };
}

/**
 * The counts from the tallies (`talliesAnswer` first): their three reads side by side on the pool.
 * (In one statement, `readAsOne`, they run one after the other in one backend: 2–3 ms slower.)
 */
export async function countsFromTallies(db: Db, scope: TenantScope, query: CountsQuery): Promise<ViewCounts> {
  const reads = talliesReads(db, scope, query);
  const [views, stages, labels] = await Promise.all([reads.views, reads.stages, reads.labels]);
  return talliedCounts({ views, stages, labels });
}

/** `every` less `some` (counted with the same filters, `some` a subset), each count; zeros dropped. */
export function withoutCounts(every: ViewCounts, some: ViewCounts): ViewCounts {
  const less = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([id, count]) => [id, count - (b[id] ?? 0)] as const)
        .filter(([, count]) => count !== 0),
    );
  return {
    views: Object.fromEntries(
      Object.entries(every.views).map(([view, count]) => [
        view,
        count - (some.views[view as keyof ViewCounts["views"]] ?? 0),
      ]),
    ) as ViewCounts["views"],
    stages: less(every.stages, some.stages),
    labels: less(every.labels, some.labels),
  };
}
