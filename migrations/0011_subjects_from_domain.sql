-- The subject catalogue's names and R24's shortage flag live in solver/domain.ts (SUBJECTS,
-- DEFAULT_SHORTAGE_SUBJECTS): GET /subjects and GET /vocabulary take them from there, and a plan's
-- `shortageSubjects` parameter overrides the flag. Copies here could only disagree, so the table
-- keeps the codes alone, as the foreign-key target of school_needs. A test keeps the seeded codes
-- equal to domain.ts's catalogue.
ALTER TABLE subjects DROP COLUMN name_zh, DROP COLUMN shortage;
