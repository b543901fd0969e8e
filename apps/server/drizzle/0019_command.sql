CREATE TABLE "command_event_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_no" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"reporter" jsonb NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"address" text,
	"grid_id" uuid,
	"status" text NOT NULL,
	"assignee_officer_id" uuid,
	"assignee_team" text,
	"merged_into" uuid,
	"evidence_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handling" jsonb,
	"feedback" text,
	"reported_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"feedback_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_grids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"officer_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "command_event_log_seq_uq" ON "command_event_log" USING btree ("event_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "command_events_no_uq" ON "command_events" USING btree ("event_no");--> statement-breakpoint
CREATE INDEX "command_events_agency_idx" ON "command_events" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "command_events_dup_idx" ON "command_events" USING btree ("agency_id","kind","reported_at");--> statement-breakpoint
CREATE INDEX "command_events_region_path_idx" ON "command_events" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "command_grids_code_uq" ON "command_grids" USING btree ("agency_id","code");--> statement-breakpoint
CREATE INDEX "command_grids_region_path_idx" ON "command_grids" USING btree ("region_path" text_pattern_ops);