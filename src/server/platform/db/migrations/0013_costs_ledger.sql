CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid,
	"monthly_mad" numeric(12, 2) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_client_user_unique" UNIQUE NULLS NOT DISTINCT("client_id","user_id"),
	CONSTRAINT "budgets_positive" CHECK ("budgets"."monthly_mad" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cost_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"connection_id" uuid,
	"conversation_id" uuid,
	"sender_user_id" uuid,
	"campaign_id" uuid,
	"market" text NOT NULL,
	"category" text NOT NULL,
	"pricing_type" text NOT NULL,
	"amount_mad" numeric(14, 4) NOT NULL,
	"rate_card_id" integer,
	"billed_at" timestamp with time zone NOT NULL,
	"month" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_ledger_message_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "cost_rollups" (
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
	"amount_mad" numeric(16, 4) NOT NULL,
	CONSTRAINT "cost_rollups_key" UNIQUE NULLS NOT DISTINCT("client_id","month","connection_id","sender_user_id","campaign_id","market","category","pricing_type")
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"mad_per_unit" numeric(14, 6) NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"entered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."mad_per_unit" > 0)
);
--> statement-breakpoint
CREATE TABLE "rate_cards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"market" text NOT NULL,
	"category" text NOT NULL,
	"pricing_type" text NOT NULL,
	"price" numeric(14, 6) NOT NULL,
	"currency" text NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"entered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_cards_price_positive" CHECK ("rate_cards"."price" >= 0)
);
--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_connection_id_whatsapp_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."whatsapp_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_rollups" ADD CONSTRAINT "cost_rollups_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cost_ledger_client_month_idx" ON "cost_ledger" USING btree ("client_id","month");--> statement-breakpoint
CREATE INDEX "exchange_rates_lookup_idx" ON "exchange_rates" USING btree ("currency","effective_from");--> statement-breakpoint
CREATE INDEX "rate_cards_lookup_idx" ON "rate_cards" USING btree ("market","category","pricing_type","effective_from");--> statement-breakpoint
CREATE INDEX "campaign_recipients_message_idx" ON "campaign_recipients" USING btree ("message_id");