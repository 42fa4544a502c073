-- A principal's review of a proposed line: the sending and the receiving school each hold one
-- current decision per line (the history is in the audit log). An objection carries a comment.
CREATE TABLE line_reviews (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  line_id     uuid NOT NULL REFERENCES proposal_lines(id) ON DELETE CASCADE,
  side        text NOT NULL CHECK (side IN ('sending','receiving')),
  school_id   uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  decision    text NOT NULL CHECK (decision IN ('approve','object')),
  comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  token_id    uuid,
  actor       text NOT NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (line_id, side),
  CHECK (decision <> 'object' OR length(btrim(comment)) > 0)
);

-- HR's pins (H9: the next proposal keeps the line) and exclusions (the next proposal leaves the
-- teacher, or the teacher-school pair, out). One pin per teacher and plan.
CREATE TABLE plan_pins (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id      uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  teacher_id   uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  to_school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('rotation','leader_rotation','shadowing','itinerant')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, teacher_id)
);
CREATE TABLE plan_exclusions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id      uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  teacher_id   uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  -- null: the teacher is left out of every line
  to_school_id uuid REFERENCES schools(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX plan_exclusions_unique_idx ON plan_exclusions (plan_id, teacher_id, COALESCE(to_school_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Publishing writes the lines into the ledger; each record remembers its line.
ALTER TABLE service_records ADD COLUMN proposal_line_id uuid REFERENCES proposal_lines(id) ON DELETE SET NULL;
-- only one published proposal per plan, even under racing publishes
CREATE UNIQUE INDEX proposals_one_published_idx ON proposals (plan_id) WHERE status = 'published';
