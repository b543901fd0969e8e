-- Complaint assignment history, identity reveals and the liaison records are evidence of how supervision was done
-- (principle 2): never edited or deleted. A correction is a new row or event.
CREATE TRIGGER complaint_assignments_append_only BEFORE UPDATE OR DELETE ON complaint_assignments FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_assignments_no_truncate BEFORE TRUNCATE ON complaint_assignments FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_identity_reveals_append_only BEFORE UPDATE OR DELETE ON complaint_identity_reveals FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_identity_reveals_no_truncate BEFORE TRUNCATE ON complaint_identity_reveals FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_events_append_only BEFORE UPDATE OR DELETE ON liaison_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_events_no_truncate BEFORE TRUNCATE ON liaison_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_field_supervisions_append_only BEFORE UPDATE OR DELETE ON liaison_field_supervisions FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_field_supervisions_no_truncate BEFORE TRUNCATE ON liaison_field_supervisions FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_contact_visits_append_only BEFORE UPDATE OR DELETE ON liaison_contact_visits FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_contact_visits_no_truncate BEFORE TRUNCATE ON liaison_contact_visits FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_survey_responses_append_only BEFORE UPDATE OR DELETE ON liaison_survey_responses FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_survey_responses_no_truncate BEFORE TRUNCATE ON liaison_survey_responses FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_evaluations_append_only BEFORE UPDATE OR DELETE ON liaison_evaluations FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_evaluations_no_truncate BEFORE TRUNCATE ON liaison_evaluations FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_expert_draws_append_only BEFORE UPDATE OR DELETE ON liaison_expert_draws FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER liaison_expert_draws_no_truncate BEFORE TRUNCATE ON liaison_expert_draws FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
