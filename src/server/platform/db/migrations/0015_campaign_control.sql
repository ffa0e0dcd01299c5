ALTER TABLE "clients" ADD COLUMN "time_zone" text DEFAULT 'Africa/Casablanca' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "hide_unanswered_campaign_chats" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "campaign_column_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "attempt" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "status" text DEFAULT 'sending' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "follow_up_of" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
CREATE INDEX "conversations_client_campaign_idx" ON "conversations" USING btree ("client_id","campaign_id");