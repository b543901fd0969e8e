-- Warning and supervision-document histories, and sanctions/referrals, are the record of supervision (principle 2):
-- never edited or deleted.
CREATE TRIGGER supervision_warning_events_append_only BEFORE UPDATE OR DELETE ON supervision_warning_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_warning_events_no_truncate BEFORE TRUNCATE ON supervision_warning_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_document_events_append_only BEFORE UPDATE OR DELETE ON supervision_document_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_document_events_no_truncate BEFORE TRUNCATE ON supervision_document_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_measures_append_only BEFORE UPDATE OR DELETE ON supervision_measures FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_measures_no_truncate BEFORE TRUNCATE ON supervision_measures FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
