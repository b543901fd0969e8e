CREATE TABLE "licence_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_no" text NOT NULL,
	"verification_code_hash" text NOT NULL,
	"item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"sector" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"applicant" jsonb NOT NULL,
	"party_id" uuid NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensing_bans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decided_on" date NOT NULL,
	"is_safety_related" boolean NOT NULL,
	"reason" text NOT NULL,
	"application_id" uuid,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "licence_application_events_seq_uq" ON "licence_application_events" USING btree ("application_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "licence_application_events_idem_uq" ON "licence_application_events" USING btree ("application_id","idempotency_key") WHERE "licence_application_events"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "licence_applications_no_uq" ON "licence_applications" USING btree ("application_no");--> statement-breakpoint
CREATE INDEX "licence_applications_agency_idx" ON "licence_applications" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "licence_applications_region_path_idx" ON "licence_applications" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "licence_applications_party_idx" ON "licence_applications" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "licensing_bans_party_idx" ON "licensing_bans" USING btree ("party_id","item_id");