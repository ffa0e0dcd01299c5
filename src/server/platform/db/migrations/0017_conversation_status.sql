CREATE TABLE "conversation_preferences" (
	"client_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pinned_at" timestamp with time zone,
	"is_muted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_preferences_user_id_conversation_id_pk" PRIMARY KEY("user_id","conversation_id")
);
--> statement-breakpoint
DROP INDEX "conversations_client_unread_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "is_marked_unread" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_preferences" ADD CONSTRAINT "conversation_preferences_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_preferences" ADD CONSTRAINT "conversation_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_preferences" ADD CONSTRAINT "conversation_preferences_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_preferences_client_user_pinned_idx" ON "conversation_preferences" USING btree ("client_id","user_id") WHERE "conversation_preferences"."pinned_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_client_status_recent_idx" ON "conversations" USING btree ("client_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "conversations_client_active_assignee_recent_idx" ON "conversations" USING btree ("client_id","assignee_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."archived_at" IS NULL AND "conversations"."status" IN ('open', 'waiting');--> statement-breakpoint
CREATE INDEX "conversations_client_archived_recent_idx" ON "conversations" USING btree ("client_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."archived_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_client_unread_idx" ON "conversations" USING btree ("client_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE ("conversations"."unread_count" > 0 OR "conversations"."is_marked_unread") AND "conversations"."archived_at" IS NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_snooze_time" CHECK (("conversations"."status" = 'snoozed') = ("conversations"."snoozed_until" IS NOT NULL));