-- A plan is one academic year's rotation round (takes effect 1 September of `year`).
-- parameters: overrides of the model's defaults (docs/model.md); fixed once a proposal is published.
CREATE TABLE plans (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name       text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
  status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open','published','archived')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- one live plan per year and name
CREATE UNIQUE INDEX plans_year_name_live_idx ON plans (year, name) WHERE status <> 'archived';

-- Each request for a proposal: the job, its inputs (parameters and the snapshot's hash, so it can be
-- reproduced), and its outcome.
CREATE TABLE proposals (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id            uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  version            integer NOT NULL CHECK (version >= 1),
  status             text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed','published','cancelled')),
  engine             text NOT NULL CHECK (engine IN ('highs','jlps')),
  time_limit_seconds integer CHECK (time_limit_seconds > 0),
  parameters         jsonb NOT NULL,
  snapshot_hash      text,
  progress           jsonb NOT NULL DEFAULT '{"phase":"queued","fraction":0}'::jsonb,
  stats              jsonb,
  summary            jsonb,
  compliance         jsonb,
  error              text,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  started_at         timestamptz,
  finished_at        timestamptz,
  UNIQUE (plan_id, version)
);
CREATE INDEX proposals_plan_idx ON proposals (plan_id);

-- The proposed lines: rotation, leader rotation, shadowing (跟岗) and itinerant teaching (走教).
CREATE TABLE proposal_lines (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id    uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  teacher_id     uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('rotation','leader_rotation','shadowing','itinerant')),
  from_school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  to_school_id   uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  subject        text,
  hours_per_week integer CHECK (hours_per_week >= 0),
  start_date     date NOT NULL,
  end_date       date NOT NULL,
  reasons        text[] NOT NULL DEFAULT '{}',
  explanation    text NOT NULL DEFAULT '',
  pinned         boolean NOT NULL DEFAULT false,
  CHECK (end_date >= start_date),
  CHECK (from_school_id <> to_school_id)
);
CREATE INDEX proposal_lines_from_idx ON proposal_lines (proposal_id, from_school_id);
CREATE INDEX proposal_lines_to_idx ON proposal_lines (proposal_id, to_school_id);
CREATE INDEX proposal_lines_teacher_idx ON proposal_lines (proposal_id, teacher_id);
