/**
 * The service's domain objects: what src/db/ reads and writes and what services return. Plain
 * types, no zod: the API schemas of src/schemas/ serialize these (their output types must stay
 * compatible with them), and nothing in src/db/ imports an API schema. The enumerations the solver
 * shares come from solver/domain.ts; the rest are the CHECK constraints of the migrations.
 */
import type { BACKBONE_LEVELS, EDUCATION_LEVELS, LineKind, Locality, Post, ServiceKind, Stage } from '../solver/domain.js';

export type { LineKind, Locality, Post, ServiceKind, Stage };
export type BackboneLevel = (typeof BACKBONE_LEVELS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
/** 职称 none … 正高级 */
export type Title = 'none' | 'third' | 'second' | 'first' | 'senior' | 'professor';
export type Gender = 'F' | 'M';
/** active = in post (在岗); on_leave = long leave (长期病休/借调); retired / left are kept for history. */
export type TeacherStatus = 'active' | 'on_leave' | 'retired' | 'left';
export type ExemptionReason = 'pregnancy' | 'maternity' | 'breastfeeding' | 'illness' | 'discipline' | 'other';
export type RecordSource = 'import' | 'api' | 'plan';
export type Role = 'hr' | 'principal' | 'integration';
export type PlanStatus = 'open' | 'published' | 'archived';
export type ProposalStatus = 'queued' | 'running' | 'done' | 'failed' | 'announced' | 'published' | 'cancelled';
export type Engine = 'highs' | 'jlps';
export type ReviewDecision = 'approve' | 'object';
/** The sending school's principal reviews as `sending`, the receiving school's as `receiving`. */
export type ReviewSide = 'sending' | 'receiving';
/** What a proposal's lines sort by (GET /proposals/:id/lines?sort=): teacher name, sending or receiving school name, kind, subject. */
export type LineSort = 'name' | 'fromSchool' | 'toSchool' | 'kind' | 'subject';

// ---- master data
export interface District {
  id: string;
  externalId: string;
  code: string;
  name: string;
}
export interface Need {
  subject: string;
  teachers: number;
  weeklyHours: number;
}
/** H10: a school's leadership posts by count (principal 0 or 1); null: not in the data (docs/model.md, "Leader posts"). */
export interface LeaderPosts {
  principal: number;
  partySecretary: number;
  vicePrincipals: number;
}
export interface School {
  id: string;
  externalId: string;
  code: string;
  name: string;
  districtId: string;
  stage: Stage;
  locality: Locality;
  isHighQuality: boolean;
  isWeak: boolean;
  isCentral: boolean;
  isTeachingPoint: boolean;
  isBoarding: boolean;
  location: { lat: number; lon: number } | null;
  approvedHeadcount: number;
  pairedSchoolIds: string[];
  needs: Need[];
  leaderPosts: LeaderPosts | null;
}
export interface Exemption {
  reason: ExemptionReason;
  from: string;
  to: string | null;
  note: string | null;
}
export interface Teacher {
  id: string;
  externalId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  hireDate: string;
  schoolId: string;
  schoolSince: string;
  post: Post;
  postSince: string;
  subjects: string[];
  stages: Stage[];
  title: Title;
  backbone: BackboneLevel | null;
  education: EducationLevel;
  established: boolean;
  status: TeacherStatus;
  weeklyHours: number;
  seniorTitleApplicationYear: number | null;
  priorRuralYears: number;
  exemptions: Exemption[];
  volunteer: boolean;
  preferences: { schoolIds: string[]; maxKm: number | null };
}
export interface ServiceRecord {
  id: string;
  teacherId: string;
  schoolId: string;
  post: Post;
  kind: ServiceKind;
  from: string;
  to: string | null;
  ruralAtTheTime: boolean;
  source: RecordSource;
}

// ---- planning
/** The plan's document settings: who issues the 公示 notice and the decision, and how long the notice runs. */
export interface PlanSettings {
  countyName?: string;
  issuingOffice?: string;
  objectionContact?: string;
  /** the 文号 printed on the county notice and the decision (issue #19) */
  documentNumber?: string;
  noticeWorkingDays?: number;
}
export interface Plan {
  id: string;
  year: number;
  name: string;
  parameters: Record<string, unknown>;
  effectiveParameters: Record<string, unknown>;
  /** what the notice and the decision print (src/schemas/planning.ts PlanSettingsSchema); not a solver parameter */
  settings: PlanSettings;
  status: PlanStatus;
  createdAt: string;
  updatedAt: string;
}
export interface Proposal {
  id: string;
  planId: string;
  version: number;
  status: ProposalStatus;
  engine: Engine;
  progress: { phase: string; fraction: number };
  parameters: Record<string, unknown>;
  snapshotHash: string | null;
  stats: Record<string, unknown> | null;
  summary: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** the 公示 notice period while announced (kept once published) */
  notice: { announcedAt: string; from: string; until: string } | null;
  reviewCounts?: ReviewCounts;
  /** each notice period the lines were announced in, oldest first: two after a 补充公示 (issue #19) */
  noticePeriods?: { from: string; until: string; lines: number }[];
}
/** How far a version's review has come, per side (issue #19). */
export interface ReviewCounts {
  lines: number;
  reviewed: number;
  reviewedBySending: number;
  reviewedByReceiving: number;
  reviewedByNeither: number;
  changedToReview: number;
  objected: number;
  openObjections: number;
  upheldNotApplied: number;
  exceptionsWithoutReason: number;
}
/** A side's review of a line (null in Line.review: not reviewed, nothing changed since an earlier review). */
export interface ReviewState {
  /** null: not reviewed on this version, the line changed since this side's review of the previous one */
  decision: ReviewDecision | null;
  comment: string;
  /** copied from the same line of an earlier version (reviews that carry over) */
  carried: boolean;
  carriedFromVersion: number | null;
  changedSinceReview?: ('toSchool' | 'fromSchool' | 'hours' | 'kind')[];
}
/** A proposal line with the names a reader needs and both sides' current review. */
export interface Line {
  id: string;
  teacherId: string;
  teacher: {
    name: string;
    externalId: string;
    subject: string | null;
    subjects: string[];
    title: string;
    backbone: string | null;
    post: string;
    schoolSince: string;
  };
  kind: LineKind;
  fromSchoolId: string;
  toSchoolId: string;
  fromSchoolName: string;
  toSchoolName: string;
  hoursPerWeek: number | null;
  startDate: string;
  endDate: string;
  reasons: string[];
  explanation: string;
  pinned: boolean;
  review: { sending: ReviewState | null; receiving: ReviewState | null };
}
/** A principal's review of one line (审核意见). */
export interface Review {
  lineId: string;
  side: ReviewSide;
  schoolId: string;
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  reviewedAt: string;
}
/** A review as HR lists them, with the names. */
export interface ReviewListed extends Review {
  schoolName: string;
  teacherName: string;
  kind: LineKind;
}

// ---- access
export interface TokenInfo {
  id: string;
  role: Role;
  schoolId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}
/** A person's account (api.md "People sign in"): never its password hash. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: 'hr' | 'principal';
  schoolId: string | null;
  /** the school's name, for a principal */
  schoolName: string | null;
  disabled: boolean;
  /** false until the account is activated with its one-time code (a reset clears it again) */
  activated: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}
export interface AuditEntry {
  id: number;
  at: string;
  tokenId: string | null;
  accountId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  detail: unknown;
}

/** A page of a list: api.md's one paging convention. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
