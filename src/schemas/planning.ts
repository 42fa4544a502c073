import { z } from 'zod';
import { CursorSchema, IdSchema, MAX_OFFSET, text } from './common.js';
import type { LineSort } from '../domain.js';
import { ParametersSchema } from './parameters.js';
import { LineKindSchema, PlanStatusSchema, ProposalStatusSchema, ReviewDecisionSchema } from './enums.js';

export const EngineSchema = z.enum(['highs', 'jlps']);
// the domain's enumerations (solver/domain.ts through enums.ts), re-exported where the routes look for them
export { LineKindSchema, ProposalStatusSchema, ReviewDecisionSchema };
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
export const LINE_CHANGES = ['toSchool', 'fromSchool', 'hours', 'kind'] as const;
/**
 * A side's review of a line. null: not reviewed, and nothing to say. `carried`: copied from the same line
 * of an earlier version (`carriedFromVersion`). A side that reviewed the same teacher's line of the
 * previous version, when the line changed since, gets `decision: null` and `changedSinceReview` (what changed).
 */
const ReviewStateSchema = z
  .object({
    decision: ReviewDecisionSchema.nullable(),
    comment: z.string(),
    carried: z.boolean(),
    carriedFromVersion: z.number().int().nullable(),
    changedSinceReview: z.array(z.enum(LINE_CHANGES)).optional(),
  })
  .nullable();

export { ParametersSchema };

/**
 * The plan's document settings (issue #12 point 5): what the 公示 notice and the decision print.
 * Not solver parameters: they never reach the solver's input or the proposal snapshot, and may
 * change after publishing. Unknown keys are refused, so a misspelt one does not vanish silently.
 */
export const PlanSettingsSchema = z.strictObject({
  countyName: text(50).optional().describe('the county as titles name it, e.g. 惠城县; absent: 本县'),
  issuingOffice: text(100).optional().describe('who issues the notice and the decision, e.g. 惠城县教育局'),
  objectionContact: text(200).optional().describe('where objections go during the notice: office, telephone, address'),
  noticeWorkingDays: z.number().int().min(1).max(30).optional().describe('the notice period in working days (usually 5)'),
});
/** PATCH merges: a key given replaces the stored one, a key set to null removes it, a key left out stays. */
export const PlanSettingsPatchSchema = z.strictObject({
  countyName: text(50).nullable().optional(),
  issuingOffice: text(100).nullable().optional(),
  objectionContact: text(200).nullable().optional(),
  noticeWorkingDays: z.number().int().min(1).max(30).nullable().optional(),
});

export const PlanInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  name: text(200, { min: 0 }).default(''),
  parameters: ParametersSchema.default({}),
  settings: PlanSettingsSchema.default({}),
});
export const PlanPatchSchema = z
  .object({
    name: text(200, { min: 0 }),
    parameters: ParametersSchema,
    settings: PlanSettingsPatchSchema,
    status: z.enum(['open', 'archived']),
  })
  .partial();
export const PlanSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  name: z.string(),
  /** the overrides as given */
  parameters: z.record(z.string(), z.unknown()),
  /** every parameter in force: the defaults with the overrides applied */
  effectiveParameters: z.record(z.string(), z.unknown()),
  /** the document settings (PlanSettingsSchema), {} when none were given */
  settings: PlanSettingsSchema,
  status: PlanStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const ProposalRequestSchema = z.object({
  engine: EngineSchema.default('highs'),
  timeLimitSeconds: z.number().int().min(1).max(3600).optional(),
});

export const ProposalSchema = z.object({
  id: IdSchema,
  planId: IdSchema,
  version: z.number().int(),
  status: ProposalStatusSchema,
  engine: EngineSchema,
  progress: z.object({ phase: z.string(), fraction: z.number() }),
  parameters: z.record(z.string(), z.unknown()),
  snapshotHash: z.string().nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  notice: z
    .object({ announcedAt: z.string(), from: z.string(), until: z.string() })
    .nullable()
    .describe('the 公示 notice period (China dates, both included) while announced, and kept once published; null otherwise'),
  reviewCounts: z
    .object({
      lines: z.number().int(),
      reviewed: z.number().int().describe('lines whose every side has a review'),
      objected: z.number().int().describe('lines with an objection (open or answered)'),
      openObjections: z.number().int().describe('objections not answered yet'),
    })
    .optional()
    .describe('GET /proposals/:id and the notice routes'),
});
export type Proposal = z.infer<typeof ProposalSchema>;

// ---- the 公示 notice period (issue #12)
const DateSchema = z.iso.date();
export const AnnounceBodySchema = z
  .object({
    noticeUntil: DateSchema.optional().describe('the last day of the notice period (China date); default: five working days from tomorrow'),
    noticeWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(30)
      .optional()
      .describe('the period in working days (Mon–Fri) from tomorrow; public holidays: give noticeUntil'),
  })
  .refine((b) => b.noticeUntil === undefined || b.noticeWorkingDays === undefined, {
    path: ['noticeUntil'],
    message: 'give noticeUntil or noticeWorkingDays, not both',
  });
export const OBJECTION_CHANNELS = ['in_person', 'phone', 'letter', 'email', 'other'] as const;
export const TeacherObjectionBodySchema = z.object({
  comment: text(2000, { multiline: true }),
  lodgedBy: text(200).describe("who lodged it, e.g. the teacher's name"),
  channel: z.enum(OBJECTION_CHANNELS),
});
export const ObjectionAnswerBodySchema = z
  .object({
    decision: z.enum(['upheld', 'rejected']),
    reason: text(2000, { multiline: true }),
    exclude: z
      .boolean()
      .default(false)
      .describe("upheld only: also exclude the teacher's move from the plan (as PUT /plans/:id/pins), so the amended version leaves the line out"),
  })
  .refine((b) => !b.exclude || b.decision === 'upheld', { path: ['exclude'], message: 'only an upheld objection excludes the line' });
export const ObjectionsQuerySchema = z.object({
  state: z.enum(['open', 'answered']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: CursorSchema.optional(),
});
export const ObjectionSchema = z.object({
  id: IdSchema,
  lineId: IdSchema,
  teacherId: IdSchema,
  teacherName: z.string(),
  kind: LineKindSchema,
  fromSchoolName: z.string(),
  toSchoolName: z.string(),
  source: z.enum(['principal', 'teacher']),
  side: z.enum(['sending', 'receiving']).nullable(),
  schoolId: IdSchema.nullable(),
  comment: z.string(),
  lodgedBy: z.string(),
  channel: z.enum(OBJECTION_CHANNELS).nullable(),
  lodgedAt: z.string(),
  carried: z.boolean(),
  carriedFromVersion: z.number().int().nullable(),
  answer: z.object({ decision: z.enum(['upheld', 'rejected']), reason: z.string(), answeredBy: z.string(), answeredAt: z.string() }).nullable(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

export const LineSchema = z.object({
  id: IdSchema,
  teacherId: IdSchema,
  teacher: z.object({
    name: z.string(),
    externalId: z.string(),
    subject: z.string().nullable(),
    subjects: z.array(z.string()),
    title: z.string(),
    backbone: z.string().nullable(),
    post: z.string(),
    schoolSince: z.string(),
  }),
  kind: LineKindSchema,
  fromSchoolId: IdSchema,
  toSchoolId: IdSchema,
  fromSchoolName: z.string(),
  toSchoolName: z.string(),
  hoursPerWeek: z.number().int().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  reasons: z.array(z.string()),
  explanation: z.string(),
  pinned: z.boolean(),
  /** each side's current review (null: not reviewed yet) */
  review: z.object({
    sending: ReviewStateSchema,
    receiving: ReviewStateSchema,
  }),
});
export type Line = z.infer<typeof LineSchema>;

/** The columns the list of lines sorts by (GET /proposals/:id/lines?sort=). */
export const LINE_SORTS = ['name', 'fromSchool', 'toSchool', 'kind', 'subject'] as const satisfies readonly LineSort[];
export const LinesQuerySchema = z.object({
  schoolId: IdSchema.optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  kind: LineKindSchema.optional(),
  teacherId: IdSchema.optional(),
  q: text(100, { min: 0 })
    .optional()
    .describe(
      "HR's search (#12): a substring of the teacher's name, or the start of their staff number (工号, externalId); case-insensitive; empty: no search",
    ),
  sort: z.enum(LINE_SORTS).optional().describe('order by teacher name, sending school, receiving school, kind or subject; then the default order'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(20000).default(1000),
  cursor: CursorSchema.optional(),
  /** an alias of the cursor, kept for earlier clients */
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
});

// ---- the compliance report (model.md "What the solver returns") and the diff of two proposals
const SchoolComplianceSchema = z.object({
  schoolId: IdSchema,
  schoolName: z.string(),
  eligible: z.number().int(),
  required: z.number().int(),
  proposed: z.number().int(),
  backbone: z.number().int(),
  backboneShare: z.number(),
  backboneRequired: z.number().int(),
  pass: z.boolean(),
});
/** One school's R01/R02 quota in a proposal (GET /proposals/:id/quota): null when the school sends no one by rule (not a sending school). */
export const SchoolQuotaSchema = z.object({ schoolId: IdSchema, quota: SchoolComplianceSchema.nullable() });

/** A rule the proposal could not meet, in policy language with its remedy; rules may add their own fields. */
const ViolationSchema = z.looseObject({
  rule: z.string().describe("the model's rule: H2 … H9"),
  ruleId: z.string().describe('the policy rule: R01 …'),
  schoolId: z.string().optional(),
  teacherId: z.string().optional(),
  message: z.string(),
  messageZh: z.string(),
  remedy: z.string(),
  amount: z.number(),
});
export const EXCEPTION_RULES = ['H4', 'H5', 'H6'] as const;
/** A teacher a hard rule (H4 R08, H5 R11, H6 R16) names who is not moved as it asks: an exception on record (Q12). */
export const ExceptionRecordSchema = z.object({
  rule: z.enum(EXCEPTION_RULES),
  ruleId: z.enum(['R08', 'R11', 'R16']),
  teacherId: z.string(),
  schoolId: z.string(),
  reason: z
    .enum(['exempt', 'not_established', 'on_leave', 'window_closed', 'excluded', 'pinned_elsewhere', 'away'])
    .describe(
      'why the teacher is not moved: H8 keeps them (exempt, not_established, on_leave, away), the R16 window closed, or HR excluded or pinned them elsewhere',
    ),
  message: z.string(),
  messageZh: z.string(),
});
/** GET /proposals/:id/exceptions: an exception on record with HR's reason, or null while none was given. */
export const ExceptionListedSchema = ExceptionRecordSchema.extend({
  teacherName: z.string().nullable(),
  hrReason: z
    .object({ text: z.string(), by: z.string(), at: z.string() })
    .nullable()
    .describe("HR's reason (Q12), audited; null: the exception still needs one (待说明)"),
});
export const ExceptionReasonBodySchema = z.object({
  rule: z.enum(EXCEPTION_RULES).describe('the hard rule naming the teacher: H4 (R08), H5 (R11), H6 (R16)'),
  reason: text(500, { multiline: true }).describe('why the teacher is not moved as the rule asks'),
});
export const ExceptionReasonSchema = z.object({ teacherId: z.string(), rule: z.enum(EXCEPTION_RULES), text: z.string(), by: z.string(), at: z.string() });
const IndicatorsSchema = z.object({ ruralBackboneShare: z.number(), urbanRuralBachelorRatio: z.number() });
const SchoolStaffingSchema = z.object({
  schoolId: IdSchema,
  approvedHeadcount: z.number().int().describe('核定编制'),
  homePostsBefore: z
    .number()
    .int()
    .describe('H7 (Q16): established teachers, active or on leave, whose home post (编制) is at the school on 1 September Y, before the moves'),
  homePostsAfter: z
    .number()
    .int()
    .describe('the same after the moves: only a leader rotation, or a rotation longer than three years when the plan says so, takes the post along'),
  workingBefore: z
    .number()
    .int()
    .describe(
      'active teachers working at the school on 1 September Y before the moves: hosted teachers of earlier years at the host, own teachers away not at home',
    ),
  workingAfter: z.number().int().describe("the same after the plan's rotations, leader rotations and shadowing (走教 moves nobody)"),
});
export const ComplianceSchema = z.object({
  schools: z.array(SchoolComplianceSchema),
  staffing: z
    .array(SchoolStaffingSchema)
    .optional()
    .describe('every school, before and after the moves (model.md "Placement over time"); absent on proposals solved before it was reported'),
  county: z
    .object({
      eligible: z.number().int(),
      required: z.number().int(),
      proposed: z.number().int(),
      backbone: z.number().int(),
      share: z.number(),
      backboneShare: z.number(),
      pass: z.boolean(),
    })
    .describe('R03: the county-wide view of R01/R02'),
  violations: z.array(ViolationSchema),
  notices: z.array(z.string()),
  // reports stored before exceptions were recorded have none
  exceptions: z.array(ExceptionRecordSchema).default([]).describe('every teacher a hard rule names who is not moved as it asks, with the reason (Q12)'),
  indicators: z.object({ before: IndicatorsSchema, after: IndicatorsSchema }).describe('R26 rural backbone share, R32 urban:rural bachelor ratio'),
});
const DiffLineSchema = z.object({
  teacherId: IdSchema,
  teacherName: z.string(),
  kind: LineKindSchema,
  fromSchoolId: IdSchema,
  toSchoolId: IdSchema,
  hoursPerWeek: z.number().int().nullable(),
  reasons: z.array(z.string()),
});
const DiffCauseFields = {
  cause: z
    .enum(['pin', 'exclusion', 'quota', 'other'])
    .describe(
      "why the line differs (issue #12): the teacher's pin or exclusion changed; a move at a school one touches, to restore its quota (R01, R02) or posts; or something else (roster, ledger, parameters)",
    ),
  causeZh: z.string().describe('the cause in Chinese, naming the school for a quota move'),
};
export const DiffSchema = z.object({
  proposalId: IdSchema,
  version: z.number().int(),
  againstId: IdSchema,
  againstVersion: z.number().int(),
  added: z.array(DiffLineSchema.extend(DiffCauseFields)),
  removed: z.array(DiffLineSchema.extend(DiffCauseFields)),
  changed: z.array(
    z.object({ before: DiffLineSchema, after: DiffLineSchema, what: z.array(z.enum(['toSchoolId', 'fromSchoolId', 'hoursPerWeek'])), ...DiffCauseFields }),
  ),
  unchanged: z.number().int(),
});
