-- Issue #13: the master data a solve reads (schools and their needs and pairings, teachers and their
-- exemptions and preferences, the service ledger) can be kept in memory between solves while it does not
-- change. Every statement that changes one of those tables adds one row here, in its own transaction, so
-- the row becomes visible exactly when the change commits. The count of rows only grows: a solver that
-- counted N before loading and N after may keep what it loaded as "the data at N", and use it again while
-- the count is still N (src/services/master-data-cache.ts). Inserts take no lock that writers could queue
-- or deadlock on (a single counter row updated by every writer would).
CREATE TABLE master_data_changes (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- append-only: a row taken away could let the count return to a value a solver has kept (a prune
-- and one change later), and stale data would pass for current
CREATE FUNCTION master_data_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'master_data_changes is append-only (a solver''s kept master data is current while its count is unchanged)';
END;
$$;
CREATE TRIGGER master_data_changes_append_only BEFORE UPDATE OR DELETE ON master_data_changes
  FOR EACH ROW EXECUTE FUNCTION master_data_changes_append_only();
CREATE TRIGGER master_data_changes_no_truncate BEFORE TRUNCATE ON master_data_changes
  FOR EACH STATEMENT EXECUTE FUNCTION master_data_changes_append_only();

CREATE FUNCTION master_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO master_data_changes (table_name) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON schools FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON school_needs FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON school_pairings FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teachers FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teacher_exemptions FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teacher_preferences FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
CREATE TRIGGER master_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_records FOR EACH STATEMENT EXECUTE FUNCTION master_data_changed();
