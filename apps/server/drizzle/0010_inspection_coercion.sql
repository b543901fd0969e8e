CREATE TABLE "inspection_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
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
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"sector" text NOT NULL,
	"place_path" text NOT NULL,
	"place_region_code" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"linked_case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coercive_measure_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
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
CREATE TABLE "coercive_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"sector" text NOT NULL,
	"place_path" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"party" jsonb NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_id" uuid,
	"inspection_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_events_seq_uq" ON "inspection_events" USING btree ("inspection_id","seq");--> statement-breakpoint
CREATE INDEX "inspections_agency_idx" ON "inspections" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "inspections_region_path_idx" ON "inspections" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspections_linked_case_idx" ON "inspections" USING btree ("linked_case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coercive_measure_events_seq_uq" ON "coercive_measure_events" USING btree ("measure_id","seq");--> statement-breakpoint
CREATE INDEX "coercive_measures_agency_idx" ON "coercive_measures" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "coercive_measures_region_path_idx" ON "coercive_measures" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coercive_measures_case_idx" ON "coercive_measures" USING btree ("case_id");