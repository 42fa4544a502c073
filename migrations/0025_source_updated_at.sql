-- Issue #23: the personnel system's own time of each row (PUT /import, per-row sourceUpdatedAt). A row
-- older than what is stored is not applied and is listed as stale: a late retry of an old export
-- cannot overwrite a newer one.
ALTER TABLE districts ADD COLUMN source_updated_at timestamptz;
ALTER TABLE schools ADD COLUMN source_updated_at timestamptz;
ALTER TABLE teachers ADD COLUMN source_updated_at timestamptz;
