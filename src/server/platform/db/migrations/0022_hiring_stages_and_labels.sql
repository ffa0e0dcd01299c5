CREATE TABLE "conversation_labels" (
	"client_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"label_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_labels_conversation_id_label_id_pk" PRIMARY KEY("conversation_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "hiring_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"kind" text DEFAULT 'active' NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hiring_stages_client_id_id_uq" UNIQUE("client_id","id"),
	CONSTRAINT "hiring_stages_color_check" CHECK ("hiring_stages"."color" IN ('gray', 'blue', 'teal', 'green', 'amber', 'orange', 'red', 'purple', 'pink')),
	CONSTRAINT "hiring_stages_kind_check" CHECK ("hiring_stages"."kind" IN ('active', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_client_id_id_uq" UNIQUE("client_id","id"),
	CONSTRAINT "labels_color_check" CHECK ("labels"."color" IN ('gray', 'blue', 'teal', 'green', 'amber', 'orange', 'red', 'purple', 'pink'))
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "stage_id" uuid;--> statement-breakpoint
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_client_label_fk" FOREIGN KEY ("client_id","label_id") REFERENCES "public"."labels"("client_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiring_stages" ADD CONSTRAINT "hiring_stages_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_labels_client_label_idx" ON "conversation_labels" USING btree ("client_id","label_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hiring_stages_client_name_uq" ON "hiring_stages" USING btree ("client_id",lower("name"));--> statement-breakpoint
CREATE INDEX "hiring_stages_client_position_idx" ON "hiring_stages" USING btree ("client_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_client_name_uq" ON "labels" USING btree ("client_id",lower("name"));--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_client_stage_fk" FOREIGN KEY ("client_id","stage_id") REFERENCES "public"."hiring_stages"("client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_client_stage_recent_idx" ON "conversations" USING btree ("client_id","stage_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."stage_id" IS NOT NULL;--> statement-breakpoint
-- Every existing client starts with the default stages (new clients get them at creation:
-- DEFAULT_STAGES in src/contracts/hiring-stages.ts).
INSERT INTO "hiring_stages" ("client_id", "name", "color", "kind", "position")
SELECT c."id", d."name", d."color", d."kind", d."position"
FROM "clients" c
CROSS JOIN (VALUES
	('Contacté', 'blue', 'active', 0),
	('Présélection', 'purple', 'active', 1),
	('Entretien', 'amber', 'active', 2),
	('Offre', 'teal', 'active', 3),
	('Embauché', 'green', 'closed', 4),
	('Refusé', 'red', 'closed', 5)
) AS d("name", "color", "kind", "position");
