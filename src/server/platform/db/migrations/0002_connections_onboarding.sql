CREATE TABLE "signup_states" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "business_id" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "name_status" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "throughput_level" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "number_status" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "access_token_sealed" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "token_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "token_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "pin_sealed" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "pin_source" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "registration_attempts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "state_reason" text;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "health_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "throughput_per_second" integer DEFAULT 80 NOT NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "connected_by" uuid;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "connected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD COLUMN "disconnected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signup_states" ADD CONSTRAINT "signup_states_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_states" ADD CONSTRAINT "signup_states_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_states" ADD CONSTRAINT "signup_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signup_states_client_idx" ON "signup_states" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "signup_states_expires_idx" ON "signup_states" USING btree ("expires_at") WHERE "signup_states"."used_at" IS NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_connections" ADD CONSTRAINT "whatsapp_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "whatsapp_connections_waba_idx" ON "whatsapp_connections" USING btree ("waba_id");