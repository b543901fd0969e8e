-- Principle 2: an agency's review-chain versions are history (the chain each case was reviewed under); a change is a
-- new version, never an edit.
CREATE TRIGGER review_chains_append_only BEFORE UPDATE OR DELETE ON review_chains FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER review_chains_no_truncate BEFORE TRUNCATE ON review_chains FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
