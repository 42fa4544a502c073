-- Published lists and the ledger are history: the database keeps them whatever a route or a script does.
-- The delete routes look up what holds an object first and answer 409 naming it (src/db/holders.ts);
-- these are the backstop for everything that bypasses them.
--
-- Errors: a refused DELETE (also one cascaded from a teacher, school or plan) is SQLSTATE 23503
-- (foreign_key_violation), what PostgreSQL 15 raises for a RESTRICT key, so a delete racing a publish
-- answers 409 through the error handler; a refused INSERT or UPDATE is 23001 (restrict_violation): no
-- route writes there.

-- The ledger keeps every record: R11 counts rural years from it, R08 leader tenure, R16 shadowing done.
-- Deleting a teacher used to cascade to their records; a teacher with a history is now marked `left`.
ALTER TABLE service_records
  DROP CONSTRAINT service_records_teacher_id_fkey,
  ADD CONSTRAINT service_records_teacher_id_fkey FOREIGN KEY (teacher_id) REFERENCES teachers(id) ON DELETE RESTRICT;
-- (school_id is ON DELETE RESTRICT since 0004.)

-- A published proposal's lines are the final list: no line is added, changed or removed. Publishing
-- itself only changes the proposal's status, after its lines were written, so it never trips this.
-- The lines' foreign keys still cascade, so deleting a teacher or school on a draft removes the draft's
-- lines; on a published list this trigger refuses the cascaded delete and with it the whole statement.
CREATE FUNCTION proposal_lines_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT pr.id, pr.version, pl.year INTO p FROM proposals pr JOIN plans pl ON pl.id = pr.plan_id
      WHERE pr.id = OLD.proposal_id AND pr.status = 'published';
    IF FOUND THEN
      RAISE EXCEPTION 'proposal v% of the % plan is published: its lines cannot be %', p.version, p.year,
          CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'changed' END
        USING ERRCODE = CASE TG_OP WHEN 'DELETE' THEN 'foreign_key_violation' ELSE 'restrict_violation' END,
              CONSTRAINT = 'proposal_lines_published_frozen',
              DETAIL = format('Line %s (teacher %s, school %s to %s) is on published proposal %s.',
                OLD.id, OLD.teacher_id, OLD.from_school_id, OLD.to_school_id, p.id);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT pr.id, pr.version, pl.year INTO p FROM proposals pr JOIN plans pl ON pl.id = pr.plan_id
      WHERE pr.id = NEW.proposal_id AND pr.status = 'published';
    IF FOUND THEN
      RAISE EXCEPTION 'proposal v% of the % plan is published: no line can be added to it', p.version, p.year
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'proposal_lines_published_frozen',
              DETAIL = format('Proposal %s is published.', p.id);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER proposal_lines_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON proposal_lines
  FOR EACH ROW EXECUTE FUNCTION proposal_lines_published_frozen();

-- A published proposal stays as published: status, parameters, stats, summary, compliance, every
-- column, including ones added later. An UPDATE that changes nothing is let through.
CREATE FUNCTION proposals_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'proposal v% is published: it cannot be deleted', OLD.version
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'proposals_published_frozen',
              DETAIL = format('Proposal %s of plan %s is published.', OLD.id, OLD.plan_id);
    END IF;
    IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
      RAISE EXCEPTION 'proposal v% is published: it cannot change', OLD.version
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'proposals_published_frozen',
              DETAIL = format('Proposal %s of plan %s is published.', OLD.id, OLD.plan_id);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER proposals_published_frozen BEFORE UPDATE OR DELETE ON proposals
  FOR EACH ROW EXECUTE FUNCTION proposals_published_frozen();

-- A published plan keeps the year and parameters its proposal was solved and published with (start
-- dates are 1 September of the year), and stays published; its name may still change.
CREATE FUNCTION plans_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'the % plan is published: it cannot be deleted', OLD.year
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'plans_published_frozen',
              DETAIL = format('Plan %s is published.', OLD.id);
    END IF;
    IF (NEW.year, NEW.parameters, NEW.status) IS DISTINCT FROM (OLD.year, OLD.parameters, OLD.status) THEN
      RAISE EXCEPTION 'the % plan is published: its year, parameters and status cannot change', OLD.year
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'plans_published_frozen',
              DETAIL = format('Plan %s is published.', OLD.id);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER plans_published_frozen BEFORE UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION plans_published_frozen();
