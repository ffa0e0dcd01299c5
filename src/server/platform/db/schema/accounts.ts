import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ASSIGNMENT_MODES, type AwayMessages, type BusinessHours } from "../../../../contracts/automation";
import { USER_ROLES } from "../../../../contracts/roles";

/** A client is one recruiter company: the tenant. */
export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** ISO 3166 country used to read phone numbers typed without a country code. */
    defaultCountry: text("default_country").notNull().default("MA"),
    /** LinkoJob's own id of the company: single sign-on tokens may name the client by it. */
    externalId: text("external_id"),
    /** Suspended by LinkoJob's operators: no sends, no logins; inbound webhooks are still stored. */
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspensionReason: text("suspension_reason"),
    /** Users arrive only through LinkoJob's single sign-on: password login is refused. */
    isSsoOnly: boolean("is_sso_only").notNull().default(false),
    /** IANA time zone in which the client's recruiters give dates and times (a campaign's schedule). */
    timeZone: text("time_zone").notNull().default("Africa/Casablanca"),
    /** A campaign's conversations stay out of the inbox's "All" until the candidate replies. */
    hideUnansweredCampaignChats: boolean("hide_unanswered_campaign_chats").notNull().default(true),
    /** The last column mapping of a campaign file: which header feeds the phone, the name, each variable. */
    campaignColumnMapping:
      jsonb("campaign_column_mapping").$type<{ target: string; header?: string; text?: string }[]>(),
    /** Who a candidate's first message on an unassigned chat goes to (`ASSIGNMENT_MODES`). */
    assignmentMode: text("assignment_mode", { enum: ASSIGNMENT_MODES }).notNull().default("off"),
    /**
     * The round robin's counter: each automatic assignment takes the next turn with one atomic
     * increment (which also locks the row), so two candidates' first messages at once get two turns.
     */
    assignmentTurn: bigint("assignment_turn", { mode: "number" }).notNull().default(0),
    /** Reply with `away_messages` to a candidate who writes outside `business_hours`. */
    awayReplyEnabled: boolean("away_reply_enabled").notNull().default(false),
    /** Each weekday's opening in the client's time zone (`BusinessHours`); null: the default hours. */
    businessHours: jsonb("business_hours").$type<BusinessHours>(),
    /** The away message in French, English and Arabic (`AwayMessages`); null: none written yet. */
    awayMessages: jsonb("away_messages").$type<AwayMessages>(),
    /** Conversations without a message for this many months are deleted by the daily job; null keeps them. */
    retentionConversationMonths: integer("retention_conversation_months"),
    /** Media files older than this many months are deleted by the daily job; null keeps them. */
    retentionMediaMonths: integer("retention_media_months"),
    /**
     * The `Idempotency-Key` of the operator call that created the client, a fingerprint of its body
     * and its answer: a retried call gets that answer instead of creating another client.
     */
    creationIdempotencyKey: text("creation_idempotency_key"),
    creationFingerprint: text("creation_fingerprint"),
    creationResponse: jsonb("creation_response"),
    // To the millisecond, as `pageKeyAt` in ./columns (which imports this file): the operator's
    // client list is paged by it.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("clients_external_id_unique").on(t.externalId),
    uniqueIndex("clients_creation_idempotency_key_unique").on(t.creationIdempotencyKey),
    // The operators' list: newest first, keyset-paginated.
    index("clients_created_idx").on(t.createdAt.desc(), t.id.desc()),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    locale: text("locale", { enum: ["fr", "en", "ar"] })
      .notNull()
      .default("fr"),
    /** An argon2 hash, or NO_PASSWORD for users who arrive only through single sign-on. */
    passwordHash: text("password_hash").notNull(),
    /** LinkoJob's id of the user, set by single sign-on: the user is found by it even if the e-mail changes. */
    externalId: text("external_id"),
    isDisabled: boolean("is_disabled").notNull().default(false),
    /** The user takes new conversations from the automatic assignment; they switch it off when away. */
    isAvailable: boolean("is_available").notNull().default(true),
    /** The `Idempotency-Key` of the operator call that added the user, and a fingerprint of its body. */
    creationIdempotencyKey: text("creation_idempotency_key"),
    creationFingerprint: text("creation_fingerprint"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** The user's mentions in notes up to here are seen; later ones count as new. */
    mentionsSeenAt: timestamp("mentions_seen_at", { withTimezone: true }),
  },
  (t) => [
    // Login is by e-mail alone, so an address belongs to one user across all clients.
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_client_idx").on(t.clientId),
    uniqueIndex("users_client_external_id_unique").on(t.clientId, t.externalId),
    uniqueIndex("users_client_creation_idempotency_key_unique").on(t.clientId, t.creationIdempotencyKey),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie's token: a leaked table cannot be replayed as cookies. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key's public part, shown in lists so a key can be recognised without its secret. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole key: keys carry 256 random bits, so a fast hash is safe here. */
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_prefix_unique").on(t.prefix), index("api_keys_client_idx").on(t.clientId)],
);

/**
 * Credentials of LinkoJob's back office (the operator API), created by `npm run operator:create`;
 * apart from client API keys: they reach operator routes only, and no client's routes.
 */
export const operatorCredentials = pgTable(
  "operator_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    /** sha256 of the whole credential (256 random bits). */
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("operator_credentials_prefix_unique").on(t.prefix)],
);

/** The `jti` of every single sign-on token accepted, until it expires: a replay is refused. */
export const ssoTokenUses = pgTable(
  "sso_token_uses",
  {
    jti: text("jti").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sso_token_uses_expires_idx").on(t.expiresAt)],
);
