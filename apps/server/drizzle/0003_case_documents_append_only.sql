-- Issued documents and their rendered files are part of the case record (principle 2): a correction is a new document
-- that supersedes the old one, never an edit.
CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_documents_no_truncate BEFORE TRUNCATE ON case_documents FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_document_files_append_only BEFORE UPDATE OR DELETE ON case_document_files FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_document_files_no_truncate BEFORE TRUNCATE ON case_document_files FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
