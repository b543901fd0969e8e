-- 案卷评查 / 回访 (issue #6), principle 2: events, signed score sheets, visit records and personal-data reveals only ever grow.
CREATE TRIGGER evaluation_events_append_only BEFORE UPDATE OR DELETE ON evaluation_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evaluation_events_no_truncate BEFORE TRUNCATE ON evaluation_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evaluation_score_sheets_append_only BEFORE UPDATE OR DELETE ON evaluation_score_sheets FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evaluation_score_sheets_no_truncate BEFORE TRUNCATE ON evaluation_score_sheets FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER return_visit_records_append_only BEFORE UPDATE OR DELETE ON return_visit_records FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER return_visit_records_no_truncate BEFORE TRUNCATE ON return_visit_records FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER return_visit_pii_access_append_only BEFORE UPDATE OR DELETE ON return_visit_pii_access FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER return_visit_pii_access_no_truncate BEFORE TRUNCATE ON return_visit_pii_access FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
