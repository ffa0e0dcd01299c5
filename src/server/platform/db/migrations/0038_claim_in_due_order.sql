-- The claim walks the due deliveries in the pending index's order (when due, then id), which it
-- reads from its first entry: ordered by id alone, the loop's cursor planned for its first rows and
-- walked the primary key from the oldest delivery, processed ones included (46 ms to the first due
-- one behind 300,000 processed, growing with the table). A new delivery is due on receipt, so the
-- order is still the order of arrival; a retry takes its turn when it falls due.
CREATE OR REPLACE FUNCTION webhook_events_claim(batch integer) RETURNS SETOF webhook_events
LANGUAGE plpgsql AS $$
DECLARE
	due record;
	claimed webhook_events;
	taken integer := 0;
BEGIN
	FOR due IN SELECT id, candidate_key FROM webhook_events
		WHERE processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id
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
