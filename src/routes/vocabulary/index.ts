import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BACKBONE_LEVELS,
  BACKBONE_ZH,
  EDUCATION_LEVELS,
  EDUCATION_ZH,
  EXEMPTION_REASON_ZH,
  EXEMPTION_REASONS,
  GENDER_ZH,
  GENDERS,
  LINE_KIND_ZH,
  LINE_KINDS,
  LINE_YEARS,
  ACADEMIC_YEAR_ZH,
  NOTICE_KIND_ZH,
  LOCALITIES,
  LOCALITY_ZH,
  OPEN_RECORD_KINDS,
  PLAN_STATUS_ZH,
  PLAN_STATUSES,
  POST_ZH,
  POSTS,
  PROPOSAL_STATUS_ZH,
  PROPOSAL_STATUSES,
  REVIEW_DECISION_ZH,
  REVIEW_DECISIONS,
  REVIEW_SIDE_ZH,
  REVIEW_SIDES,
  ROLE_ZH,
  ROLES,
  SERVICE_KIND_ZH,
  SERVICE_KINDS,
  STAGE_ZH,
  STAGES,
  SUBJECTS,
  TEACHER_STATUS_ZH,
  TEACHER_STATUSES,
  TITLE_ZH,
  TITLES,
  YEAR_ENDS,
  YEAR_STARTS,
} from '../../../solver/domain.js';
import { withDefaults } from '../../../solver/index.js';
import { errorResponses } from '../../schemas/common.js';
import { ParameterVocabularySchema, parameterVocabulary } from './parameters.js';

const Label = z.object({ code: z.string(), zh: z.string() });
const Labels = z.array(Label);
const MonthDay = z.string().regex(/^\d{2}-\d{2}$/);

export const VocabularySchema = z.object({
  enums: z
    .object({
      stage: Labels,
      locality: Labels,
      post: Labels,
      title: Labels,
      backbone: Labels,
      education: Labels,
      gender: Labels,
      teacherStatus: Labels,
      exemptionReason: Labels,
      serviceKind: Labels,
      lineKind: Labels,
      noticeKind: Labels.describe('how the public notice and decision name each line kind (GET /proposals/:id/notice.html)'),
      reviewDecision: Labels,
      reviewSide: Labels,
      proposalStatus: Labels,
      planStatus: Labels,
      role: Labels,
    })
    .describe('every enumeration of the API, in order, each code with its Chinese label'),
  subjects: z
    .array(z.object({ code: z.string(), zh: z.string(), shortage: z.boolean() }))
    .describe('the subject catalogue; `shortage` is the default of the `shortageSubjects` parameter (R24); a plan may override it (GET /subjects?planId=)'),
  calendar: z.object({
    yearStarts: MonthDay.describe('month-day the academic year Y starts on (moves take effect on Y-09-01)'),
    academicYear: z.string().describe('how an academic year is written, {Y} the year it starts: "{Y}—{Y+1}学年" gives 2027—2028学年'),
    clockDay: MonthDay.describe(
      'month-day every clock of a plan for year Y is taken on (Y-08-31); whole years of service are counted to yearStarts, so a start on yearStarts of Y−n counts n years',
    ),
    lines: z
      .array(
        z.object({
          kind: z.string(),
          parameter: z.string().nullable().describe('the plan parameter giving the length in academic years, or null for a fixed length'),
          years: z.number().int().describe("the length in academic years: the fixed one, or the parameter's default"),
          recordOpen: z.boolean().describe('true: the service record the published line becomes has no end (R08: the post is taken at the new school)'),
        }),
      )
      .describe('a line of year Y runs from Y-yearStarts to (Y+years)-clockDay'),
  }),
  parameters: z
    .array(ParameterVocabularySchema)
    .describe(
      "every model parameter's one definition (solver/parameters.ts, docs/model.md): type, default, bounds, unit, options with Chinese labels, Chinese name and help, for the page's plan editor",
    ),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

const labels = <C extends string>(codes: readonly C[], zh: Record<C, string>) => codes.map((code) => ({ code, zh: zh[code] }));

/** The vocabulary as GET /vocabulary answers it: all of it from solver/domain.ts (and the parameters' defaults). */
export function vocabulary(): Vocabulary {
  const defaults = withDefaults({});
  return {
    enums: {
      stage: labels(STAGES, STAGE_ZH),
      locality: labels(LOCALITIES, LOCALITY_ZH),
      post: labels(POSTS, POST_ZH),
      title: labels(TITLES, TITLE_ZH),
      backbone: labels(BACKBONE_LEVELS, BACKBONE_ZH),
      education: labels(EDUCATION_LEVELS, EDUCATION_ZH),
      gender: labels(GENDERS, GENDER_ZH),
      teacherStatus: labels(TEACHER_STATUSES, TEACHER_STATUS_ZH),
      exemptionReason: labels(EXEMPTION_REASONS, EXEMPTION_REASON_ZH),
      serviceKind: labels(SERVICE_KINDS, SERVICE_KIND_ZH),
      lineKind: labels(LINE_KINDS, LINE_KIND_ZH),
      noticeKind: labels(LINE_KINDS, NOTICE_KIND_ZH),
      reviewDecision: labels(REVIEW_DECISIONS, REVIEW_DECISION_ZH),
      reviewSide: labels(REVIEW_SIDES, REVIEW_SIDE_ZH),
      proposalStatus: labels(PROPOSAL_STATUSES, PROPOSAL_STATUS_ZH),
      planStatus: labels(PLAN_STATUSES, PLAN_STATUS_ZH),
      role: labels(ROLES, ROLE_ZH),
    },
    subjects: SUBJECTS.map((s) => ({ code: s.code, zh: s.zh, shortage: s.shortage })),
    calendar: {
      yearStarts: YEAR_STARTS,
      academicYear: ACADEMIC_YEAR_ZH,
      clockDay: YEAR_ENDS,
      lines: LINE_KINDS.map((kind) => {
        const length = LINE_YEARS[kind];
        const parameter = 'parameter' in length ? length.parameter : null;
        return {
          kind,
          parameter,
          years: parameter ? Number(defaults[parameter]) : (length as { years: number }).years,
          recordOpen: OPEN_RECORD_KINDS.includes(kind),
        };
      }),
    },
    parameters: parameterVocabulary(),
  };
}

/** One vocabulary for every client: the page takes its labels and calendar from here, not from copies. */
const vocabularyRoute: FastifyPluginAsyncZod = async (app) => {
  const body = vocabulary();
  app.get(
    '/vocabulary',
    {
      schema: {
        tags: ['master data'],
        summary: 'The enumerations with their Chinese labels, the subject catalogue and the academic calendar',
        response: { 200: VocabularySchema, ...errorResponses },
      },
    },
    async () => body,
  );
};
export default vocabularyRoute;
