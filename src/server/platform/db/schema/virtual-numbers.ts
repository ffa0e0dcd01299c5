import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, ownerClientId } from "./columns";
import { whatsappConnections } from "./connections";

/**
 * LinkoJob's own WhatsApp Business Account(s), connected once by the operator with a system-user
 * token (sealed in the token vault, bound to this row). Not tenant-owned: LinkoJob's.
 */
export const virtualWabas = pgTable("virtual_wabas", {
  id: uuid("id").primaryKey().defaultRandom(),
  wabaId: text("waba_id").notNull().unique(),
  businessId: text("business_id"),
  name: text("name"),
  /** AES-256-GCM sealed (token vault, context `virtual-waba:<id>:token`). */
  accessTokenSealed: text("access_token_sealed").notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/**
 * A number of LinkoJob's WABA in the pool. Its state is `available` or `assigned`; a released
 * number is `available` again only once `quarantined_until` has passed (the presenter says
 * `quarantined` until then).
 */
export const virtualNumbers = pgTable(
  "virtual_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    virtualWabaId: uuid("virtual_waba_id")
      .notNull()
      .references(() => virtualWabas.id, { onDelete: "restrict" }),
    phoneNumberId: text("phone_number_id").notNull(),
    displayPhoneNumber: text("display_phone_number").notNull(),
    state: text("state", { enum: ["available", "assigned"] })
      .notNull()
      .default("available"),
    quarantinedUntil: at("quarantined_until"),
    /** The two-step PIN LinkoJob set on the number (sealed, context `virtual-number:<id>:pin`). */
    pinSealed: text("pin_sealed").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("virtual_numbers_phone_unique").on(t.phoneNumberId)],
);

/**
 * Who held a pool number when: one row per assignment, kept after release (the client's history
 * stays with the connection it names). At most one open assignment per number.
 */
export const virtualNumberAssignments = pgTable(
  "virtual_number_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    virtualNumberId: uuid("virtual_number_id")
      .notNull()
      .references(() => virtualNumbers.id, { onDelete: "restrict" }),
    clientId: ownerClientId(),
    connectionId: uuid("connection_id").references(() => whatsappConnections.id, { onDelete: "set null" }),
    /** The display name the client asked for, submitted to Meta's review. */
    displayName: text("display_name").notNull(),
    assignedAt: at("assigned_at").notNull().defaultNow(),
    assignedBy: text("assigned_by").notNull(),
    releasedAt: at("released_at"),
    releasedBy: text("released_by"),
  },
  (t) => [
    uniqueIndex("virtual_number_assignments_open_unique")
      .on(t.virtualNumberId)
      .where(sql`${t.releasedAt} IS NULL`),
    index("virtual_number_assignments_client_idx").on(t.clientId),
  ],
);
