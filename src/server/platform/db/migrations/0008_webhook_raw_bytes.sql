-- A delivery PostgreSQL cannot hold as text (a NUL byte, bytes that are not UTF-8) is kept as bytes.
-- None of these statements rewrites the table: a nullable column is added, and the check is NOT VALID
-- because every existing row already keeps it (raw_body was NOT NULL, raw_bytes is new); new rows are checked.
ALTER TABLE "webhook_events" ALTER COLUMN "raw_body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "raw_bytes" "bytea";--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_body_once" CHECK (("webhook_events"."raw_body" IS NULL) <> ("webhook_events"."raw_bytes" IS NULL)) NOT VALID;
