-- Reproducible proposals (issue #11): each proposal keeps the solver's full input as it was when its
-- solve started (gzip-compressed JSON), the plan parameters it ran with and the engine version
-- (package and HiGHS), so `npm run replay -- <proposalId>` can solve it again after the roster and
-- the ledger have moved on, and GET /proposals/:id/snapshot can show what it was computed from.
-- A retried solve stores its own start again (one row per proposal: the input of the lines it has).
CREATE TABLE proposal_snapshots (
  proposal_id    uuid PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
  engine_version text NOT NULL,
  parameters     jsonb NOT NULL,
  input_gzip     bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
