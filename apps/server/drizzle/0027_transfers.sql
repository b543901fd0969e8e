CREATE TABLE "case_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"to_agency_id" uuid NOT NULL,
	"to_region_path" text NOT NULL,
	"common_region_path" text NOT NULL,
	"designated_agency_id" uuid,
	"designated_region_path" text,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"materials" jsonb NOT NULL,
	"evidence_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"refusal_reason" text,
	"designation_reason" text,
	"receiving_case_id" uuid,
	"sent_on" text NOT NULL,
	"acceptance_due_on" text,
	"designation_due_on" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"status" text NOT NULL,
	"police_organ" text NOT NULL,
	"procuratorate" text,
	"summary" text NOT NULL,
	"has_testing" boolean DEFAULT false NOT NULL,
	"materials" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dates" jsonb NOT NULL,
	"records" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timer_key" text,
	"due_on" text,
	"due_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfer_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_kind" text NOT NULL,
	"transfer_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_transfers_case_idx" ON "case_transfers" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_transfers_receiving_case_uq" ON "case_transfers" USING btree ("receiving_case_id") WHERE "case_transfers"."receiving_case_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_transfers_open_uq" ON "case_transfers" USING btree ("case_id") WHERE "case_transfers"."status" <> 'accepted';--> statement-breakpoint
CREATE INDEX "case_transfers_agency_idx" ON "case_transfers" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "case_transfers_to_idx" ON "case_transfers" USING btree ("to_agency_id","status");--> statement-breakpoint
CREATE INDEX "case_transfers_region_path_idx" ON "case_transfers" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "case_transfers_to_region_path_idx" ON "case_transfers" USING btree ("to_region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "police_transfers_case_idx" ON "police_transfers" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "police_transfers_open_uq" ON "police_transfers" USING btree ("case_id") WHERE "police_transfers"."status" not in ('not_approved', 'returned');--> statement-breakpoint
CREATE INDEX "police_transfers_agency_idx" ON "police_transfers" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "police_transfers_due_idx" ON "police_transfers" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "police_transfers_region_path_idx" ON "police_transfers" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_events_seq_uq" ON "transfer_events" USING btree ("transfer_id","seq");