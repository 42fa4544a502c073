-- Each line's own notice period (issue #19, the correction cycle of docs/notices.md).
--
-- A corrected version is announced as a 补充公示: its lines that changed (or are new) are announced for
-- a new period, while a line equal to one whose earlier notice ran its full period keeps that period
-- and is not announced again. `notice_from`/`notice_until` say which period a line was announced in;
-- null until its version is announced (and again when a notice is withdrawn before it ran its course).
ALTER TABLE proposal_lines
  ADD COLUMN notice_from date,
  ADD COLUMN notice_until date;
ALTER TABLE proposal_lines ADD CONSTRAINT proposal_lines_notice_check
  CHECK ((notice_from IS NULL) = (notice_until IS NULL) AND (notice_until IS NULL OR notice_from <= notice_until));

-- lines announced or published before this change had their proposal's period
ALTER TABLE proposal_lines DISABLE TRIGGER proposal_lines_published_frozen;
UPDATE proposal_lines l SET notice_from = p.notice_from, notice_until = p.notice_until
  FROM proposals p WHERE p.id = l.proposal_id AND p.status IN ('announced', 'published') AND p.notice_until IS NOT NULL;
ALTER TABLE proposal_lines ENABLE TRIGGER proposal_lines_published_frozen;
