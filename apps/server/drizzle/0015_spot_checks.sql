CREATE TABLE "spot_check_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"declared_by" uuid NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"algorithm" text NOT NULL,
	"draw_date" date NOT NULL,
	"commitment" text NOT NULL,
	"seed_hex" text NOT NULL,
	"hashes" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"status" text NOT NULL,
	"result" jsonb,
	"committed_at" timestamp with time zone NOT NULL,
	"drawn_at" timestamp with time zone,
	"revealed_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "spot_check_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"draw_id" uuid,
	"task_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"agency_ids" jsonb NOT NULL,
	"item_ids" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"status" text NOT NULL,
	"current_draw_id" uuid,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"industry" text NOT NULL,
	"risk" text NOT NULL,
	"credit" text NOT NULL,
	"abnormal" boolean DEFAULT false NOT NULL,
	"address" text,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draw_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"officer_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"note" text,
	"case_id" uuid,
	"inspected_on" date,
	"publish_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_conflicts_pair_uq" ON "spot_check_conflicts" USING btree ("officer_id","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_draws_plan_round_uq" ON "spot_check_draws" USING btree ("plan_id","round");--> statement-breakpoint
CREATE INDEX "spot_check_draws_region_path_idx" ON "spot_check_draws" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "spot_check_events_plan_idx" ON "spot_check_events" USING btree ("plan_id","id");--> statement-breakpoint
CREATE INDEX "spot_check_plans_agency_idx" ON "spot_check_plans" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "spot_check_plans_region_path_idx" ON "spot_check_plans" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_targets_uscc_uq" ON "spot_check_targets" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "spot_check_targets_region_path_idx" ON "spot_check_targets" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "spot_check_tasks_draw_idx" ON "spot_check_tasks" USING btree ("draw_id");--> statement-breakpoint
CREATE INDEX "spot_check_tasks_target_idx" ON "spot_check_tasks" USING btree ("target_id","inspected_on");--> statement-breakpoint
CREATE INDEX "spot_check_tasks_agency_idx" ON "spot_check_tasks" USING btree ("agency_id","status");