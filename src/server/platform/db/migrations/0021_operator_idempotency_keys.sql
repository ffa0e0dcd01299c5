ALTER TABLE "clients" ADD COLUMN "creation_idempotency_key" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "creation_fingerprint" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "creation_response" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "creation_idempotency_key" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "creation_fingerprint" text;--> statement-breakpoint
CREATE UNIQUE INDEX "clients_creation_idempotency_key_unique" ON "clients" USING btree ("creation_idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "users_client_creation_idempotency_key_unique" ON "users" USING btree ("client_id","creation_idempotency_key");