import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { USER_ROLES } from "../../../../contracts/roles";

/** A client is one recruiter company: the tenant. */
export const clients = pgTable("clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** ISO 3166 country used to read phone numbers typed without a country code. */
  defaultCountry: text("default_country").notNull().default("MA"),
  /** IANA time zone in which the client's recruiters give dates and times (a campaign's schedule). */
  timeZone: text("time_zone").notNull().default("Africa/Casablanca"),
  /** A campaign's conversations stay out of the inbox's "All" until the candidate replies. */
  hideUnansweredCampaignChats: boolean("hide_unanswered_campaign_chats").notNull().default(true),
  /** The last column mapping of a campaign file: which header feeds the phone, the name, each variable. */
  campaignColumnMapping:
    jsonb("campaign_column_mapping").$type<{ target: string; header?: string; text?: string }[]>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

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
    passwordHash: text("password_hash").notNull(),
    isDisabled: boolean("is_disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  },
  (t) => [
    // Login is by e-mail alone, so an address belongs to one user across all clients.
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_client_idx").on(t.clientId),
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
