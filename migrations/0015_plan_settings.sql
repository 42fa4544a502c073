-- Plan settings (issue #12 point 5): what the 公示 notice and the decision print about who issues them,
-- not how the plan is solved: {countyName?, issuingOffice?, objectionContact?, noticeWorkingDays?}
-- (src/schemas/planning.ts PlanSettingsSchema bounds each). They stay out of the solver's input and
-- the proposal snapshot, and may change after publishing: plans_published_frozen (0009) freezes only
-- the year, the parameters and the status, so a published plan's notice can still be reissued with a
-- corrected contact.
ALTER TABLE plans ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb
  CHECK (jsonb_typeof(settings) = 'object');
