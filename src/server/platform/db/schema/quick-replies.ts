import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, ownerClientId } from "./columns";

/**
 * Answers a recruiter types with `/shortcut`: the client's shared ones (no owner) and each
 * recruiter's personal ones. One row per language, so a shortcut may have a body in fr, ar and en.
 */
export const quickReplies = pgTable(
  "quick_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    /** Null for the client's shared replies; the recruiter's id for a personal one (gone with them). */
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    language: text("language", { enum: ["fr", "ar", "en"] }).notNull(),
    body: text("body").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("quick_replies_client_owner_idx").on(t.clientId, t.ownerUserId, t.shortcut),
    // One shortcut per language in each scope: the shared ones, and each recruiter's own.
    uniqueIndex("quick_replies_shared_shortcut_uq")
      .on(t.clientId, t.shortcut, t.language)
      .where(sql`${t.ownerUserId} IS NULL`),
    uniqueIndex("quick_replies_personal_shortcut_uq")
      .on(t.clientId, t.ownerUserId, t.shortcut, t.language)
      .where(sql`${t.ownerUserId} IS NOT NULL`),
    check("quick_replies_language_check", sql`${t.language} IN ('fr', 'ar', 'en')`),
  ],
);
