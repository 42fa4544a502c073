-- Issue #23: every district, school and teacher has a version, its ETag: each update of the row adds one
-- (a change to a school's needs or a teacher's exemptions updates the row's updated_at too), so a write
-- sent with a stale If-Match is refused (412) instead of silently overwriting another's.
ALTER TABLE districts ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE schools ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE teachers ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;
CREATE TRIGGER bump_version BEFORE UPDATE ON districts FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER bump_version BEFORE UPDATE ON schools FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER bump_version BEFORE UPDATE ON teachers FOR EACH ROW EXECUTE FUNCTION bump_version();
