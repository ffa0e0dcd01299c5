DROP INDEX "conversations_client_recent_idx";--> statement-breakpoint
DROP INDEX "messages_client_conversation_idx";--> statement-breakpoint
CREATE INDEX "conversations_client_recent_idx" ON "conversations" USING btree ("client_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_client_conversation_idx" ON "messages" USING btree ("client_id","conversation_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);