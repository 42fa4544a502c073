-- The service ledger: where each teacher served, in which post and kind, and whether the school was
-- rural/township/weak at that time (R11 counts only those years). source: import (personnel system),
-- api (entered by hand), plan (written by publishing a proposal; an import never deletes those).
CREATE TABLE service_records (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  teacher_id        uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  school_id         uuid NOT NULL REFERENCES schools(id) ON DELETE RESTRICT,
  post              text NOT NULL CHECK (post IN ('teacher','vice_principal','principal','party_secretary')),
  kind              text NOT NULL CHECK (kind IN ('regular','rotation','leader_rotation','shadowing','itinerant')),
  from_date         date NOT NULL,
  to_date           date,
  rural_at_the_time boolean NOT NULL,
  source            text NOT NULL DEFAULT 'api' CHECK (source IN ('import','api','plan')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX service_records_teacher_idx ON service_records (teacher_id);
