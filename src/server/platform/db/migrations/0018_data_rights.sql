ALTER TABLE "cost_ledger" DROP CONSTRAINT "cost_ledger_message_id_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "cost_ledger" ALTER COLUMN "message_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "retention_conversation_months" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "retention_media_months" integer;--> statement-breakpoint
ALTER TABLE "cost_ledger" ADD CONSTRAINT "cost_ledger_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;