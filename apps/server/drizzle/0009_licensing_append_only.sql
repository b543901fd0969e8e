-- A licence application's history and the applicant ban register are evidence (principle 2): never edited or deleted.
CREATE TRIGGER licence_application_events_append_only BEFORE UPDATE OR DELETE ON licence_application_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER licence_application_events_no_truncate BEFORE TRUNCATE ON licence_application_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER licensing_bans_append_only BEFORE UPDATE OR DELETE ON licensing_bans FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER licensing_bans_no_truncate BEFORE TRUNCATE ON licensing_bans FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
