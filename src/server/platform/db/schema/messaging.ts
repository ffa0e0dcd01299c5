import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { MESSAGE_AUTOMATIONS } from "../../../../contracts/automation";
import { CONTACT_LANGUAGES, LANGUAGE_SOURCES } from "../../../../contracts/contact-language";
import { CONVERSATION_STATUSES } from "../../../../contracts/conversation-status";
import { PIPELINE_COLORS, STAGE_KINDS } from "../../../../contracts/hiring-stages";
import { MESSAGE_ORIGINS, MESSAGE_STATUSES } from "../../../../contracts/message-status";
import { apiKeys, users } from "./accounts";
import { at, bytes, ownerClientId, pageKeyAt } from "./columns";
import { whatsappConnections } from "./connections";

/** A candidate as one client knows them: WhatsApp identity, LinkoJob references, consent. */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    /** The identity Meta returns (can differ from the number typed: Mexico 521, Argentina 549, Brazil). */
    waId: text("wa_id"),
    /**
     * 2026 business-scoped user id (BSUID, Meta's `user_id`): with the client, the candidate's key
     * when WhatsApp withholds the number (a username-only user). A number change brings a new one.
     */
    bsuid: text("bsuid"),
    /** Meta's parent BSUID (`parent_user_id`, `CC.ENT.…`) for managed enterprises; kept, never keyed on. */
    parentBsuid: text("parent_bsuid"),
    /** The WhatsApp username the candidate adopted (shown instead of a number they withhold). */
    username: text("username"),
    /** E.164 as normalised from what the recruiter typed; none for a username-only candidate. */
    phone: text("phone"),
    profileName: text("profile_name"),
    name: text("name"),
    /**
     * The names and the username folded by `lj_fold` (accents, case, Arabic harakat aside), stored:
     * the search's trigram index finds candidates and each is checked on these as they are, rather
     * than folded again (6 µs a call: 20 ms for a surname 3,000 candidates share).
     */
    nameFolded: text("name_folded").generatedAlwaysAs(sql`lj_fold(name)`),
    profileNameFolded: text("profile_name_folded").generatedAlwaysAs(sql`lj_fold(profile_name)`),
    usernameFolded: text("username_folded").generatedAlwaysAs(sql`lj_fold(username)`),
    externalCandidateId: text("external_candidate_id"),
    externalJobRef: text("external_job_ref"),
    optedOutAt: at("opted_out_at"),
    optOutSource: text("opt_out_source"),
    optedInAt: at("opted_in_at"),
    optInSource: text("opt_in_source"),
    /** Meta held back a marketing message to them (131049): no marketing template before this time. */
    marketingHeldUntil: at("marketing_held_until"),
    /** The language the candidate is written to in (the away reply's, the templates proposed); null: not known. */
    language: text("language", { enum: CONTACT_LANGUAGES }),
    /** Who set it: detection from their messages replaces only its own guesses, never a person's choice. */
    languageSource: text("language_source", { enum: LANGUAGE_SOURCES }),
    createdAt: pageKeyAt("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_client_wa_id_unique").on(t.clientId, t.waId),
    uniqueIndex("contacts_client_bsuid_unique").on(t.clientId, t.bsuid),
    uniqueIndex("contacts_client_phone_unique").on(t.clientId, t.phone),
    index("contacts_client_external_idx").on(t.clientId, t.externalCandidateId),
    check("contacts_language_check", sql`${t.language} IN ('fr', 'ar', 'en')`),
    check(
      "contacts_language_source_check",
      sql`(${t.language} IS NULL) = (${t.languageSource} IS NULL) AND ${t.languageSource} IN ('detected', 'recruiter', 'integration')`,
    ),
    // The opted-out chip: the few candidates who opted out, without reading every contact of the client.
    index("contacts_client_opted_out_idx").on(t.clientId).where(sql`${t.optedOutAt} IS NOT NULL`),
    // The inbox search (`like '%…%'` on the folded names and WhatsApp username, accents and case
    // aside, and on the phone): trigrams, client first (`btree_gin`), one index.
    index("contacts_client_search_folded_trgm_idx").using(
      "gin",
      t.clientId,
      t.nameFolded.op("gin_trgm_ops"),
      t.profileNameFolded.op("gin_trgm_ops"),
      t.usernameFolded.op("gin_trgm_ops"),
      t.phone.op("gin_trgm_ops"),
    ),
  ],
);

/** One candidate on one business number: the chat a recruiter opens. */
const paletteCheck = (name: string, color: { getSQL(): unknown } & object) =>
  check(
    name,
    sql`${color} IN (${sql.join(
      PIPELINE_COLORS.map((c) => sql.raw(`'${c}'`)),
      sql`, `,
    )})`,
  );

/**
 * A client's hiring stages, in its order (`position`, 0 first): a conversation stands at one of
 * them or none. `closed` stages end the hiring (hired, rejected). Seeded for every client.
 */
export const hiringStages = pgTable(
  "hiring_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    name: text("name").notNull(),
    color: text("color", { enum: PIPELINE_COLORS }).notNull(),
    kind: text("kind", { enum: STAGE_KINDS }).notNull().default("active"),
    position: integer("position").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // The target of the conversations' (client, stage) key: a stage is only ever another client's by mistake.
    unique("hiring_stages_client_id_id_uq").on(t.clientId, t.id),
    uniqueIndex("hiring_stages_client_name_uq").on(t.clientId, sql`lower(${t.name})`),
    index("hiring_stages_client_position_idx").on(t.clientId, t.position),
    paletteCheck("hiring_stages_color_check", t.color),
    check("hiring_stages_kind_check", sql`${t.kind} IN ('active', 'closed')`),
  ],
);

/** A client's free labels, put on conversations by the team (`conversation_labels`). */
export const labels = pgTable(
  "labels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    name: text("name").notNull(),
    color: text("color", { enum: PIPELINE_COLORS }).notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("labels_client_id_id_uq").on(t.clientId, t.id),
    uniqueIndex("labels_client_name_uq").on(t.clientId, sql`lower(${t.name})`),
    paletteCheck("labels_color_check", t.color),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => whatsappConnections.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** Start of the 24-hour customer-service window: the candidate's last message. */
    lastInboundAt: at("last_inbound_at"),
    lastMessageAt: pageKeyAt("last_message_at"),
    lastMessagePreview: text("last_message_preview"),
    lastMessageDirection: text("last_message_direction", { enum: ["inbound", "outbound"] }),
    unreadCount: integer("unread_count").notNull().default(0),
    /** The candidate wrote last and nobody answered yet. */
    isAwaitingReply: boolean("is_awaiting_reply").notNull().default(false),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** The campaign that last wrote to the candidate here (a tag in the inbox, a filter). */
    campaignId: uuid("campaign_id"),
    /** Hidden from every view but "archived"; a candidate's message brings the chat back. */
    archivedAt: at("archived_at"),
    /** open, waiting (for the candidate), resolved or snoozed; a candidate's message reopens it. */
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("open"),
    /** When a snoozed conversation reopens by itself (set only while snoozed). */
    snoozedUntil: at("snoozed_until"),
    statusChangedAt: at("status_changed_at"),
    /** A recruiter marked it unread for the team (as WhatsApp does); opening it clears the mark. */
    isMarkedUnread: boolean("is_marked_unread").notNull().default(false),
    /** When the away reply was last sent here: at most one per `AWAY_REPLY_INTERVAL_MS`. */
    awayRepliedAt: at("away_replied_at"),
    /** The candidate's hiring stage in this chat: one of the same client's stages (the key says so). */
    stageId: uuid("stage_id"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("conversations_snooze_time", sql`(${t.status} = 'snoozed') = (${t.snoozedUntil} IS NOT NULL)`),
    // Client and stage together: a conversation cannot stand at another client's stage. Deleting a
    // stage in use is refused here; the service moves its chats first.
    foreignKey({
      name: "conversations_client_stage_fk",
      columns: [t.clientId, t.stageId],
      foreignColumns: [hiringStages.clientId, hiringStages.id],
    }),
    // The stage filter, in the inbox's order.
    index("conversations_client_stage_recent_idx")
      .on(t.clientId, t.stageId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.stageId} IS NOT NULL`),
    uniqueIndex("conversations_connection_contact_unique").on(t.connectionId, t.contactId),
    // Exactly the inbox's order (`last_message_at desc, id desc`, nulls first as Postgres sorts them),
    // so a page is read from the index instead of sorting the client's conversations.
    index("conversations_client_recent_idx").on(
      t.clientId,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_client_assignee_idx").on(t.clientId, t.assigneeId),
    // The open windows' chip and counts: the few chats a candidate wrote to in the last 24 hours.
    index("conversations_client_inbound_idx").on(t.clientId, t.lastInboundAt),
    index("conversations_client_campaign_idx").on(t.clientId, t.campaignId),
    // The inbox search goes from the contacts it matched to their conversations.
    index("conversations_client_contact_idx").on(t.clientId, t.contactId),
    // The views, in the inbox's order, each a range of one index: "snoozed" and "resolved" (and
    // "open", two statuses) by status; "mine" and "unassigned" by assignee among the active ones;
    // "archived" apart. The unread chip, alone or with a view, reads the unread rows in order.
    index("conversations_client_status_recent_idx")
      .on(t.clientId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.archivedAt} IS NULL`),
    index("conversations_client_active_assignee_recent_idx")
      .on(t.clientId, t.assigneeId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.archivedAt} IS NULL AND ${t.status} IN ('open', 'waiting')`),
    index("conversations_client_archived_recent_idx")
      .on(t.clientId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.archivedAt} IS NOT NULL`),
    index("conversations_client_unread_idx")
      .on(t.clientId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`(${t.unreadCount} > 0 OR ${t.isMarkedUnread}) AND ${t.archivedAt} IS NULL`),
  ],
);

/** One user's own settings for a conversation: pinned to the top of their list, muted for them. */
export const conversationPreferences = pgTable(
  "conversation_preferences",
  {
    clientId: ownerClientId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    pinnedAt: at("pinned_at"),
    isMuted: boolean("is_muted").notNull().default(false),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.conversationId] }),
    index("conversation_preferences_client_user_pinned_idx")
      .on(t.clientId, t.userId)
      .where(sql`${t.pinnedAt} IS NOT NULL`),
  ],
);

/** The labels on a conversation; the label is the same client's (the key says so). */
export const conversationLabels = pgTable(
  "conversation_labels",
  {
    clientId: ownerClientId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    labelId: uuid("label_id").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    foreignKey({
      name: "conversation_labels_client_label_fk",
      columns: [t.clientId, t.labelId],
      foreignColumns: [labels.clientId, labels.id],
    }).onDelete("cascade"),
    // The label filter and counts, and the cascade of a deleted label.
    index("conversation_labels_client_label_idx").on(t.clientId, t.labelId, t.conversationId),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    /** Meta's message id; one row per wamid, whatever Meta retries or duplicates. */
    wamid: text("wamid"),
    type: text("type").notNull(),
    /** The typed content model (see contracts/messages); unknown types keep Meta's raw object. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** Plain text of the message for search and previews. */
    text: text("text"),
    /**
     * What the inbox search reads: the text and the file's name, folded (`lj_message_search_text`:
     * accents, case, Arabic harakat aside). Stored, so a search compares it as it is, row by row.
     */
    searchText: text("search_text").generatedAlwaysAs(sql`lj_message_search_text(text, content)`),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    sentAt: at("sent_at"),
    deliveredAt: at("delivered_at"),
    readAt: at("read_at"),
    failedAt: at("failed_at"),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    pricingCategory: text("pricing_category"),
    pricingType: text("pricing_type"),
    isBillable: boolean("is_billable"),
    templateName: text("template_name"),
    templateLanguage: text("template_language"),
    replyToWamid: text("reply_to_wamid"),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    senderApiKeyId: uuid("sender_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    /** Sent by an inbox rule rather than a person or a key: `away_reply`. */
    senderAutomation: text("sender_automation", { enum: MESSAGE_AUTOMATIONS }),
    /**
     * Where a message Meta told us of, not sent through LinkoJob, came from: `business_app` for an
     * echo of what the recruiter sent from the WhatsApp Business app, `history` for the app's chat
     * history imported at onboarding (both directions).
     */
    origin: text("origin", { enum: MESSAGE_ORIGINS }),
    idempotencyKey: text("idempotency_key"),
    /** What the call that used `idempotencyKey` asked for: the same key with another body is refused. */
    idempotencyFingerprint: text("idempotency_fingerprint"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    /** When Meta says it happened (inbound: the candidate's send time). */
    occurredAt: pageKeyAt("occurred_at").notNull().defaultNow(),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_wamid_unique").on(t.wamid),
    uniqueIndex("messages_client_idempotency_unique").on(t.clientId, t.idempotencyKey),
    // The chat's order (`occurred_at desc, id desc`): a page of a long chat is read, not sorted.
    index("messages_client_conversation_idx").on(
      t.clientId,
      t.conversationId,
      t.occurredAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The inbox search, newest first: a common word is met early walking the client's latest
    // messages in time order (`message-search.repository.ts`).
    index("messages_client_occurred_idx").on(
      t.clientId,
      t.occurredAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The reports: what the team's people wrote in a range (their answers), without the candidates'.
    index("messages_client_person_sent_idx")
      .on(t.clientId, t.occurredAt)
      .where(sql`${t.direction} = 'outbound' AND ${t.senderUserId} IS NOT NULL`),
    // The inbox search in message text and file names, folded: trigrams, client first (`btree_gin`).
    index("messages_client_search_text_trgm_idx").using("gin", t.clientId, t.searchText.op("gin_trgm_ops")),
    // A chat page's reactions, by the messages they aim at (else every page read the client's messages).
    index("messages_client_reaction_target_idx")
      .on(t.clientId, sql`(${t.content}->'content'->>'targetWamid')`)
      .where(sql`${t.type} = 'reaction'`),
  ],
);

/** A file of a message, downloaded from Meta at once (its URLs expire in 5 minutes) and kept. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    /** Null while an uploaded file waits to be sent. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["inbound", "outbound"] })
      .notNull()
      .default("inbound"),
    /** Meta's id: from the webhook (inbound), or from our upload to the sending number (outbound). */
    metaMediaId: text("meta_media_id"),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    mimeType: text("mime_type"),
    sizeBytes: integer("size_bytes"),
    sha256: text("sha256"),
    filename: text("filename"),
    storageKey: text("storage_key"),
    status: text("status", { enum: ["pending", "stored", "failed"] })
      .notNull()
      .default("pending"),
    error: text("error"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("media_client_message_idx").on(t.clientId, t.messageId)],
);

/** Private notes of the recruiting team on a conversation. */
export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** Colleagues the note @mentions (users of the same client, checked when it is written). */
    mentionedUserIds: uuid("mentioned_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("notes_client_conversation_idx").on(t.clientId, t.conversationId, t.createdAt),
    // "Where was I mentioned": the notes whose list holds a user.
    index("notes_mentioned_user_ids_idx").using("gin", t.mentionedUserIds),
  ],
);

/** A connection's message templates as last synced from Meta. */
export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => whatsappConnections.id, { onDelete: "cascade" }),
    metaTemplateId: text("meta_template_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    /** The category before Meta's last recategorisation (`template_category_update`); null if never. */
    previousCategory: text("previous_category"),
    status: text("status").notNull(),
    qualityScore: text("quality_score"),
    /**
     * Meta's pacing of the template, as its last send answered (`message_status`): `held_for_quality_assessment`
     * (a new template's sends held while Meta judges its quality) or `paused`; null once Meta accepts its sends.
     */
    pacing: text("pacing"),
    pacingAt: at("pacing_at"),
    parameterFormat: text("parameter_format", { enum: ["POSITIONAL", "NAMED"] })
      .notNull()
      .default("POSITIONAL"),
    components: jsonb("components").$type<Record<string, unknown>[]>().notNull(),
    rejectionReason: text("rejection_reason"),
    /** Why the status: the rejection reason, or the pause title (FIRST_PAUSE, RATE_LIMITING_PAUSE…). */
    statusReason: text("status_reason"),
    /** Edits made while approved, which Meta limits (1 per 24 h, 10 per 30 days). */
    approvedEdits: jsonb("approved_edits").$type<string[]>().notNull().default([]),
    /** The last change of status, category, quality or content, by us or by Meta. */
    lastChangedAt: at("last_changed_at").notNull().defaultNow(),
    syncedAt: at("synced_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("templates_connection_name_language_unique").on(t.connectionId, t.name, t.language),
    index("templates_client_idx").on(t.clientId, t.connectionId),
  ],
);

/**
 * A template's story: submitted or edited here, then each status, category and quality change
 * Meta announced, with its reason. A change for a template not stored yet (Meta's webhook can
 * beat the answer to the create call) waits with `templateId` null until the template is stored.
 */
export const templateEvents = pgTable(
  "template_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    clientId: ownerClientId(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => whatsappConnections.id, { onDelete: "cascade" }),
    templateId: uuid("template_id").references(() => templates.id, { onDelete: "cascade" }),
    metaTemplateId: text("meta_template_id").notNull(),
    kind: text("kind", {
      enum: ["submitted", "edited", "status", "category", "quality", "deleted"],
    }).notNull(),
    status: text("status"),
    category: text("category"),
    /** A recategorisation's category before it (Meta's `previous_category`). */
    previousCategory: text("previous_category"),
    reason: text("reason"),
    detail: text("detail"),
    qualityScore: text("quality_score"),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("template_events_template_idx").on(t.clientId, t.templateId, t.at),
    index("template_events_parked_idx")
      .on(t.connectionId, t.metaTemplateId)
      .where(sql`${t.templateId} IS NULL`),
  ],
);

/** Every webhook delivery as received, before any parsing: nothing Meta sends is lost. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** sha256 of the raw body: Meta's retries of one delivery are stored once. */
    bodySha256: text("body_sha256").notNull(),
    /**
     * The body as received, as text: every delivery PostgreSQL can hold as text (UTF-8 without
     * NUL), which is all of Meta's. Other bytes go to `raw_bytes` instead, unchanged.
     */
    rawBody: text("raw_body"),
    rawBytes: bytes("raw_bytes"),
    receivedAt: at("received_at").notNull().defaultNow(),
    processedAt: at("processed_at"),
    attempts: integer("attempts").notNull().default(0),
    /** When a failed processing is tried again (back-off); the row itself is the queue entry. */
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    error: text("error"),
    /**
     * Set when processing failed `WEBHOOK_MAX_ATTEMPTS` times (`error` says the last reason): no
     * longer taken, until an operator replays it. `processed_at` stays null.
     */
    deadAt: at("dead_at"),
    /** Changes for numbers no client holds (kept to be looked at, never dropped). */
    unroutable: jsonb("unroutable").$type<Record<string, unknown>[]>(),
    /**
     * Its number and candidate, hashed (`delivery-key.ts`): a claim skips the deliveries whose key
     * another batch holds. Null: no candidate named, taken by any batch.
     */
    candidateKey: integer("candidate_key"),
  },
  (t) => [
    uniqueIndex("webhook_events_body_unique").on(t.bodySha256),
    check("webhook_events_body_once", sql`(${t.rawBody} IS NULL) <> (${t.rawBytes} IS NULL)`),
    index("webhook_events_pending_idx").on(t.nextAttemptAt, t.id).where(sql`${t.processedAt} IS NULL`),
  ],
);

/** A status for a wamid not stored yet (Meta can report `sent` before our send call returns). */
export const parkedStatuses = pgTable(
  "parked_statuses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    wamid: text("wamid").notNull(),
    status: jsonb("status").$type<Record<string, unknown>>().notNull(),
    receivedAt: at("received_at").notNull().defaultNow(),
  },
  (t) => [index("parked_statuses_wamid_idx").on(t.wamid)],
);

/** Domain events of a client, recorded with the change; sockets replay them to a tab that reconnects. */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    clientId: ownerClientId(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("domain_events_client_idx").on(t.clientId, t.id)],
);

/**
 * Rate budgets shared by every worker process (GCRA): `tat` is the theoretical time the next send
 * may go; reserving a slot is one atomic upsert.
 */
export const rateBudgets = pgTable("rate_budgets", {
  key: text("key").primaryKey(),
  tat: at("tat").notNull(),
});
