-- A solve renews its proposal's heartbeat while it runs, so a worker that died (killed, out of
-- memory, its machine gone) is noticed within a minute instead of at the job's expiry, and its
-- proposal is handed to a live worker. `runner` names the process that holds the proposal: only it
-- may renew the heartbeat or store the result. `attempts` counts the claims (the first solve and
-- each retry).
ALTER TABLE proposals
  ADD COLUMN heartbeat_at timestamptz,
  ADD COLUMN runner       text,
  ADD COLUMN attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
-- the sweep of every live runner looks only at running proposals
CREATE INDEX proposals_running_heartbeat_idx ON proposals (heartbeat_at) WHERE status = 'running';
