import { z } from 'zod';
import { CLOCK_LABEL_ZH } from '../../solver/clocks.js';
import { IdSchema } from './common.js';
import { BackboneSchema, PostSchema, ProposalStatusSchema, TitleSchema } from './enums.js';
import { PlacementSchema, ServiceRecordSchema } from './master-data.js';
import { LineSchema } from './planning.js';

/** One clock of solver/clocks.ts with its Chinese name. */
const ClockSchema = z.object({ value: z.union([z.number(), z.boolean(), z.string(), z.null()]), labelZh: z.string() });

/** Every clock solver/clocks.ts computes, by its name. */
const CLOCKS = Object.fromEntries(Object.keys(CLOCK_LABEL_ZH).map((k) => [k, ClockSchema])) as Record<keyof typeof CLOCK_LABEL_ZH, typeof ClockSchema>;

/** GET /proposals/:id/teachers/:teacherId: the teacher page of HR's review (issue #12 point 7). */
export const TeacherPageSchema = z.object({
  teacher: z.object({
    id: IdSchema,
    name: z.string(),
    externalId: z.string().describe('staff number (工号)'),
    subjects: z.array(z.string()),
    title: TitleSchema,
    backbone: BackboneSchema,
    post: PostSchema,
    schoolId: IdSchema,
    schoolName: z.string(),
  }),
  placement: PlacementSchema,
  serviceRecords: z.array(ServiceRecordSchema.extend({ schoolName: z.string() })).describe('the ledger (任职记录), oldest first'),
  clocks: z
    .object({
      asOf: z.string().describe('1 September of the plan year'),
      basis: z
        .enum(['snapshot', 'roster'])
        .describe("snapshot: as the proposal's solve saw the teacher; roster: today's data (the proposal has no snapshot, or the teacher is not in it)"),
      ...CLOCKS,
    })
    .describe('every clock of solver/clocks.ts as {value, labelZh}'),
  versions: z
    .array(z.object({ proposalId: IdSchema, version: z.number().int(), status: ProposalStatusSchema, line: LineSchema.nullable() }))
    .describe("every version of the plan, oldest first, with the teacher's line in it (the non-itinerant one where there are two)"),
  chosen: z
    .object({ reasons: z.array(z.string()), explanation: z.string() })
    .nullable()
    .describe("this proposal's line's rule reasons; null without a line"),
  whyNot: z
    .array(z.string())
    .nullable()
    .describe(
      "without a line in this proposal: why not, in the rules' words (from the stored snapshot and report); null with a line, or before the solve is done",
    ),
  colleagues: z
    .array(z.object({ teacherId: IdSchema, name: z.string(), subject: z.string().nullable(), whyNot: z.array(z.string()) }))
    .describe('with a line: up to 3 colleagues of the same home school who were not moved, same subject first, each with why not'),
});
export type TeacherPage = z.infer<typeof TeacherPageSchema>;
