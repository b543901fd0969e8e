CREATE TABLE "complaint_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"from_agency_id" uuid,
	"to_agency_id" uuid NOT NULL,
	"handler_id" uuid,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"region_path" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_identity_reveals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_intake_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"region_path" text NOT NULL,
	"agency_id" uuid,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_contact_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contact_point_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"planned_visits" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_contact_points" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_name" text NOT NULL,
	"uscc" text,
	"address" text,
	"contact_person" text,
	"designated_on" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_contact_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contact_point_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" text NOT NULL,
	"notes" text NOT NULL,
	"answers" jsonb,
	"survey_id" uuid,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluator" text NOT NULL,
	"target_agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"grade" text NOT NULL,
	"summary" text,
	"report_sha256" text,
	"report_file_name" text,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"agency_id" uuid,
	"region_path" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_expert_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"field" text NOT NULL,
	"parties" jsonb NOT NULL,
	"count" integer NOT NULL,
	"seed_hex" text NOT NULL,
	"pool_size" integer NOT NULL,
	"selected" jsonb NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_experts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"employer" text,
	"fields" jsonb NOT NULL,
	"conflicts" jsonb NOT NULL,
	"is_available" boolean DEFAULT true NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_field_supervisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supervised_on" date NOT NULL,
	"target_agency_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"findings" text NOT NULL,
	"supervisor_ids" jsonb NOT NULL,
	"certificate_numbers" jsonb NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_supervisor_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"is_revoked" boolean DEFAULT false NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_supervisors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"employer" text,
	"phone" text,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"target_agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_survey_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"questions" jsonb NOT NULL,
	"target_agency_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "channel" text DEFAULT 'portal' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "external_no" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "handler_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "accepted_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "answer_due_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "answered_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "satisfaction" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "case_id" uuid;--> statement-breakpoint
CREATE INDEX "complaint_assignments_complaint_idx" ON "complaint_assignments" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE INDEX "complaint_identity_reveals_complaint_idx" ON "complaint_identity_reveals" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_contact_plans_uq" ON "liaison_contact_plans" USING btree ("contact_point_id","year");--> statement-breakpoint
CREATE INDEX "liaison_contact_visits_point_idx" ON "liaison_contact_visits" USING btree ("contact_point_id","visited_on");--> statement-breakpoint
CREATE INDEX "liaison_evaluations_target_idx" ON "liaison_evaluations" USING btree ("target_agency_id","year");--> statement-breakpoint
CREATE INDEX "liaison_events_entity_idx" ON "liaison_events" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_supervisor_certificates_number_uq" ON "liaison_supervisor_certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "liaison_supervisor_certificates_sup_idx" ON "liaison_supervisor_certificates" USING btree ("supervisor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_survey_responses_token_uq" ON "liaison_survey_responses" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "liaison_survey_responses_survey_idx" ON "liaison_survey_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_survey_tokens_hash_uq" ON "liaison_survey_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_external_uq" ON "complaints" USING btree ("channel","external_no");--> statement-breakpoint
CREATE INDEX "complaints_due_idx" ON "complaints" USING btree ("status","answer_due_on");