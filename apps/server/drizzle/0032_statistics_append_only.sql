-- An annual report's history (who generated, approved, published, withdrew it) is a public record (principle 2): never edited or deleted.
CREATE TRIGGER annual_report_events_append_only BEFORE UPDATE OR DELETE ON annual_report_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER annual_report_events_no_truncate BEFORE TRUNCATE ON annual_report_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
