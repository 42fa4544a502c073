import { z } from 'zod';
import { IdSchema } from './common.js';

export const EngineSchema = z.enum(['highs', 'jlps']);
export const LineKindSchema = z.enum(['rotation', 'leader_rotation', 'shadowing', 'itinerant']);
/** A principal's answer to a line: 同意 or 异议 */
export const ReviewDecisionSchema = z.enum(['approve', 'object']);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
const ReviewStateSchema = z.object({ decision: ReviewDecisionSchema, comment: z.string() }).nullable();
export const ProposalStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'published', 'cancelled']);

/** Overrides of the model's parameters (docs/model.md); checked against the defaults' keys and types. */
export const ParametersSchema = z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]));

export const PlanInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().max(200).default(''),
  parameters: ParametersSchema.default({}),
});
export const PlanPatchSchema = z.object({
  name: z.string().trim().max(200),
  parameters: ParametersSchema,
  status: z.enum(['open', 'archived']),
}).partial();
export const PlanSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  name: z.string(),
  /** the overrides as given */
  parameters: z.record(z.string(), z.unknown()),
  /** every parameter in force: the defaults with the overrides applied */
  effectiveParameters: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'published', 'archived']),
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
});
export type Proposal = z.infer<typeof ProposalSchema>;

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

export const LinesQuerySchema = z.object({
  schoolId: IdSchema.optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  kind: LineKindSchema.optional(),
  teacherId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(20000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
