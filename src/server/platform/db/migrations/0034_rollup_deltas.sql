CREATE TABLE "cost_rollup_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"month" date NOT NULL,
	"connection_id" uuid,
	"sender_user_id" uuid,
	"campaign_id" uuid,
	"market" text NOT NULL,
	"category" text NOT NULL,
	"pricing_type" text NOT NULL,
	"messages" integer NOT NULL,
	"amount_mad" numeric(16, 4) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cost_rollup_deltas" ADD CONSTRAINT "cost_rollup_deltas_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cost_rollup_deltas_client_month_idx" ON "cost_rollup_deltas" USING btree ("client_id","month");--> statement-breakpoint
CREATE VIEW "cost_rollups_live" AS
	SELECT "client_id", "month", "connection_id", "sender_user_id", "campaign_id", "market", "category", "pricing_type", "messages", "amount_mad" FROM "cost_rollups"
	UNION ALL
	SELECT "client_id", "month", "connection_id", "sender_user_id", "campaign_id", "market", "category", "pricing_type", "messages", "amount_mad" FROM "cost_rollup_deltas";
