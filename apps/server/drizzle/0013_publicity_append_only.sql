-- Publicity (issue #4): what the portal shows is never rewritten. A correction is a new publication row, a withdrawal a
-- row with its public reason (行政处罚法 Art.48), an exclusion a row with its reason; complaint history only grows.
CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_tasks_append_only BEFORE UPDATE OR DELETE ON publication_tasks FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_tasks_no_truncate BEFORE TRUNCATE ON publication_tasks FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_withdrawals_append_only BEFORE UPDATE OR DELETE ON publication_withdrawals FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_withdrawals_no_truncate BEFORE TRUNCATE ON publication_withdrawals FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_exclusions_append_only BEFORE UPDATE OR DELETE ON publication_exclusions FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_exclusions_no_truncate BEFORE TRUNCATE ON publication_exclusions FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_secret_marks_append_only BEFORE UPDATE OR DELETE ON publication_secret_marks FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_secret_marks_no_truncate BEFORE TRUNCATE ON publication_secret_marks FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_correction_requests_append_only BEFORE UPDATE OR DELETE ON publication_correction_requests FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_correction_requests_no_truncate BEFORE TRUNCATE ON publication_correction_requests FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
