-- The inbox search: trigram indexes (pg_trgm) led by the client (btree_gin lets client_id into a GIN index).
-- Both extensions are trusted (PostgreSQL 13+): the database owner can create them. PGlite loads them at open.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "contacts_client_search_trgm_idx" ON "contacts" USING gin ("client_id","name" gin_trgm_ops,"profile_name" gin_trgm_ops,"phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "conversations_client_contact_idx" ON "conversations" USING btree ("client_id","contact_id");--> statement-breakpoint
CREATE INDEX "messages_client_text_trgm_idx" ON "messages" USING gin ("client_id","text" gin_trgm_ops);