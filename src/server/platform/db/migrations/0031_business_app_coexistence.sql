ALTER TABLE "whatsapp_connections" ADD COLUMN "business_app" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "history_sync" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "origin" text;