-- The content hash of a rendered document file is a leaf of the tamper-evident log (issue #8): never edited or deleted.
CREATE TRIGGER case_document_file_records_append_only BEFORE UPDATE OR DELETE ON case_document_file_records FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_document_file_records_no_truncate BEFORE TRUNCATE ON case_document_file_records FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
