ALTER TABLE "clients" ADD COLUMN "assignment_mode" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "assignment_turn" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "away_reply_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "away_messages" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_available" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "away_replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sender_automation" text;