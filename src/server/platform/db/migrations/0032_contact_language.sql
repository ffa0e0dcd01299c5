ALTER TABLE "contacts" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "language_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_language_check" CHECK ("contacts"."language" IN ('fr', 'ar', 'en'));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_language_source_check" CHECK (("contacts"."language" IS NULL) = ("contacts"."language_source" IS NULL) AND "contacts"."language_source" IN ('detected', 'recruiter', 'integration'));