CREATE TABLE "quick_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quick_replies_language_check" CHECK ("quick_replies"."language" IN ('fr', 'ar', 'en'))
);
--> statement-breakpoint
ALTER TABLE "quick_replies" ADD CONSTRAINT "quick_replies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_replies" ADD CONSTRAINT "quick_replies_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quick_replies" ADD CONSTRAINT "quick_replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quick_replies_client_owner_idx" ON "quick_replies" USING btree ("client_id","owner_user_id","shortcut");--> statement-breakpoint
CREATE UNIQUE INDEX "quick_replies_shared_shortcut_uq" ON "quick_replies" USING btree ("client_id","shortcut","language") WHERE "quick_replies"."owner_user_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "quick_replies_personal_shortcut_uq" ON "quick_replies" USING btree ("client_id","owner_user_id","shortcut","language") WHERE "quick_replies"."owner_user_id" IS NOT NULL;