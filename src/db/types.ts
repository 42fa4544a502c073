import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types, snake_case as in SQL. Map rows to API shapes in src/db/mappers.ts only. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** dates are read as 'YYYY-MM-DD' strings (the date parser is switched off in src/db/database.ts) */
type DateCol = string;

export interface DistrictsTable {
  id: Generated<string>;
  external_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface SchoolsTable {
  id: Generated<string>;
  external_id: string;
  code: string;
  name: string;
  district_id: string;
  stage: string;
  locality: string;
  is_high_quality: boolean;
  is_weak: boolean;
  is_central: boolean;
  is_teaching_point: boolean;
  is_boarding: boolean;
  lat: number | null;
  lon: number | null;
  approved_headcount: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface SubjectsTable {
  code: string;
  name_zh: string;
  shortage: boolean;
}
export interface SchoolNeedsTable {
  school_id: string;
  subject: string;
  teachers: number;
  weekly_hours: number;
}
export interface SchoolPairingsTable {
  school_id: string;
  paired_school_id: string;
}
export interface TeachersTable {
  id: Generated<string>;
  external_id: string;
  name: string;
  gender: string;
  birth_date: DateCol;
  hire_date: DateCol;
  school_id: string;
  school_since: DateCol;
  post: string;
  post_since: DateCol;
  subjects: string[];
  stages: string[];
  title: string;
  backbone: string | null;
  education: string;
  established: boolean;
  status: string;
  weekly_hours: number;
  senior_title_application_year: number | null;
  prior_rural_years: number;
  volunteer: boolean;
  preference_max_km: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TeacherExemptionsTable {
  id: Generated<string>;
  teacher_id: string;
  reason: string;
  from_date: DateCol;
  to_date: DateCol | null;
  note: string | null;
}
export interface TeacherPreferencesTable {
  teacher_id: string;
  school_id: string;
  rank: number;
}
export interface ServiceRecordsTable {
  id: Generated<string>;
  teacher_id: string;
  school_id: string;
  post: string;
  kind: string;
  from_date: DateCol;
  to_date: DateCol | null;
  rural_at_the_time: boolean;
  source: Generated<string>;
  proposal_line_id: Generated<string | null>;
  created_at: Timestamp;
}
export interface AccessTokensTable {
  id: Generated<string>;
  token_hash: string;
  role: string;
  school_id: string | null;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}
export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  token_id: string | null;
  actor: string;
  action: string;
  object_type: string;
  object_id: string | null;
  detail: ColumnType<unknown, string, string>;
}

export interface PlansTable {
  id: Generated<string>;
  year: number;
  name: Generated<string>;
  parameters: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ProposalsTable {
  id: Generated<string>;
  plan_id: string;
  version: number;
  status: Generated<string>;
  engine: string;
  time_limit_seconds: number | null;
  parameters: ColumnType<Record<string, unknown>, string, string>;
  snapshot_hash: string | null;
  progress: ColumnType<{ phase: string; fraction: number }, string | undefined, string>;
  stats: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  compliance: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error: string | null;
  created_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}
export interface ProposalLinesTable {
  id: Generated<string>;
  proposal_id: string;
  teacher_id: string;
  kind: string;
  from_school_id: string;
  to_school_id: string;
  subject: string | null;
  hours_per_week: number | null;
  start_date: DateCol;
  end_date: DateCol;
  reasons: string[];
  explanation: string;
  pinned: boolean;
}

export interface LineReviewsTable {
  id: Generated<string>;
  line_id: string;
  side: string;
  school_id: string;
  decision: string;
  comment: string;
  token_id: string | null;
  actor: string;
  reviewed_at: Timestamp;
}
export interface PlanPinsTable {
  id: Generated<string>;
  plan_id: string;
  teacher_id: string;
  to_school_id: string;
  kind: string;
  created_at: Timestamp;
}
export interface PlanExclusionsTable {
  id: Generated<string>;
  plan_id: string;
  teacher_id: string;
  to_school_id: string | null;
  created_at: Timestamp;
}

export interface DB {
  line_reviews: LineReviewsTable;
  plan_pins: PlanPinsTable;
  plan_exclusions: PlanExclusionsTable;
  plans: PlansTable;
  proposals: ProposalsTable;
  proposal_lines: ProposalLinesTable;
  districts: DistrictsTable;
  schools: SchoolsTable;
  subjects: SubjectsTable;
  school_needs: SchoolNeedsTable;
  school_pairings: SchoolPairingsTable;
  teachers: TeachersTable;
  teacher_exemptions: TeacherExemptionsTable;
  teacher_preferences: TeacherPreferencesTable;
  service_records: ServiceRecordsTable;
  access_tokens: AccessTokensTable;
  audit_log: AuditLogTable;
}

export type DistrictRow = Selectable<DistrictsTable>;
export type SchoolRow = Selectable<SchoolsTable>;
export type TeacherRow = Selectable<TeachersTable>;
export type NewTeacher = Insertable<TeachersTable>;
export type TeacherUpdate = Updateable<TeachersTable>;
export type ServiceRecordRow = Selectable<ServiceRecordsTable>;
export type AccessTokenRow = Selectable<AccessTokensTable>;
export type PlanRow = Selectable<PlansTable>;
export type ProposalRow = Selectable<ProposalsTable>;
export type ProposalLineRow = Selectable<ProposalLinesTable>;
