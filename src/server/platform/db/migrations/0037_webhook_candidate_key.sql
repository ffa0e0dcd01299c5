ALTER TABLE "webhook_events" ADD COLUMN "candidate_key" integer;--> statement-breakpoint
-- Claims up to `batch` due deliveries for the calling transaction, oldest first, skipping those
-- another transaction holds: the row itself (SKIP LOCKED), or its candidate's key (a transaction
-- advisory lock in the two-key space, first key 1919, which nothing else uses). The key is tried
-- before the row, row by row, so a claim never holds the key of a delivery it did not take because
-- of its limit, and a claim stops at its limit whatever the backlog (a set-based query could try
-- the keys of every due row before its sort and limit).
CREATE FUNCTION webhook_events_claim(batch integer) RETURNS SETOF webhook_events
LANGUAGE plpgsql AS $$
DECLARE
	due record;
	claimed webhook_events;
	taken integer := 0;
BEGIN
	FOR due IN SELECT id, candidate_key FROM webhook_events
		WHERE processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now() ORDER BY id
	LOOP
		CONTINUE WHEN due.candidate_key IS NOT NULL AND NOT pg_try_advisory_xact_lock(1919, due.candidate_key);
		SELECT * INTO claimed FROM webhook_events
			WHERE id = due.id AND processed_at IS NULL AND dead_at IS NULL FOR UPDATE SKIP LOCKED;
		CONTINUE WHEN NOT FOUND;
		RETURN NEXT claimed;
		taken := taken + 1;
		EXIT WHEN taken >= batch;
	END LOOP;
END $$;
