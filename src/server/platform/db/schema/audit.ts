import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ownerClientId } from "./columns";

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    clientId: ownerClientId(),
    actorType: text("actor_type", { enum: ["user", "api_key", "system", "operator"] }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_client_idx").on(t.clientId, t.id),
    // The reports: a range's conversation status changes, and one conversation's before a resolution.
    index("audit_log_client_status_changes_idx")
      .on(t.clientId, t.createdAt)
      .where(sql`${t.action} = 'conversation.status_changed'`),
    index("audit_log_client_target_status_changes_idx")
      .on(t.clientId, t.targetId, t.createdAt)
      .where(sql`${t.action} = 'conversation.status_changed'`),
  ],
);

/**
 * Every call of LinkoJob's operators, whatever its outcome (append-only, like the clients' log);
 * what a call changed for a client is also in that client's own log.
 */
export const operatorAuditLog = pgTable(
  "operator_audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    /** The credential: an operator_credentials id, or "config" for OPERATOR_API_KEY. */
    operatorId: text("operator_id").notNull(),
    method: text("method").notNull(),
    route: text("route").notNull(),
    /** The client the call was about, when it named one (kept even if it named an unknown id). */
    clientId: uuid("client_id"),
    statusCode: integer("status_code").notNull(),
    errorCode: text("error_code"),
    ip: text("ip"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("operator_audit_log_client_idx").on(t.clientId, t.id)],
);
