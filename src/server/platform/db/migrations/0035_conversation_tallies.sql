CREATE TABLE "conversation_tallies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"label_id" uuid,
	"connection_id" uuid NOT NULL,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"stage_id" uuid,
	"is_archived" boolean NOT NULL,
	"is_unanswered_campaign" boolean NOT NULL,
	"is_unread" boolean NOT NULL,
	"is_awaiting_reply" boolean NOT NULL,
	"chats" integer NOT NULL,
	CONSTRAINT "conversation_tallies_key" UNIQUE NULLS NOT DISTINCT("client_id","label_id","connection_id","status","assignee_id","stage_id","is_archived","is_unanswered_campaign","is_unread","is_awaiting_reply")
);
--> statement-breakpoint
CREATE TABLE "conversation_tally_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"label_id" uuid,
	"connection_id" uuid NOT NULL,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"stage_id" uuid,
	"is_archived" boolean NOT NULL,
	"is_unanswered_campaign" boolean NOT NULL,
	"is_unread" boolean NOT NULL,
	"is_awaiting_reply" boolean NOT NULL,
	"chats" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conversation_tallies_emptied_idx" ON "conversation_tallies" USING btree ("id") WHERE "conversation_tallies"."chats" = 0;--> statement-breakpoint
CREATE INDEX "conversation_tally_deltas_client_idx" ON "conversation_tally_deltas" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "conversations_client_inbound_idx" ON "conversations" USING btree ("client_id","last_inbound_at");--> statement-breakpoint
CREATE VIEW "conversation_tallies_live" AS
	SELECT "client_id", "label_id", "connection_id", "status", "assignee_id", "stage_id", "is_archived", "is_unanswered_campaign", "is_unread", "is_awaiting_reply", "chats" FROM "conversation_tallies"
	UNION ALL
	SELECT "client_id", "label_id", "connection_id", "status", "assignee_id", "stage_id", "is_archived", "is_unanswered_campaign", "is_unread", "is_awaiting_reply", "chats" FROM "conversation_tally_deltas";
--> statement-breakpoint
-- A chat's tally key (as the inbox's counts filter it), or no row for a chat without a message yet,
-- which no list shows. One definition for the backfill and every trigger below; a set-returning SQL
-- function so that PostgreSQL inlines it into each query (a plain call costs 3-4 times as much).
CREATE FUNCTION conversation_tally_key(c conversations) RETURNS TABLE (client_id uuid, connection_id uuid,
	status text, assignee_id uuid, stage_id uuid, is_archived boolean,
	is_unanswered_campaign boolean, is_unread boolean, is_awaiting_reply boolean)
LANGUAGE sql IMMUTABLE AS $$
	SELECT c.client_id, c.connection_id, c.status, c.assignee_id, c.stage_id, c.archived_at IS NOT NULL,
		c.campaign_id IS NOT NULL AND c.last_inbound_at IS NULL, c.unread_count > 0 OR c.is_marked_unread,
		c.is_awaiting_reply
	WHERE c.last_message_at IS NOT NULL
$$;
--> statement-breakpoint
-- A chat inserted, updated or deleted: it moves from its old key to its new one, and so does each of
-- its labels. Row by row, and only for the rows whose key changed (the triggers' WHEN below): most
-- updates (a busy chat's next message, its preview, its read receipts) change none and cost nothing
-- here. A deleted chat is counted out before it goes, while its labels are still there: their
-- cascade comes after, and the labels' trigger then finds no chat to count them under.
CREATE FUNCTION conversation_tallies_follow_chat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
		is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
	SELECT k.client_id, l.label_id, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
		k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, moved.chats
	FROM (
		SELECT OLD AS chat, -1 AS chats WHERE TG_OP <> 'INSERT'
		UNION ALL
		SELECT NEW, 1 WHERE TG_OP <> 'DELETE'
	) moved
		CROSS JOIN LATERAL conversation_tally_key(moved.chat) k
		CROSS JOIN LATERAL (SELECT NULL::uuid AS label_id UNION ALL
			SELECT cl.label_id FROM conversation_labels cl WHERE cl.conversation_id = (moved.chat).id) l;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Labels put on or taken off: counted under their chat's key as it is now. `FOR SHARE` holds the chat's
-- key still until the commit: a concurrent change of the chat waits, then its trigger sees this label.
CREATE FUNCTION conversation_tallies_follow_labels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
			is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
		SELECT k.client_id, l.label_id, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
			k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, -count(*)
		FROM (SELECT c, o.label_id FROM old_rows o JOIN conversations c ON c.id = o.conversation_id FOR SHARE OF c) l,
			conversation_tally_key(l.c) k
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
			is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
		SELECT k.client_id, l.label_id, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
			k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, count(*)
		FROM (SELECT c, n.label_id FROM new_rows n JOIN conversations c ON c.id = n.conversation_id FOR SHARE OF c) l,
			conversation_tally_key(l.c) k
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_insert AFTER INSERT ON conversations
	FOR EACH ROW WHEN (NEW.last_message_at IS NOT NULL) EXECUTE FUNCTION conversation_tallies_follow_chat();
--> statement-breakpoint
-- The key's columns, as conversation_tally_key reads them: a row fires only when one of them moved.
CREATE TRIGGER conversation_tallies_on_update AFTER UPDATE ON conversations
	FOR EACH ROW WHEN (
		(OLD.last_message_at IS NULL) <> (NEW.last_message_at IS NULL)
		OR OLD.client_id <> NEW.client_id
		OR OLD.connection_id <> NEW.connection_id
		OR OLD.status <> NEW.status
		OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
		OR OLD.stage_id IS DISTINCT FROM NEW.stage_id
		OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
		OR (OLD.campaign_id IS NOT NULL AND OLD.last_inbound_at IS NULL)
			<> (NEW.campaign_id IS NOT NULL AND NEW.last_inbound_at IS NULL)
		OR (OLD.unread_count > 0 OR OLD.is_marked_unread) <> (NEW.unread_count > 0 OR NEW.is_marked_unread)
		OR OLD.is_awaiting_reply <> NEW.is_awaiting_reply
	) EXECUTE FUNCTION conversation_tallies_follow_chat();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_delete BEFORE DELETE ON conversations
	FOR EACH ROW WHEN (OLD.last_message_at IS NOT NULL) EXECUTE FUNCTION conversation_tallies_follow_chat();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_label_insert AFTER INSERT ON conversation_labels
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_tallies_follow_labels();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_label_update AFTER UPDATE ON conversation_labels
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_tallies_follow_labels();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_label_delete AFTER DELETE ON conversation_labels
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_tallies_follow_labels();
--> statement-breakpoint
-- The chats already there (the triggers above hold the tables locked until this migration commits).
INSERT INTO conversation_tallies (client_id, label_id, connection_id, status, assignee_id, stage_id,
	is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
SELECT k.client_id, l.label_id, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
	k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, count(*)
FROM conversations c
	CROSS JOIN LATERAL conversation_tally_key(c) k
	CROSS JOIN LATERAL (SELECT NULL::uuid AS label_id UNION ALL
		SELECT cl.label_id FROM conversation_labels cl WHERE cl.conversation_id = c.id) l
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
