CREATE TABLE "messaging_limit_reaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"portfolio_id" text NOT NULL,
	"recipient" text NOT NULL,
	"reached_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "waiting_reason" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "waiting_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messaging_limit_reaches" ADD CONSTRAINT "messaging_limit_reaches_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messaging_limit_reaches_portfolio_idx" ON "messaging_limit_reaches" USING btree ("client_id","portfolio_id","reached_at");