-- Issue #23: Idempotency-Key on creating and changing POSTs (the IETF httpapi draft). A key is the
-- caller's own (token_id: the token's id, or for a person signed in the account's id); the same key with the same request answers what the first answered, with
-- another request 422, while the first still runs 409. Kept at least 24 hours (the feed's job prunes
-- keys older than 48 hours).
CREATE TABLE idempotency_keys (
  token_id     uuid NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  state        text NOT NULL CHECK (state IN ('running', 'done')),
  status_code  integer,
  content_type text,
  body         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
