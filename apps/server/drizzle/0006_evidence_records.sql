CREATE TABLE "evidence_access_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_no" text NOT NULL,
	"code_hash" text NOT NULL,
	"case_no" text NOT NULL,
	"case_id" uuid,
	"party_type" text NOT NULL,
	"requester_name" text NOT NULL,
	"identifier_masked" text NOT NULL,
	"identifier_hash" text NOT NULL,
	"phone" text,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"released_evidence_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"withheld_ground" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"agency_id" uuid,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evidence_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_access_requests_tracking_uq" ON "evidence_access_requests" USING btree ("tracking_no");--> statement-breakpoint
CREATE INDEX "evidence_access_requests_agency_idx" ON "evidence_access_requests" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "evidence_access_requests_region_idx" ON "evidence_access_requests" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "evidence_events_evidence_idx" ON "evidence_events" USING btree ("evidence_id","id");