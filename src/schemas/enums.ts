import { z } from 'zod';
import {
  BACKBONE_LEVELS,
  EDUCATION_LEVELS,
  EXEMPTION_REASONS,
  GENDERS,
  LINE_KINDS,
  LOCALITIES,
  PLAN_STATUSES,
  POSTS,
  PROPOSAL_STATUSES,
  REVIEW_DECISIONS,
  REVIEW_SIDES,
  ROLES,
  SERVICE_KINDS,
  STAGES,
  SUBJECTS,
  TEACHER_STATUSES,
  TITLES,
} from '../../solver/domain.js';

/**
 * Enumerations of the REST contract (../shared/spec/api.md), every one taken from the one domain
 * vocabulary in solver/domain.ts, so no list is written twice. The database CHECKs repeat them
 * (migrations cannot import code); test/routes/vocabulary.test.ts keeps the migrations' lists equal.
 */
export {
  BACKBONE_LEVELS,
  EDUCATION_LEVELS,
  EXEMPTION_REASONS,
  GENDERS,
  LINE_KINDS,
  LOCALITIES,
  PLAN_STATUSES,
  POSTS,
  PROPOSAL_STATUSES,
  REVIEW_DECISIONS,
  REVIEW_SIDES,
  ROLES,
  SERVICE_KINDS,
  STAGES,
  TEACHER_STATUSES,
  TITLES,
};

/** The codes of the subject catalogue (GET /subjects; names and the shortage flag are solver/domain.ts's SUBJECTS). */
export const SUBJECT_CODES = SUBJECTS.map((s) => s.code) as unknown as readonly [string, ...string[]];

export const StageSchema = z.enum(STAGES);
export const LocalitySchema = z.enum(LOCALITIES);
export const PostSchema = z.enum(POSTS);
export const TitleSchema = z.enum(TITLES);
export const BackboneSchema = z.enum(BACKBONE_LEVELS).nullable();
export const EducationSchema = z.enum(EDUCATION_LEVELS);
export const GenderSchema = z.enum(GENDERS);
export const TeacherStatusSchema = z.enum(TEACHER_STATUSES);
export const ExemptionReasonSchema = z.enum(EXEMPTION_REASONS);
export const ServiceKindSchema = z.enum(SERVICE_KINDS);
export const RoleSchema = z.enum(ROLES);
export const SubjectSchema = z.enum(SUBJECT_CODES as unknown as [string, ...string[]]);
export const LineKindSchema = z.enum(LINE_KINDS);
/** A principal's answer to a line: 同意 or 异议 */
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export const ReviewSideSchema = z.enum(REVIEW_SIDES);
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export const PlanStatusSchema = z.enum(PLAN_STATUSES);

export type Stage = z.infer<typeof StageSchema>;
export type Locality = z.infer<typeof LocalitySchema>;
export type Post = z.infer<typeof PostSchema>;
export type Role = z.infer<typeof RoleSchema>;
