-- The audit names the signed-in account that acted (a person's session), as it names the token of a system.
ALTER TABLE audit_log ADD COLUMN account_id uuid;
CREATE INDEX audit_log_account_idx ON audit_log (account_id) WHERE account_id IS NOT NULL;
