import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clients } from "./accounts";

/** One WhatsApp Business number connected by a client through Embedded Signup. */
export const whatsappConnections = pgTable(
  "whatsapp_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["onboarding", "active", "needs_reconnect", "failed", "disconnected"] })
      .notNull()
      .default("onboarding"),
    wabaId: text("waba_id"),
    phoneNumberId: text("phone_number_id"),
    displayPhoneNumber: text("display_phone_number"),
    verifiedName: text("verified_name"),
    qualityRating: text("quality_rating"),
    messagingLimitTier: text("messaging_limit_tier"),
    onboardingSteps: jsonb("onboarding_steps").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("whatsapp_connections_client_idx").on(t.clientId),
    // A number routes webhooks to exactly one connection.
    uniqueIndex("whatsapp_connections_phone_unique").on(t.phoneNumberId),
  ],
);
