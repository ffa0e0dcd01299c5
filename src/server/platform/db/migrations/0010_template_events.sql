-- A template's history (submitted, edited, reviewed, paused, recategorised), and what the studio needs on the template itself.
CREATE TABLE "template_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"template_id" uuid,
	"meta_template_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text,
	"category" text,
	"reason" text,
	"detail" text,
	"quality_score" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "approved_edits" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "last_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "template_events" ADD CONSTRAINT "template_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_events" ADD CONSTRAINT "template_events_connection_id_whatsapp_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."whatsapp_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_events" ADD CONSTRAINT "template_events_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_events_template_idx" ON "template_events" USING btree ("client_id","template_id","at");--> statement-breakpoint
CREATE INDEX "template_events_parked_idx" ON "template_events" USING btree ("connection_id","meta_template_id") WHERE "template_events"."template_id" IS NULL;