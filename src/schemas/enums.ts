import { z } from 'zod';

/** Enumerations of the REST contract (../shared/spec/api.md). The database CHECKs repeat them. */
export const STAGES = ['kindergarten', 'primary', 'junior', 'nine_year', 'senior', 'complete_secondary', 'special'] as const;
export const LOCALITIES = ['urban', 'township', 'rural'] as const;
export const POSTS = ['teacher', 'vice_principal', 'principal', 'party_secretary'] as const;
export const TITLES = ['none', 'third', 'second', 'first', 'senior', 'professor'] as const;
export const BACKBONE_LEVELS = ['county', 'city', 'province'] as const;
export const EDUCATION_LEVELS = ['secondary', 'associate', 'bachelor', 'master', 'doctor'] as const;
export const GENDERS = ['F', 'M'] as const;
/** active = in post (在岗); on_leave = long leave (长期病休/借调); retired / left are kept for history. */
export const TEACHER_STATUSES = ['active', 'on_leave', 'retired', 'left'] as const;
export const EXEMPTION_REASONS = ['pregnancy', 'maternity', 'breastfeeding', 'illness', 'discipline', 'other'] as const;
export const SERVICE_KINDS = ['regular', 'rotation', 'leader_rotation', 'shadowing', 'itinerant'] as const;
export const ROLES = ['hr', 'principal', 'integration'] as const;

/** The subject catalogue (GET /subjects). `shortage` marks R24's priority subjects. */
export const SUBJECTS = [
  { code: 'chinese', name: '语文', shortage: false },
  { code: 'math', name: '数学', shortage: false },
  { code: 'english', name: '英语', shortage: false },
  { code: 'physics', name: '物理', shortage: false },
  { code: 'chemistry', name: '化学', shortage: false },
  { code: 'biology', name: '生物', shortage: false },
  { code: 'history', name: '历史', shortage: false },
  { code: 'geography', name: '地理', shortage: false },
  { code: 'politics', name: '思政', shortage: true },
  { code: 'pe', name: '体育', shortage: true },
  { code: 'music', name: '音乐', shortage: true },
  { code: 'art', name: '美术', shortage: true },
  { code: 'it', name: '信息技术', shortage: false },
  { code: 'science', name: '科学', shortage: false },
  { code: 'labour', name: '劳动', shortage: true },
  { code: 'psychology', name: '心理健康', shortage: true },
  { code: 'special_education', name: '特殊教育', shortage: true },
  { code: 'preschool', name: '学前', shortage: false },
  { code: 'general', name: '全科', shortage: false },
] as const;
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

export type Stage = z.infer<typeof StageSchema>;
export type Locality = z.infer<typeof LocalitySchema>;
export type Post = z.infer<typeof PostSchema>;
export type Role = z.infer<typeof RoleSchema>;
