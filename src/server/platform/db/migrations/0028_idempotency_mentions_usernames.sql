ALTER TABLE "users" ADD COLUMN "mentions_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "parent_bsuid" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "mentioned_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_mentioned_user_ids_idx" ON "notes" USING gin ("mentioned_user_ids");