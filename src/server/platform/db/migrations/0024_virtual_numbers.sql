CREATE TABLE "virtual_number_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"virtual_number_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"connection_id" uuid,
	"display_name" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" text NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" text
);
--> statement-breakpoint
CREATE TABLE "virtual_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"virtual_waba_id" uuid NOT NULL,
	"phone_number_id" text NOT NULL,
	"display_phone_number" text NOT NULL,
	"state" text DEFAULT 'available' NOT NULL,
	"quarantined_until" timestamp with time zone,
	"pin_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "virtual_wabas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"waba_id" text NOT NULL,
	"business_id" text,
	"name" text,
	"access_token_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_wabas_waba_id_unique" UNIQUE("waba_id")
);
--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "template_name_prefix" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "requested_name" text;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD COLUMN "virtual_number_id" uuid;--> statement-breakpoint
ALTER TABLE "virtual_number_assignments" ADD CONSTRAINT "virtual_number_assignments_virtual_number_id_virtual_numbers_id_fk" FOREIGN KEY ("virtual_number_id") REFERENCES "public"."virtual_numbers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_number_assignments" ADD CONSTRAINT "virtual_number_assignments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_number_assignments" ADD CONSTRAINT "virtual_number_assignments_connection_id_whatsapp_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."whatsapp_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_numbers" ADD CONSTRAINT "virtual_numbers_virtual_waba_id_virtual_wabas_id_fk" FOREIGN KEY ("virtual_waba_id") REFERENCES "public"."virtual_wabas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "virtual_number_assignments_open_unique" ON "virtual_number_assignments" USING btree ("virtual_number_id") WHERE "virtual_number_assignments"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "virtual_number_assignments_client_idx" ON "virtual_number_assignments" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "virtual_numbers_phone_unique" ON "virtual_numbers" USING btree ("phone_number_id");--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_virtual_number_id_virtual_numbers_id_fk" FOREIGN KEY ("virtual_number_id") REFERENCES "public"."virtual_numbers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_virtual_number_month_unique" UNIQUE("client_id","virtual_number_id","month");--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_message_or_fee" CHECK (("cost_ledger"."category" = 'virtual_number') = ("cost_ledger"."virtual_number_id" IS NOT NULL) AND ("cost_ledger"."message_id" IS NULL OR "cost_ledger"."virtual_number_id" IS NULL));--> statement-breakpoint
-- A LinkoJob number's monthly fee, as data in the rate card (any market, category `virtual_number`,
-- type `monthly`): 10.50 MAD a month per client, the price of LinkoJob's plan. A new price is a new
-- row from a day on (`npm run rates:set -- --market '*' --category virtual_number --type monthly …`).
INSERT INTO "rate_cards" ("market", "category", "pricing_type", "price", "currency", "effective_from", "source", "entered_by") VALUES
  ('*', 'virtual_number', 'monthly', 10.50, 'MAD', '2025-01-01', 'LinkoJob plan: a LinkoJob number costs the client 10.50 MAD per month', 'seed');
