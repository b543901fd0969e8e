CREATE TABLE "publication_redaction_marks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"kind" text NOT NULL,
	"passage" text NOT NULL,
	"reason" text NOT NULL,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"decision" text NOT NULL,
	"preview_hash" text NOT NULL,
	"publication_id" uuid,
	"note" text,
	"reviewed_by" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "publication_redaction_marks_case_idx" ON "publication_redaction_marks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "publication_redaction_marks_region_path_idx" ON "publication_redaction_marks" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "publication_reviews_task_approved_uq" ON "publication_reviews" USING btree ("task_id") WHERE "publication_reviews"."decision" = 'approved';--> statement-breakpoint
CREATE INDEX "publication_reviews_region_path_idx" ON "publication_reviews" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publications_decided_order_idx" ON "publications" USING btree ("decided_on","published_at","id");--> statement-breakpoint
CREATE INDEX "publications_agency_decided_idx" ON "publications" USING btree ("agency_id","decided_on","published_at","id");--> statement-breakpoint
CREATE INDEX "publications_category_decided_idx" ON "publications" USING btree ("category","decided_on","published_at","id");