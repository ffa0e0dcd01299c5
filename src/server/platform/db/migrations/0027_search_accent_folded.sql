-- The inbox search, as WhatsApp Web does it: accents, case, Arabic harakat and tatweel aside.
-- `unaccent` is trusted (PostgreSQL 13+) and PGlite ships it as a contrib module (loaded at open, as
-- pg_trgm and btree_gin are). `unaccent()` is only STABLE (its dictionary could change), so an index
-- cannot use it: `lj_fold` names the dictionary and is declared IMMUTABLE (the usual wrapper; rebuild
-- the indexes below if the unaccent rules ever change). After unaccent and before lower(), translate()
-- makes hamza'd alefs (أ إ آ ٱ) plain alef, alef maqsura ى ya, ؤ waw, ئ ya, and drops tatweel and the
-- harakat (U+064B–U+065F, U+0670). src/contracts/search-text.ts folds the same way for highlighting.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.lj_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(translate(public.unaccent('public.unaccent'::regdictionary, value),
    U&'\0623\0625\0622\0671\0649\0624\0626\0640\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F\0670',
    U&'\0627\0627\0627\0627\064A\0648\064A'));--> statement-breakpoint
-- What the search reads in a message: its text (a caption, or the file name without one) and its
-- file's name (outbound content keeps it at media.filename, inbound at content.media.filename).
-- Stored in messages.search_text: folding costs tens of microseconds a row (unaccent through a SQL
-- function), paid once when a message is written rather than for every row a search rechecks.
-- Adding the column rewrites the messages table once (minutes for millions of rows, table locked).
CREATE OR REPLACE FUNCTION public.lj_message_search_text(body text, content jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN public.lj_fold(coalesce(body, '') || ' ' || coalesce(content #>> '{media,filename}', '') || ' '
    || coalesce(content #>> '{content,media,filename}', ''));--> statement-breakpoint
DROP INDEX "contacts_client_search_trgm_idx";--> statement-breakpoint
DROP INDEX "messages_client_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lj_message_search_text(text, content)) STORED;--> statement-breakpoint
CREATE INDEX "contacts_client_search_fold_trgm_idx" ON "contacts" USING gin ("client_id",lj_fold("name") gin_trgm_ops,lj_fold("profile_name") gin_trgm_ops,"phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "messages_client_occurred_idx" ON "messages" USING btree ("client_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_client_search_text_trgm_idx" ON "messages" USING gin ("client_id","search_text" gin_trgm_ops);