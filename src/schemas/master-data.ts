import { z } from 'zod';
import { DateSchema, ExternalIdSchema, IdSchema, endNotBeforeStart, text } from './common.js';
import {
  BackboneSchema,
  EducationSchema,
  ExemptionReasonSchema,
  GenderSchema,
  LocalitySchema,
  PostSchema,
  ServiceKindSchema,
  StageSchema,
  SubjectSchema,
  TeacherStatusSchema,
  TitleSchema,
} from './enums.js';

// ---- 学区 districts
export const DistrictInputSchema = z.object({
  externalId: ExternalIdSchema,
  code: text(50),
  name: text(200),
});
export const DistrictSchema = DistrictInputSchema.extend({ id: IdSchema });
export const DistrictPatchSchema = DistrictInputSchema.partial();
export type District = z.infer<typeof DistrictSchema>;

// ---- schools
export const LocationSchema = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export const NeedSchema = z.object({
  subject: SubjectSchema,
  /** teachers the school needs in this subject (满编) */
  teachers: z.number().int().min(0).max(1000),
  /** weekly lessons the subject needs */
  weeklyHours: z.number().int().min(0).max(10000),
});
/** A list of ids in which each appears once (a pairing or a ranked preference names a school once). */
function uniqueIds(ids: string[], ctx: z.core.$RefinementCtx<unknown>) {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: 'listed twice' });
    seen.add(id);
  });
}
function uniqueSubjects(needs: { subject: string }[], ctx: z.core.$RefinementCtx<unknown>) {
  const seen = new Set<string>();
  needs.forEach((n, i) => {
    if (seen.has(n.subject)) ctx.addIssue({ code: 'custom', path: [i, 'subject'], message: `subject ${n.subject} listed twice` });
    seen.add(n.subject);
  });
}
/** H10: a school's leadership posts by count; absent or null: one principal, the others as held today (docs/model.md, "Leader posts"). */
export const LeaderPostsSchema = z.object({
  principal: z.number().int().min(0).max(1),
  partySecretary: z.number().int().min(0).max(10),
  vicePrincipals: z.number().int().min(0).max(20),
});
const schoolFields = {
  externalId: ExternalIdSchema,
  code: text(50),
  name: text(200),
  stage: StageSchema,
  locality: LocalitySchema,
  isHighQuality: z.boolean().default(false),
  isWeak: z.boolean().default(false),
  isCentral: z.boolean().default(false),
  isTeachingPoint: z.boolean().default(false),
  isBoarding: z.boolean().default(false),
  location: LocationSchema.nullable().default(null),
  approvedHeadcount: z.number().int().min(0).max(100000),
  needs: z.array(NeedSchema).max(50).default([]).superRefine(uniqueSubjects),
  leaderPosts: LeaderPostsSchema.nullable().default(null),
};
export const SchoolInputSchema = z.object({
  ...schoolFields,
  districtId: IdSchema,
  pairedSchoolIds: z.array(IdSchema).max(50).default([]).superRefine(uniqueIds),
});
export const SchoolPatchSchema = z
  .object({
    externalId: schoolFields.externalId,
    code: schoolFields.code,
    name: schoolFields.name,
    stage: StageSchema,
    locality: LocalitySchema,
    isHighQuality: z.boolean(),
    isWeak: z.boolean(),
    isCentral: z.boolean(),
    isTeachingPoint: z.boolean(),
    isBoarding: z.boolean(),
    location: LocationSchema.nullable(),
    approvedHeadcount: schoolFields.approvedHeadcount,
    needs: z.array(NeedSchema).max(50).superRefine(uniqueSubjects),
    districtId: IdSchema,
    pairedSchoolIds: z.array(IdSchema).max(50).superRefine(uniqueIds),
    leaderPosts: LeaderPostsSchema.nullable(),
  })
  .partial();
export const SchoolSchema = z.object({
  id: IdSchema,
  externalId: z.string(),
  code: z.string(),
  name: z.string(),
  districtId: IdSchema,
  stage: StageSchema,
  locality: LocalitySchema,
  isHighQuality: z.boolean(),
  isWeak: z.boolean(),
  isCentral: z.boolean(),
  isTeachingPoint: z.boolean(),
  isBoarding: z.boolean(),
  location: LocationSchema.nullable(),
  approvedHeadcount: z.number().int(),
  pairedSchoolIds: z.array(IdSchema),
  needs: z.array(NeedSchema),
  leaderPosts: LeaderPostsSchema.nullable(),
});
export type School = z.infer<typeof SchoolSchema>;

// ---- teachers
export const ExemptionSchema = z
  .object({
    reason: ExemptionReasonSchema,
    from: DateSchema,
    to: DateSchema.nullable().default(null),
    note: text(500, { multiline: true }).nullable().default(null),
  })
  .superRefine(endNotBeforeStart)
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'an exemption for reason "other" needs a note' });
  });
export type Exemption = z.infer<typeof ExemptionSchema>;

const teacherFields = {
  externalId: ExternalIdSchema,
  name: text(100),
  gender: GenderSchema,
  birthDate: DateSchema,
  hireDate: DateSchema,
  schoolSince: DateSchema,
  post: PostSchema,
  postSince: DateSchema,
  subjects: z.array(SubjectSchema).min(1).max(5),
  stages: z.array(StageSchema).min(1).max(7),
  title: TitleSchema,
  backbone: BackboneSchema.default(null),
  education: EducationSchema,
  /** 在编: holds an established (staffing-quota) post */
  established: z.boolean(),
  status: TeacherStatusSchema.default('active'),
  weeklyHours: z.number().int().min(0).max(40),
  seniorTitleApplicationYear: z.number().int().min(1950).max(2100).nullable().default(null),
  priorRuralYears: z.number().int().min(0).max(60).default(0),
  exemptions: z.array(ExemptionSchema).max(20).default([]),
  volunteer: z.boolean().default(false),
};
const teacherDates = (v: { birthDate: string; hireDate: string; schoolSince: string; postSince: string }, ctx: z.core.$RefinementCtx<unknown>) => {
  if (v.hireDate < v.birthDate) ctx.addIssue({ code: 'custom', path: ['hireDate'], message: 'must not be before birthDate' });
  if (v.schoolSince < v.hireDate) ctx.addIssue({ code: 'custom', path: ['schoolSince'], message: 'must not be before hireDate' });
  if (v.postSince < v.hireDate) ctx.addIssue({ code: 'custom', path: ['postSince'], message: 'must not be before hireDate' });
};
export const PreferencesSchema = z.object({
  /** ranked: the first is the most wanted */
  schoolIds: z.array(IdSchema).max(10).default([]).superRefine(uniqueIds),
  maxKm: z.number().positive().max(1000).nullable().default(null),
});
export const TeacherInputSchema = z
  .object({ ...teacherFields, schoolId: IdSchema, preferences: PreferencesSchema.default({ schoolIds: [], maxKm: null }) })
  .superRefine(teacherDates);
export const TeacherPatchSchema = z
  .object({
    externalId: teacherFields.externalId,
    name: teacherFields.name,
    gender: GenderSchema,
    birthDate: DateSchema,
    hireDate: DateSchema,
    schoolId: IdSchema,
    schoolSince: DateSchema,
    post: PostSchema,
    postSince: DateSchema,
    subjects: teacherFields.subjects,
    stages: teacherFields.stages,
    title: TitleSchema,
    backbone: BackboneSchema,
    education: EducationSchema,
    established: z.boolean(),
    status: TeacherStatusSchema,
    weeklyHours: teacherFields.weeklyHours,
    seniorTitleApplicationYear: z.number().int().min(1950).max(2100).nullable(),
    priorRuralYears: z.number().int().min(0).max(60),
    exemptions: z.array(ExemptionSchema).max(20),
    volunteer: z.boolean(),
    preferences: z.object({ schoolIds: z.array(IdSchema).max(10).superRefine(uniqueIds), maxKm: z.number().positive().max(1000).nullable() }),
  })
  .partial();
export const TeacherSchema = z.object({
  id: IdSchema,
  externalId: z.string(),
  name: z.string(),
  gender: GenderSchema,
  birthDate: z.string(),
  hireDate: z.string(),
  schoolId: IdSchema,
  schoolSince: z.string(),
  post: PostSchema,
  postSince: z.string(),
  subjects: z.array(z.string()),
  stages: z.array(StageSchema),
  title: TitleSchema,
  backbone: BackboneSchema,
  education: EducationSchema,
  established: z.boolean(),
  status: TeacherStatusSchema,
  weeklyHours: z.number().int(),
  seniorTitleApplicationYear: z.number().int().nullable(),
  priorRuralYears: z.number().int(),
  exemptions: z.array(z.object({ reason: ExemptionReasonSchema, from: z.string(), to: z.string().nullable(), note: z.string().nullable() })),
  volunteer: z.boolean(),
  preferences: z.object({ schoolIds: z.array(IdSchema), maxKm: z.number().nullable() }),
});
export type Teacher = z.infer<typeof TeacherSchema>;
/** Where the teacher is today, derived from the personnel data and the ledger (model.md "Placement over time"). */
export const PlacementSchema = z
  .object({
    homeSchoolId: IdSchema.describe('where the 编制 sits today (Q16)'),
    homePost: PostSchema.describe('the post held at home today (a published leader rotation from its 1 September)'),
    workingSchoolId: IdSchema.describe('where the teacher works today: home, or the host of the rotation / shadowing covering today'),
    since: z.string().describe('the day the teacher last arrived at or returned to the working school'),
  })
  .describe('placement today: a published plan changes it only from its 1 September');
/** GET /teachers/:id: the teacher and their placement today. */
export const TeacherDetailSchema = TeacherSchema.extend({ placement: PlacementSchema });

// ---- service ledger
export const ServiceRecordInputSchema = z
  .object({
    schoolId: IdSchema,
    post: PostSchema.default('teacher'),
    kind: ServiceKindSchema.default('regular'),
    from: DateSchema,
    to: DateSchema.nullable().default(null),
    /** whether the school was rural/township/weak at that time (R11). Defaults to the school's class today. */
    ruralAtTheTime: z.boolean().optional(),
  })
  .superRefine(endNotBeforeStart);
export const ServiceRecordSchema = z.object({
  id: IdSchema,
  teacherId: IdSchema,
  schoolId: IdSchema,
  post: PostSchema,
  kind: ServiceKindSchema,
  from: z.string(),
  to: z.string().nullable(),
  ruralAtTheTime: z.boolean(),
  source: z.enum(['import', 'api', 'plan']),
});
export type ServiceRecord = z.infer<typeof ServiceRecordSchema>;

// ---- bulk import (PUT /import): references by externalId
/** issue #23: the personnel system's time of the row; a row older than the stored one is not applied (listed as stale) */
const SourceUpdatedAtSchema = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('when the personnel system last changed this row (ISO 8601 with offset); older than what is stored: not applied, listed in `stale`');
export const ImportDistrictSchema = DistrictInputSchema.extend({ sourceUpdatedAt: SourceUpdatedAtSchema });
export const ImportSchoolSchema = z.object({
  ...schoolFields,
  districtExternalId: ExternalIdSchema,
  pairedSchoolExternalIds: z.array(ExternalIdSchema).max(50).default([]).superRefine(uniqueIds),
  sourceUpdatedAt: SourceUpdatedAtSchema,
});
export const ImportServiceRecordSchema = z
  .object({
    schoolExternalId: ExternalIdSchema,
    post: PostSchema.default('teacher'),
    kind: ServiceKindSchema.default('regular'),
    from: DateSchema,
    to: DateSchema.nullable().default(null),
    ruralAtTheTime: z.boolean().optional(),
  })
  .superRefine(endNotBeforeStart);
export const ImportTeacherSchema = z
  .object({
    ...teacherFields,
    schoolExternalId: ExternalIdSchema,
    preferences: z
      .object({
        schoolExternalIds: z.array(ExternalIdSchema).max(10).default([]).superRefine(uniqueIds),
        maxKm: z.number().positive().max(1000).nullable().default(null),
      })
      .default({ schoolExternalIds: [], maxKm: null }),
    /** When given, replaces the teacher's imported ledger rows; rows written by a published plan are kept. */
    serviceRecords: z.array(ImportServiceRecordSchema).max(100).optional(),
    sourceUpdatedAt: SourceUpdatedAtSchema,
  })
  .superRefine(teacherDates);
export const ImportBodySchema = z.object({
  districts: z.array(ImportDistrictSchema).default([]),
  schools: z.array(ImportSchoolSchema).default([]),
  teachers: z.array(ImportTeacherSchema).default([]),
});
export type ImportBody = z.input<typeof ImportBodySchema>;
export type ImportDistrict = z.input<typeof ImportDistrictSchema>;
export type ImportSchool = z.input<typeof ImportSchoolSchema>;
export type ImportTeacher = z.input<typeof ImportTeacherSchema>;
/** An import body with every list present (what generators write). */
export interface FullImportBody {
  districts: ImportDistrict[];
  schools: ImportSchool[];
  teachers: ImportTeacher[];
}
export type ImportBodyParsed = z.output<typeof ImportBodySchema>;
const KindCounts = z.object({ districts: z.number().int(), schools: z.number().int(), teachers: z.number().int() });
/** A personnel row whose school or post disagrees with the home post a published plan wrote (docs/import-conflicts.md). */
export const ImportConflictSchema = z.object({
  teacherId: IdSchema,
  externalId: z.string().optional(),
  personnel: z
    .object({ schoolId: IdSchema, post: PostSchema })
    .describe('what the personnel system sent (stored for every other field; school and post kept from the ledger)'),
  ledger: z.object({ schoolId: IdSchema, post: PostSchema, from: z.string() }).describe('the home post today by the ledger, and since when'),
});
export const ImportResultSchema = z.object({
  created: KindCounts,
  updated: KindCounts,
  unchanged: KindCounts,
  conflicts: z
    .array(ImportConflictSchema)
    .describe(
      'teachers whose placement a published plan wrote and the personnel system contradicts: the ledger was kept, unless acceptPersonnelPlacement=true took the personnel version',
    ),
  stale: z
    .array(
      z.object({
        kind: z.enum(['districts', 'schools', 'teachers']),
        index: z.number().int(),
        externalId: z.string(),
        sourceUpdatedAt: z.string(),
        storedSourceUpdatedAt: z.string(),
      }),
    )
    .describe('rows older (sourceUpdatedAt) than what is stored: not applied'),
  placementsAccepted: z.boolean().describe('true when acceptPersonnelPlacement=true took the personnel version for the listed conflicts (audited)'),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
