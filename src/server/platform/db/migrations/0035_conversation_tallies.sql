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
-- Chats updated: each chat whose key changed moves from its old key to its new one, and so does each
-- of its labels. A statement's rows in one insert (transition tables), so an inbound batch of 200
-- chats appends a few grouped rows. A chat whose key did not change (most of a busy client's batch:
-- already unread, already awaiting a reply) nets to zero in `changed` and has its labels not read.
CREATE FUNCTION conversation_tallies_follow_chats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	WITH moved AS (
		SELECT o.id, k.*, -1 AS chats FROM old_rows o, conversation_tally_key(o) k
		UNION ALL
		SELECT n.id, k.*, 1 FROM new_rows n, conversation_tally_key(n) k
	), changed AS (
		SELECT * FROM moved WHERE id IN (
			SELECT id FROM moved
			GROUP BY id, client_id, connection_id, status, assignee_id, stage_id, is_archived,
				is_unanswered_campaign, is_unread, is_awaiting_reply
			HAVING sum(chats) <> 0
		)
	)
	INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
		is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
	SELECT client_id, label_id, connection_id, status, assignee_id, stage_id, is_archived,
		is_unanswered_campaign, is_unread, is_awaiting_reply, sum(chats)
	FROM (
		SELECT m.*, NULL::uuid AS label_id FROM changed m
		UNION ALL
		SELECT m.*, l.label_id FROM changed m JOIN conversation_labels l ON l.conversation_id = m.id
	) keyed
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
	HAVING sum(chats) <> 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION conversation_tallies_follow_new_chats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
		is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
	SELECT k.client_id, NULL::uuid, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
		k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, count(*)
	FROM new_rows n, conversation_tally_key(n) k
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Before each chat is deleted, while its labels are still there: their cascade comes after, and the
-- labels' trigger then finds no chat to count them under.
CREATE FUNCTION conversation_tallies_follow_deleted_chat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO conversation_tally_deltas (client_id, label_id, connection_id, status, assignee_id, stage_id,
		is_archived, is_unanswered_campaign, is_unread, is_awaiting_reply, chats)
	SELECT k.client_id, l.label_id, k.connection_id, k.status, k.assignee_id, k.stage_id, k.is_archived,
		k.is_unanswered_campaign, k.is_unread, k.is_awaiting_reply, -1
	FROM conversation_tally_key(OLD) k,
		(SELECT NULL::uuid AS label_id UNION ALL SELECT label_id FROM conversation_labels WHERE conversation_id = OLD.id) l;
	RETURN OLD;
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
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_tallies_follow_new_chats();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_update AFTER UPDATE ON conversations
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_tallies_follow_chats();
--> statement-breakpoint
CREATE TRIGGER conversation_tallies_on_delete BEFORE DELETE ON conversations
	FOR EACH ROW EXECUTE FUNCTION conversation_tallies_follow_deleted_chat();
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
