ALTER TABLE "template_events" ADD COLUMN "previous_category" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "previous_category" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "pacing" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "pacing_at" timestamp with time zone;