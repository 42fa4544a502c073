-- Issue #23: the change feed (outbox). A change is written in the same transaction as what it reports,
-- so none is lost and none reports what was rolled back. `seq` is the cursor: src/db/changes.ts takes a
-- transaction-scoped advisory lock before it draws a seq and holds it to commit, so seqs are drawn in
-- commit order (a bigserial alone is not: a transaction that drew 10 may commit after one that drew 11,
-- and a reader at 11 would skip 10 for ever).
CREATE TABLE changes (
  seq                bigserial PRIMARY KEY,
  id                 uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  type               text NOT NULL,
  occurred_at        timestamptz NOT NULL DEFAULT now(),
  effective_date     date,
  entity_kind        text NOT NULL,
  entity_id          uuid,
  entity_external_id text,
  version            integer,
  data               jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the schools a change touches: a principal's token reads only the changes that name their school
  school_ids         uuid[] NOT NULL DEFAULT '{}'
);
CREATE INDEX changes_occurred_at ON changes (occurred_at);
CREATE INDEX changes_school_ids ON changes USING gin (school_ids);

-- the highest seq the retention pruned: a cursor below it missed changes that are gone (410)
CREATE TABLE change_feed_state (
  one            boolean PRIMARY KEY DEFAULT true CHECK (one),
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO change_feed_state DEFAULT VALUES;

-- what the scheduled job has emitted for a published line (move.effective on its first day, move.ended
-- after its last): the primary key lets exactly one process emit each, once, whatever runs at the same
-- time or restarts; kept after the changes themselves are pruned, so nothing is emitted twice
CREATE TABLE scheduled_changes (
  proposal_line_id uuid NOT NULL REFERENCES proposal_lines (id) ON DELETE CASCADE,
  type             text NOT NULL,
  emitted_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_line_id, type)
);
