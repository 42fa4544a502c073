/**
 * The solver's input and output: plain data, no database or HTTP types. Structurally compatible
 * with the service's API shapes (src/schemas/master-data.ts), so the service passes its School and
 * Teacher objects (plus each teacher's ledger) straight in.
 */
import type { Parameters } from './parameters.js';

import type { LineKind, Stage } from './domain.js';

export type { LineKind, Stage };
export type Engine = 'highs' | 'jlps';

export interface SolverSchool {
  id: string;
  code: string;
  name: string;
  districtId: string;
  stage: Stage;
  locality: 'urban' | 'township' | 'rural';
  isHighQuality: boolean;
  isWeak: boolean;
  isCentral: boolean;
  isTeachingPoint: boolean;
  isBoarding: boolean;
  location: { lat: number; lon: number } | null;
  approvedHeadcount: number;
  pairedSchoolIds: string[];
  needs: { subject: string; teachers: number; weeklyHours: number }[];
  /**
   * H10: the school's leadership posts by count. Absent (or null): one principal post, and as many
   * party secretary and vice principal posts as are held on 1 September Y (docs/model.md, "Leader posts").
   */
  leaderPosts?: LeaderPosts | null;
}

export interface LeaderPosts {
  principal: number;
  partySecretary: number;
  vicePrincipals: number;
}

export interface SolverServiceRecord {
  schoolId: string;
  post: string;
  kind: 'regular' | 'rotation' | 'leader_rotation' | 'shadowing' | 'itinerant';
  from: string;
  to: string | null;
  ruralAtTheTime: boolean;
}

export interface SolverTeacher {
  id: string;
  name: string;
  gender: 'F' | 'M';
  birthDate: string;
  hireDate: string;
  schoolId: string;
  schoolSince: string;
  post: 'teacher' | 'vice_principal' | 'principal' | 'party_secretary';
  postSince: string;
  subjects: string[];
  stages: Stage[];
  title: string;
  backbone: 'county' | 'city' | 'province' | null;
  education: string;
  established: boolean;
  status: string;
  weeklyHours: number;
  seniorTitleApplicationYear: number | null;
  priorRuralYears: number;
  exemptions: { reason: string; from: string; to: string | null; note: string | null }[];
  volunteer: boolean;
  preferences: { schoolIds: string[]; maxKm: number | null };
  serviceRecords: SolverServiceRecord[];
}

export interface Pin {
  teacherId: string;
  toSchoolId: string;
  kind: LineKind;
}
export interface Exclusion {
  teacherId: string;
  toSchoolId?: string | null;
}

export interface SolverInput {
  /** the plan year Y: moves take effect 1 September Y; clocks are taken on 31 August Y */
  year: number;
  parameters: Partial<Parameters>;
  schools: SolverSchool[];
  teachers: SolverTeacher[];
  pins: Pin[];
  exclusions: Exclusion[];
  /** the previous proposal's lines of the same plan (S9 stability); a 走教 line keeps its subject and hours where nothing asks them to change */
  previousLines?: { teacherId: string; kind: LineKind; fromSchoolId: string; toSchoolId: string; subject?: string | null; hoursPerWeek?: number | null }[];
  engine?: Engine;
  timeLimitSeconds?: number;
}

export interface Line {
  teacherId: string;
  kind: LineKind;
  fromSchoolId: string;
  toSchoolId: string;
  subject: string | null;
  hoursPerWeek: number | null;
  startDate: string;
  endDate: string;
  /** rule ids that made this line (R08_LEADER_TENURE, R01_QUOTA, …) */
  reasons: string[];
  /** the reasons in words for principals, in Chinese */
  explanation: string;
}

export interface SchoolCompliance {
  schoolId: string;
  schoolName: string;
  eligible: number;
  required: number;
  proposed: number;
  backbone: number;
  backboneShare: number;
  backboneRequired: number;
  /** R02's share (backboneShare) of the teachers moved: what backboneRequired is counted from */
  backboneMinShare: number;
  pass: boolean;
}

export interface Violation {
  /** the model's hard rule: H2 … H11 (docs/rules.md) */
  rule: string;
  /** the policy rule: R01 … */
  ruleId: string;
  schoolId?: string;
  teacherId?: string;
  /** policy language, naming the school or teacher */
  message: string;
  messageZh: string;
  /** what would fix it */
  remedy: string;
  /** the same in Chinese, where the rule words it (H12) */
  remedyZh?: string;
  /** by how much the rule is missed */
  amount: number;
  /** the pin that caused it or could not be kept (the first, when several did): removing it is the remedy */
  pin?: Pin;
  /** every pin involved, when more than one */
  pins?: Pin[];
}

/** Why a teacher a hard rule names is not moved (Q12: an exception on record, with its reason). */
export type ExceptionReason = 'exempt' | 'not_established' | 'on_leave' | 'window_closed' | 'excluded' | 'pinned_elsewhere' | 'away';

/**
 * A teacher whom a hard rule (H4 R08, H5 R11, H6 R16) names but who is not moved as it asks:
 * 原则上/一般 rules allow an exception, provided it is on record with a reason (Q12). Excluded or
 * pinned-elsewhere teachers are also violations; the others cannot be moved at all.
 */
export interface ExceptionRecord {
  rule: 'H4' | 'H5' | 'H6';
  ruleId: 'R08' | 'R11' | 'R16';
  teacherId: string;
  schoolId: string;
  reason: ExceptionReason;
  messageZh: string;
  message: string;
}

export interface Indicators {
  /** backbone (骨干) share among rural/township compulsory-school teachers (R26) */
  ruralBackboneShare: number;
  /** share with bachelor's degree or higher in urban schools over the same in rural schools (R32) */
  urbanRuralBachelorRatio: number;
}

/**
 * One school's staffing on 1 September Y before and after the plan's moves (model.md "Placement over
 * time"): 编制 counts home posts (H7, Q16: established, active or on leave); working counts active
 * teachers where they teach (S4, S8: hosted teachers at the host, own teachers away not at home).
 */
export interface SchoolStaffing {
  schoolId: string;
  approvedHeadcount: number;
  homePostsBefore: number;
  homePostsAfter: number;
  workingBefore: number;
  workingAfter: number;
}

/**
 * H12 (issue #21): one school's loss for the year, for every school someone leaves: the share of the
 * teachers working there on 1 September Y who leave on a rotation, leader rotation or shadowing line
 * (走教 keeps them home), what the cap allows, the moves beyond the R01 quota with their reasons, and
 * the subjects left short after the moves in and out and the 走教 hours planned.
 */
export interface SchoolLoss {
  schoolId: string;
  schoolName: string;
  /** active teachers working there on 1 September Y before the moves */
  teachers: number;
  leaving: number;
  share: number;
  /** max(1, ⌊maxSchoolLossShare · teachers⌋, the R01 quota); all teachers when the cap is off */
  allowed: number;
  /** the school's R01 quota (0 for a school that carries none, or when the quota is pooled county-wide) */
  required: number;
  /** lines out of the school that R01 did not ask for */
  beyondQuota: number;
  /** their reasons (each line's first reason code), most frequent first */
  beyondQuotaReasons: { reason: string; count: number }[];
  /** subjects the moves leave below need and 走教 does not cover, with the remedy */
  subjectsShort: { subject: string; teachers: number; itinerantHours: number; remedy: string; remedyZh: string }[];
}

export interface Compliance {
  schools: SchoolCompliance[];
  /** every school's 编制 and working staff, before and after the moves */
  staffing: SchoolStaffing[];
  county: { eligible: number; required: number; proposed: number; backbone: number; share: number; backboneShare: number; pass: boolean };
  violations: Violation[];
  /** H12: every school someone leaves, largest share first */
  losses: SchoolLoss[];
  /** facts HR should know that no proposal can change (a school already above 编制 …) */
  notices: string[];
  /** every teacher a hard rule names who is not moved as it asks, with the reason (Q12) */
  exceptions: ExceptionRecord[];
  indicators: { before: Indicators; after: Indicators };
}

export interface SolveStats {
  engine: Engine;
  teachers: number;
  candidates: number;
  variables: number;
  constraints: number;
  integerVariables: number;
  buildMs: number;
  /** rotation model plus every 走教 model */
  solveMs: number;
  rotationSolveMs: number;
  itinerantSolveMs: number;
  objective: number;
  /** relative MIP gap of the rotation model (0 when proven optimal exactly) */
  gap: number;
  optimal: boolean;
  status: string;
  /** how HiGHS solved the rotation model (issue #13, solver/lp.ts): `lp-first` or `mip`; absent for javascript-lp-solver */
  rotationVia?: 'lp-first' | 'mip';
  /** 走教 models, one per district */
  itinerantModels: number;
  /** worker threads that solved them side by side (issue #13); 0: one after another on the solving thread */
  itinerantWorkers: number;
  /**
   * Where the time went (issue #13), wall milliseconds per phase. The solver fills build, rotation,
   * itinerant (走教) and report; the solve job adds queue, load and store before it saves the stats.
   */
  phasesMs: SolvePhases;
}

export interface SolvePhases {
  queue?: number;
  load?: number;
  build: number;
  rotation: number;
  itinerant: number;
  report: number;
  store?: number;
}

export interface SolverResult {
  lines: Line[];
  compliance: Compliance;
  stats: SolveStats;
}
