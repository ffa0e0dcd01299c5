-- The inbox search at 100,000 chats and millions of messages.
--
-- 1. The contacts' folded names and username, stored (one rewrite of the table): the search's
--    trigram index finds candidates, each then checked on the stored text instead of folding it
--    again (lj_fold costs about 6 µs a call: 20 ms for a surname 3,000 candidates share).
DROP INDEX "contacts_client_search_fold_trgm_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "name_folded" text GENERATED ALWAYS AS (lj_fold(name)) STORED,
	ADD COLUMN "profile_name_folded" text GENERATED ALWAYS AS (lj_fold(profile_name)) STORED,
	ADD COLUMN "username_folded" text GENERATED ALWAYS AS (lj_fold(username)) STORED;--> statement-breakpoint
CREATE INDEX "contacts_client_search_folded_trgm_idx" ON "contacts" USING gin ("client_id","name_folded" gin_trgm_ops,"profile_name_folded" gin_trgm_ops,"username_folded" gin_trgm_ops,"phone" gin_trgm_ops);--> statement-breakpoint
-- 2. Each chat's words (see schema/conversation-search.ts), in parts that writers only add.
CREATE TABLE "conversation_search" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"words" text NOT NULL,
	"is_exact" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_search" ADD CONSTRAINT "conversation_search_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_search" ADD CONSTRAINT "conversation_search_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A message's words: its folded search text split on ASCII whitespace, the parts' separator, so a
-- search without whitespace matches a chat's words exactly when it matches one of its messages.
CREATE FUNCTION lj_search_words(search_text text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT w FROM regexp_split_to_table(search_text, '[ \t\n\r\f\v]+') AS w WHERE w <> ''
$$;--> statement-breakpoint
-- The words of these messages that their chats' parts do not hold yet, as one new part per chat,
-- a space before and after each word (so a word is looked for in a part without copying the part).
-- Two batches bringing one new word to a chat at once may both add it: a word twice costs a few
-- bytes, a lock on the chat's words would make every batch to a chat wait for the one before.
CREATE FUNCTION conversation_search_add(chats uuid[], clients uuid[], texts text[]) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO conversation_search (conversation_id, client_id, words)
	SELECT n.chat, n.client, ' ' || string_agg(n.w, ' ') || ' '
	FROM (SELECT DISTINCT m.chat, m.client, w
		FROM unnest(chats, clients, texts) AS m(chat, client, search_text), lj_search_words(m.search_text) AS w) AS n
	WHERE NOT EXISTS (SELECT 1 FROM conversation_search s WHERE s.conversation_id = n.chat
		AND strpos(s.words, ' ' || n.w || ' ') > 0)
	GROUP BY n.chat, n.client
$$;--> statement-breakpoint
CREATE FUNCTION conversation_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM conversation_search_add(array_agg(conversation_id), array_agg(client_id), array_agg(search_text))
	FROM inserted;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search_inserted AFTER INSERT ON messages
	REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_inserted();--> statement-breakpoint
-- A message whose words changed (its content edited) or that moved to another chat (two chats of
-- one candidate merged): its new words join its chat; the chat it left, or its own when words went,
-- gets a part with no words marking it inexact (a part added, not a flag set on the others, so that
-- a merge of the parts running meanwhile cannot lose it).
CREATE FUNCTION conversation_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM conversation_search_add(ARRAY[NEW.conversation_id], ARRAY[NEW.client_id], ARRAY[NEW.search_text]);
	IF OLD.conversation_id IS DISTINCT FROM NEW.conversation_id OR EXISTS (
		SELECT 1 FROM lj_search_words(OLD.search_text) AS w
		WHERE w NOT IN (SELECT lj_search_words(NEW.search_text))) THEN
		INSERT INTO conversation_search (conversation_id, client_id, words, is_exact)
		VALUES (OLD.conversation_id, OLD.client_id, '', false);
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search_changed AFTER UPDATE ON messages FOR EACH ROW
	WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.conversation_id IS DISTINCT FROM NEW.conversation_id)
	EXECUTE FUNCTION conversation_search_changed();--> statement-breakpoint
-- Messages deleted without their chat (no path does so today): the chats still there become
-- inexact. A chat deleted has gone by the time its messages are (the key cascades after it).
CREATE FUNCTION conversation_search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO conversation_search (conversation_id, client_id, words, is_exact)
	SELECT DISTINCT d.conversation_id, d.client_id, '', false FROM deleted AS d
	WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.id = d.conversation_id);
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search_deleted AFTER DELETE ON messages
	REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_deleted();--> statement-breakpoint
-- Every chat's words from its messages so far, one part each (the triggers above hold the
-- messages' writers until this migration commits).
INSERT INTO conversation_search (conversation_id, client_id, words)
SELECT m.conversation_id, m.client_id, ' ' || string_agg(DISTINCT w, ' ') || ' '
FROM messages AS m, lj_search_words(m.search_text) AS w
GROUP BY m.conversation_id, m.client_id;--> statement-breakpoint
CREATE INDEX "conversation_search_conversation_idx" ON "conversation_search" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversation_search_inexact_idx" ON "conversation_search" USING btree ("conversation_id") WHERE NOT "conversation_search"."is_exact";--> statement-breakpoint
CREATE INDEX "conversation_search_words_trgm_idx" ON "conversation_search" USING gin ("client_id","words" gin_trgm_ops);
