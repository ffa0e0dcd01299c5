import { getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../../../platform/db/client";
import { inChunks } from "../../../platform/db/in-chunks";
import { conversations, whatsappConnections } from "../../../platform/db/schema/index";
import type { ConversationRow } from "../../conversations/conversations.repository";

/** A chat's newest message of the WhatsApp Business app in a batch. */
export interface ImportedChatUpdate {
  clientId: string;
  id: string;
  at: Date;
  preview: string;
  direction: "inbound" | "outbound";
  /** An echo: the recruiter answered from the phone, the candidate is no longer waiting. */
  answered: boolean;
}

/** What a batch's history chunks say of one number's import. */
export interface HistoryProgressUpdate {
  clientId: string;
  connectionId: string;
  status: "shared" | "declined";
  phase: number;
  progress: number;
  /** History messages stored by this batch (a repeated chunk stores none). */
  messages: number;
}

/**
 * The writes of the WhatsApp Business app's messages (echoes and history), several clients at
 * once like the inbound batch's; every match includes the row's client.
 */
export function businessAppRepository(db: Db) {
  return {
    /**
     * Moves each chat's last message (time, preview, direction) when the imported one is newer —
     * and nothing else: no window (only a candidate's message opens one), no unread count, no
     * status change. An echo newer than the chat's last message means the candidate was answered.
     */
    async recordImported(updates: ImportedChatUpdate[]): Promise<ConversationRow[]> {
      const newer = sql`(${conversations.lastMessageAt} is null or ${conversations.lastMessageAt} <= imported.at)`;
      return inChunks(updates, 6, (chunk) => {
        const rows = sql.join(
          chunk.map(
            (u) =>
              sql`(${u.id}::uuid, ${u.clientId}::uuid, ${u.at.toISOString()}::timestamptz, ${u.preview}::text, ${u.direction}::text, ${u.answered}::boolean)`,
          ),
          sql`, `,
        );
        return db
          .update(conversations)
          .set({
            lastMessagePreview: sql`case when ${newer} then imported.preview else ${conversations.lastMessagePreview} end`,
            lastMessageDirection: sql`case when ${newer} then imported.direction else ${conversations.lastMessageDirection} end`,
            isAwaitingReply: sql`case when ${newer} and imported.answered then false else ${conversations.isAwaitingReply} end`,
            lastMessageAt: sql`greatest(${conversations.lastMessageAt}, imported.at)`,
            updatedAt: new Date(),
          })
          .from(sql`(values ${rows}) as imported(id, client_id, at, preview, direction, answered)`)
          .where(sql`${conversations.id} = imported.id and ${conversations.clientId} = imported.client_id`)
          .returning(getTableColumns(conversations));
      });
    },

    /**
     * Folds a batch's history chunks into the number's import state: the furthest phase and its
     * progress (chunks come in any order, some twice: the state only moves forward), the messages
     * counted as stored. A decline is kept unless history already arrived.
     */
    async recordHistoryProgress(update: HistoryProgressUpdate) {
      const now = new Date().toISOString();
      const given = sql`jsonb_build_object('status', ${update.status}::text, 'phase', ${update.phase}::int,
        'progress', ${update.progress}::int, 'messages', ${update.messages}::int, 'updatedAt', ${now}::text)`;
      const current = sql`${whatsappConnections.historySync}`;
      const [row] = await db
        .update(whatsappConnections)
        .set({
          historySync: sql`case
            when ${current} is null then ${given}
            else jsonb_build_object(
              'status', case when (${current}->>'status') = 'shared' or ${update.status}::text = 'shared'
                then 'shared' else 'declined' end,
              'phase', greatest((${current}->>'phase')::int, ${update.phase}::int),
              'progress', case
                when ${update.phase}::int > (${current}->>'phase')::int then ${update.progress}::int
                when ${update.phase}::int = (${current}->>'phase')::int
                  then greatest((${current}->>'progress')::int, ${update.progress}::int)
                else (${current}->>'progress')::int end,
              'messages', (${current}->>'messages')::int + ${update.messages}::int,
              'updatedAt', ${now}::text)
            end`,
          updatedAt: new Date(),
        })
        .where(
          sql`${whatsappConnections.id} = ${update.connectionId} and ${whatsappConnections.clientId} = ${update.clientId}`,
        )
        .returning();
      return row;
    },
  };
}
