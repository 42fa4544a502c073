-- The 公示 (public notice) cycle (issue #12).
--
-- 1. One result per academic year, whatever the plan's name: each proposal carries its plan's year
--    (filled by the trigger below, so no writer can forget it), and at most one proposal per year is
--    announced (公示中) or published (已发布). The unique index holds under racing announces and publishes.
--    A database holding two published proposals for one year (possible before this change) stops here
--    with a unique violation naming the year: HR decides which is the year's result before upgrading.
ALTER TABLE proposals ADD COLUMN year integer;
-- a published proposal refuses every change (0009); filling the new column is not a change of its content
ALTER TABLE proposals DISABLE TRIGGER proposals_published_frozen;
UPDATE proposals p SET year = pl.year FROM plans pl WHERE pl.id = p.plan_id;
ALTER TABLE proposals ENABLE TRIGGER proposals_published_frozen;
ALTER TABLE proposals ALTER COLUMN year SET NOT NULL;

CREATE FUNCTION proposals_year_from_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT pl.year INTO NEW.year FROM plans pl WHERE pl.id = NEW.plan_id;
  RETURN NEW;
END;
$$;
CREATE TRIGGER proposals_year_from_plan BEFORE INSERT OR UPDATE OF plan_id ON proposals
  FOR EACH ROW EXECUTE FUNCTION proposals_year_from_plan();

-- done → announced → published; announced → done when HR withdraws the notice (src/services/proposal-life.ts)
ALTER TABLE proposals DROP CONSTRAINT proposals_status_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_status_check
  CHECK (status IN ('queued','running','done','failed','announced','published','cancelled'));

-- 2. The notice period: announced_at, and the first and last day objections are taken (China dates).
--    A published proposal keeps the period it was announced with.
ALTER TABLE proposals
  ADD COLUMN announced_at timestamptz,
  ADD COLUMN notice_from date,
  ADD COLUMN notice_until date;
ALTER TABLE proposals ADD CONSTRAINT proposals_notice_check
  CHECK ((status <> 'announced' OR notice_until IS NOT NULL) AND (notice_until IS NULL OR notice_from <= notice_until));

CREATE UNIQUE INDEX proposals_one_result_per_year_idx ON proposals (year) WHERE status IN ('announced','published');

-- Objections (异议): a principal's review `object` (source principal, with its side and school), or a
-- teacher's objection HR records with who lodged it and how (source teacher). HR answers each: upheld or
-- rejected, with a reason. `carried_from_version`: copied from that version of the plan, whose line was
-- the same (3. below).
CREATE TABLE objections (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id          uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  line_id              uuid NOT NULL REFERENCES proposal_lines(id) ON DELETE CASCADE,
  source               text NOT NULL CHECK (source IN ('principal','teacher')),
  side                 text CHECK (side IN ('sending','receiving')),
  school_id            uuid REFERENCES schools(id) ON DELETE CASCADE,
  comment              text NOT NULL CHECK (length(btrim(comment)) > 0 AND length(comment) <= 2000),
  lodged_by            text NOT NULL CHECK (length(lodged_by) <= 200),
  channel              text CHECK (channel IN ('in_person','phone','letter','email','other')),
  token_id             uuid,
  lodged_at            timestamptz NOT NULL DEFAULT now(),
  carried_from_version integer,
  decision             text CHECK (decision IN ('upheld','rejected')),
  reason               text CHECK (length(reason) <= 2000),
  answered_by          text,
  answered_at          timestamptz,
  CHECK ((source = 'principal') = (side IS NOT NULL AND school_id IS NOT NULL)),
  CHECK ((source = 'teacher') = (channel IS NOT NULL)),
  CHECK ((decision IS NULL) = (answered_at IS NULL) AND (decision IS NULL OR length(btrim(reason)) > 0))
);
CREATE INDEX objections_proposal_idx ON objections (proposal_id, lodged_at, id);
CREATE INDEX objections_line_idx ON objections (line_id);
-- a principal side holds one open objection per line: objecting again replaces its comment
CREATE UNIQUE INDEX objections_open_side_idx ON objections (line_id, side) WHERE decision IS NULL AND source = 'principal';

-- 3. Reviews that carry over: a review copied from the same line of an earlier version remembers that
--    version; a line of the same teacher that changed says what changed for each side that had reviewed
--    the earlier one ({"sending": ["toSchool"], "receiving": [...]}), written with the line.
ALTER TABLE line_reviews ADD COLUMN carried_from_version integer;
ALTER TABLE proposal_lines ADD COLUMN changed_since_review jsonb;
