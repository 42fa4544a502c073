import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  BackboneLevel,
  EducationLevel,
  Engine,
  ExemptionReason,
  Gender,
  LineKind,
  Locality,
  PlanSettings,
  PlanStatus,
  Post,
  ProposalStatus,
  RecordSource,
  ReviewDecision,
  ReviewSide,
  Role,
  ServiceKind,
  Stage,
  TeacherStatus,
  Title,
} from '../domain.js';

/**
 * Table types, snake_case as in SQL; enum columns carry the domain unions their CHECK constraints
 * allow. Each aggregate's module (src/db/<aggregate>.ts) maps its rows to domain objects, once.
 */
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
  /** the row's ETag: each update adds one (migration 0023) */
  version: Generated<number>;
  /** the personnel system's time of the row as last imported (migration 0025) */
  source_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface SchoolsTable {
  id: Generated<string>;
  external_id: string;
  code: string;
  name: string;
  district_id: string;
  /** read as a Stage; a write takes any text, and the CHECK constraint refuses what is not one (test/db/migrate.test.ts) */
  stage: ColumnType<Stage, string, string>;
  locality: Locality;
  is_high_quality: boolean;
  is_weak: boolean;
  is_central: boolean;
  is_teaching_point: boolean;
  is_boarding: boolean;
  lat: number | null;
  lon: number | null;
  approved_headcount: number;
  /** H10: leadership posts, all three or none (migration 0012) */
  principal_posts: number | null;
  party_secretary_posts: number | null;
  vice_principal_posts: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the row's ETag: each update adds one (migration 0023) */
  version: Generated<number>;
  /** the personnel system's time of the row as last imported (migration 0025) */
  source_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface SubjectsTable {
  code: string;
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
  gender: Gender;
  birth_date: DateCol;
  hire_date: DateCol;
  school_id: string;
  school_since: DateCol;
  post: Post;
  post_since: DateCol;
  subjects: string[];
  stages: Stage[];
  title: Title;
  backbone: BackboneLevel | null;
  education: EducationLevel;
  established: boolean;
  status: TeacherStatus;
  weekly_hours: number;
  senior_title_application_year: number | null;
  prior_rural_years: number;
  volunteer: boolean;
  preference_max_km: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the row's ETag: each update adds one (migration 0023) */
  version: Generated<number>;
  /** the personnel system's time of the row as last imported (migration 0025) */
  source_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface TeacherExemptionsTable {
  id: Generated<string>;
  teacher_id: string;
  reason: ExemptionReason;
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
  post: Post;
  kind: ServiceKind;
  from_date: DateCol;
  to_date: DateCol | null;
  rural_at_the_time: boolean;
  source: Generated<RecordSource>;
  proposal_line_id: Generated<string | null>;
  created_at: Timestamp;
}
export interface AccessTokensTable {
  id: Generated<string>;
  token_hash: string;
  role: Role;
  school_id: string | null;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}
export interface AccountsTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: 'hr' | 'principal';
  school_id: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  last_sign_in_at: Timestamp | null;
}
export interface AccountSessionsTable {
  id: Generated<string>;
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}
export interface AccountActivationCodesTable {
  id: Generated<string>;
  account_id: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  token_id: string | null;
  /** the signed-in account that acted (a person's session); null for a token */
  account_id: Generated<string | null>;
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
  settings: ColumnType<PlanSettings, string | undefined, string>;
  status: Generated<PlanStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ProposalsTable {
  id: Generated<string>;
  plan_id: string;
  version: number;
  status: Generated<ProposalStatus>;
  engine: Engine;
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
  heartbeat_at: Timestamp | null;
  runner: string | null;
  attempts: Generated<number>;
  /** the plan's year, filled by a trigger (migrations/0016): one announced or published proposal per year */
  year: Generated<number>;
  announced_at: Timestamp | null;
  notice_from: DateCol | null;
  notice_until: DateCol | null;
}
export interface ProposalSnapshotsTable {
  proposal_id: string;
  engine_version: string;
  parameters: ColumnType<Record<string, unknown>, string, string>;
  input_gzip: Uint8Array;
  created_at: Timestamp;
}
/** one row per statement that changed the master data a solve reads (migration 0017, issue #13) */
export interface MasterDataChangesTable {
  id: Generated<string>;
  table_name: string;
  changed_at: Generated<Timestamp>;
}
/** the change feed (outbox, migration 0022): one row per change, written in the transaction it reports */
export interface ChangesTable {
  seq: Generated<number>;
  id: Generated<string>;
  type: string;
  occurred_at: Generated<Timestamp>;
  effective_date: DateCol | null;
  entity_kind: string;
  entity_id: string | null;
  entity_external_id: string | null;
  version: number | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  school_ids: ColumnType<string[], string[] | undefined, string[]>;
}
export interface ChangeFeedStateTable {
  one: Generated<boolean>;
  pruned_through: number;
}
export interface ScheduledChangesTable {
  proposal_line_id: string;
  type: string;
  emitted_at: Generated<Timestamp>;
}
export interface IdempotencyKeysTable {
  token_id: string;
  key: string;
  request_hash: string;
  state: 'running' | 'done';
  status_code: number | null;
  content_type: string | null;
  body: string | null;
  created_at: Generated<Timestamp>;
}
export interface ProposalLinesTable {
  id: Generated<string>;
  proposal_id: string;
  teacher_id: string;
  kind: LineKind;
  from_school_id: string;
  to_school_id: string;
  subject: string | null;
  hours_per_week: number | null;
  start_date: DateCol;
  end_date: DateCol;
  reasons: string[];
  explanation: string;
  pinned: boolean;
  /** per side that reviewed the same teacher's line of the previous version: what changed since (migrations/0016) */
  changed_since_review: ColumnType<ChangedSinceReview | null, ChangedSinceReview | string | null | undefined, string | null>;
  /** the notice period (公示期) the line was announced in; null until announced (migrations/0019) */
  notice_from: ColumnType<DateCol | null, string | null | undefined, string | null>;
  notice_until: ColumnType<DateCol | null, string | null | undefined, string | null>;
}

export interface LineReviewsTable {
  id: Generated<string>;
  line_id: string;
  side: ReviewSide;
  school_id: string;
  decision: ReviewDecision;
  comment: string;
  token_id: string | null;
  actor: string;
  reviewed_at: Timestamp;
  /** copied from the same line of that earlier version of the plan (reviews that carry over) */
  carried_from_version: number | null;
}
export type LineChange = 'toSchool' | 'fromSchool' | 'hours' | 'kind';
export type ChangedSinceReview = Partial<Record<ReviewSide, LineChange[]>>;
export type ObjectionChannel = 'in_person' | 'phone' | 'letter' | 'email' | 'other';
/** 异议: a principal's objecting review, or a teacher's objection recorded by HR, and HR's answer (migrations/0016). */
export interface ObjectionsTable {
  id: Generated<string>;
  proposal_id: string;
  line_id: string;
  source: 'principal' | 'teacher';
  side: ReviewSide | null;
  school_id: string | null;
  comment: string;
  lodged_by: string;
  channel: ObjectionChannel | null;
  token_id: string | null;
  lodged_at: Timestamp;
  carried_from_version: number | null;
  decision: 'upheld' | 'rejected' | null;
  reason: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}
export interface PlanPinsTable {
  id: Generated<string>;
  plan_id: string;
  teacher_id: string;
  to_school_id: string;
  kind: LineKind;
  created_at: Timestamp;
}
export interface PlanExclusionsTable {
  id: Generated<string>;
  plan_id: string;
  teacher_id: string;
  to_school_id: string | null;
  created_at: Timestamp;
}

/** Q12: HR's reason for a hard-rule exception of a proposal (migrations/0013). */
export interface ExceptionReasonsTable {
  proposal_id: string;
  teacher_id: string;
  rule: 'H4' | 'H5' | 'H6';
  reason: string;
  token_id: string | null;
  actor: string;
  given_at: Timestamp;
}

export interface DB {
  exception_reasons: ExceptionReasonsTable;
  line_reviews: LineReviewsTable;
  objections: ObjectionsTable;
  plan_pins: PlanPinsTable;
  plan_exclusions: PlanExclusionsTable;
  plans: PlansTable;
  proposals: ProposalsTable;
  proposal_lines: ProposalLinesTable;
  proposal_snapshots: ProposalSnapshotsTable;
  master_data_changes: MasterDataChangesTable;
  changes: ChangesTable;
  change_feed_state: ChangeFeedStateTable;
  scheduled_changes: ScheduledChangesTable;
  idempotency_keys: IdempotencyKeysTable;
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
  accounts: AccountsTable;
  account_sessions: AccountSessionsTable;
  account_activation_codes: AccountActivationCodesTable;
  audit_log: AuditLogTable;
}

export type DistrictRow = Selectable<DistrictsTable>;
export type SchoolRow = Selectable<SchoolsTable>;
export type TeacherRow = Selectable<TeachersTable>;
export type NewTeacher = Insertable<TeachersTable>;
export type TeacherUpdate = Updateable<TeachersTable>;
export type ServiceRecordRow = Selectable<ServiceRecordsTable>;
export type AccessTokenRow = Selectable<AccessTokensTable>;
export type AccountRow = Selectable<AccountsTable>;
export type PlanRow = Selectable<PlansTable>;
export type ProposalRow = Selectable<ProposalsTable>;
export type ProposalLineRow = Selectable<ProposalLinesTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewSchool = Insertable<SchoolsTable>;
export type SchoolUpdate = Updateable<SchoolsTable>;
export type NewServiceRecord = Insertable<ServiceRecordsTable>;
export type LineReviewRow = Selectable<LineReviewsTable>;
