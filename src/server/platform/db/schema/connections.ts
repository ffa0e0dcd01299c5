import { sql } from "drizzle-orm";
import {
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
import { sessions, users } from "./accounts";
import { ownerClientId } from "./columns";

export const ONBOARDING_STEPS = [
  "exchange",
  "discover",
  "details",
  "subscribe",
  "register",
  "activate",
] as const;
export type OnboardingStepName = (typeof ONBOARDING_STEPS)[number];

export interface OnboardingStepState {
  status: "pending" | "running" | "done" | "failed" | "skipped";
  at?: string;
  errorCode?: number;
  error?: string;
}

export interface HistorySyncState {
  /** `shared` while chunks arrive, `declined` when the business did not share its history. */
  status: "shared" | "declined";
  /** The highest phase seen (0: the first day, 1: up to 90 days, 2: up to 180 days). */
  phase: number;
  /** Meta's progress of that phase, 0–100. */
  progress: number;
  messages: number;
  updatedAt: string;
}

/** One WhatsApp Business number of a client: its own (Embedded Signup) or one of LinkoJob's, lent to it. */
export const whatsappConnections = pgTable(
  "whatsapp_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    state: text("state", { enum: ["onboarding", "active", "needs_reconnect", "failed", "disconnected"] })
      .notNull()
      .default("onboarding"),
    businessId: text("business_id"),
    wabaId: text("waba_id"),
    phoneNumberId: text("phone_number_id"),
    displayPhoneNumber: text("display_phone_number"),
    verifiedName: text("verified_name"),
    qualityRating: text("quality_rating"),
    messagingLimitTier: text("messaging_limit_tier"),
    nameStatus: text("name_status"),
    throughputLevel: text("throughput_level"),
    numberStatus: text("number_status"),
    onboardingSteps: jsonb("onboarding_steps")
      .$type<Partial<Record<OnboardingStepName, OnboardingStepState>>>()
      .notNull()
      .default({}),
    /** AES-256-GCM sealed (token vault); never leaves the server. */
    accessTokenSealed: text("access_token_sealed"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    tokenCheckedAt: timestamp("token_checked_at", { withTimezone: true }),
    pinSealed: text("pin_sealed"),
    pinSource: text("pin_source", { enum: ["generated", "client"] }),
    /** Times of register/deregister calls: Meta allows 10 per number per 72 hours. */
    registrationAttempts: jsonb("registration_attempts").$type<string[]>().notNull().default([]),
    /** Why the connection needs attention, in words (needs_reconnect, failed, health warnings). */
    stateReason: text("state_reason"),
    healthWarnings: jsonb("health_warnings").$type<string[]>().notNull().default([]),
    /** Messages per second the number may send (80 by default, up to 1,000). */
    throughputPerSecond: integer("throughput_per_second").notNull().default(80),
    /**
     * Set on a connection to one of LinkoJob's own numbers (a shared WABA, see virtual-numbers):
     * the client's templates live at Meta under this per-client prefix (`lj<client id hex>_`),
     * so two clients' names never collide there and each sees only its own.
     */
    templateNamePrefix: text("template_name_prefix"),
    /** A display name submitted to Meta's review and not yet approved (the name candidates will see). */
    requestedName: text("requested_name"),
    /**
     * A number that stays on the WhatsApp Business app too ("coexistence", Embedded Signup's
     * `whatsapp_business_app_onboarding`): never registered by us, fixed at 20 messages per second,
     * no groups or calling; what the recruiter sends from the phone arrives as echoes.
     */
    businessApp: boolean("business_app").notNull().default(false),
    /** The app's chat history import, as Meta's `history` chunks report it (phase 0–2, progress %). */
    historySync: jsonb("history_sync").$type<HistorySyncState>(),
    connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("whatsapp_connections_client_idx").on(t.clientId),
    // A number routes webhooks to exactly one connection, whichever client holds it.
    uniqueIndex("whatsapp_connections_phone_unique").on(t.phoneNumberId),
    index("whatsapp_connections_waba_idx").on(t.wabaId),
  ],
);

/** The `state` of an Embedded Signup attempt, bound to the session that started it (CSRF, replay). */
export const signupStates = pgTable(
  "signup_states",
  {
    /** sha256 of the state value sent to Meta. */
    id: text("id").primaryKey(),
    clientId: ownerClientId(),
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    index("signup_states_client_idx").on(t.clientId),
    index("signup_states_expires_idx").on(t.expiresAt).where(sql`${t.usedAt} IS NULL`),
  ],
);

/**
 * One business-initiated send (a template outside the customer-service window) counted against
 * the business portfolio's messaging limit: Meta counts the unique users reached this way in a
 * rolling 24 h. The rows are the count, shared by every process; a portfolio's rows belong to one
 * client (a client's count never mixes with another's).
 */
export const messagingLimitReaches = pgTable(
  "messaging_limit_reaches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    /** The business portfolio (Meta's business id; the WABA when the portfolio is unknown). */
    portfolioId: text("portfolio_id").notNull(),
    /** The user reached: WhatsApp id, else the phone number. */
    recipient: text("recipient").notNull(),
    reachedAt: timestamp("reached_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messaging_limit_reaches_portfolio_idx").on(t.clientId, t.portfolioId, t.reachedAt)],
);
