-- Q12: a hard rule's exception (compliance.exceptions: a teacher H4 R08, H5 R11 or H6 R16 names who
-- is not moved) needs a reason a person enters. One current reason per proposal, teacher and rule
-- (the audit log keeps every change); given before the proposal is published.
CREATE TABLE exception_reasons (
  proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  teacher_id  uuid NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  rule        text NOT NULL CHECK (rule IN ('H4','H5','H6')),
  reason      text NOT NULL CHECK (length(btrim(reason)) > 0 AND length(reason) <= 500),
  token_id    uuid,
  actor       text NOT NULL,
  given_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, teacher_id, rule)
);
