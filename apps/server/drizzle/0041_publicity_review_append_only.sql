-- Redaction marks and release reviews are the record of what was hidden and who released what (domain-rules §15 PR3):
-- never edited or deleted.
CREATE TRIGGER publication_redaction_marks_append_only BEFORE UPDATE OR DELETE ON publication_redaction_marks FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_redaction_marks_no_truncate BEFORE TRUNCATE ON publication_redaction_marks FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_reviews_append_only BEFORE UPDATE OR DELETE ON publication_reviews FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER publication_reviews_no_truncate BEFORE TRUNCATE ON publication_reviews FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
