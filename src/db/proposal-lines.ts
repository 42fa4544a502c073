import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Line, LineKind, LineSort, ReviewDecision, ReviewState } from '../domain.js';
import type { DB, LineChange, ProposalLinesTable } from './types.js';
import { containsPattern, prefixPattern } from './like.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The two schools a proposal line touches (a principal's scope, src/access.ts), or undefined. */
export async function schoolsOfLine(db: Q, proposalId: string, lineId: string): Promise<{ fromSchoolId: string; toSchoolId: string } | undefined> {
  const row = await db
    .selectFrom('proposal_lines')
    .select(['from_school_id', 'to_school_id'])
    .where('id', '=', lineId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirst();
  return row && { fromSchoolId: row.from_school_id, toSchoolId: row.to_school_id };
}

/** Whether the teacher has a line in the proposal that touches the school (a principal's scope on the teacher page, src/access.ts). */
export async function teacherHasLineAt(db: Q, proposalId: string, teacherId: string, schoolId: string): Promise<boolean> {
  const row = await db
    .selectFrom('proposal_lines')
    .select('id')
    .where('proposal_id', '=', proposalId)
    .where('teacher_id', '=', teacherId)
    .where((eb) => eb.or([eb('from_school_id', '=', schoolId), eb('to_school_id', '=', schoolId)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** A line row with the names a reader needs and both sides' review (the 公示 exports read these). */
export type LineWithNames = Selectable<ProposalLinesTable> & {
  sending_decision: ReviewDecision | null;
  sending_comment: string | null;
  sending_carried: number | null;
  receiving_decision: ReviewDecision | null;
  receiving_comment: string | null;
  receiving_carried: number | null;
  teacher_name: string;
  teacher_external_id: string;
  teacher_subjects: string[];
  title: string;
  backbone: string | null;
  post: string;
  school_since: string;
  from_name: string;
  to_name: string;
};

function reviewState(
  decision: ReviewDecision | null,
  comment: string | null,
  carriedFrom: number | null,
  changed: LineChange[] | undefined,
): ReviewState | null {
  if (decision) return { decision, comment: comment ?? '', carried: carriedFrom !== null, carriedFromVersion: carriedFrom };
  // not reviewed on this version: say what changed since this side reviewed the teacher's previous line
  return changed?.length ? { decision: null, comment: '', carried: false, carriedFromVersion: null, changedSinceReview: changed } : null;
}

/** The one row→domain mapper of proposal lines: the line with its names and both sides' review. */
export function toLine(r: LineWithNames): Line {
  return {
    id: r.id,
    teacherId: r.teacher_id,
    teacher: {
      name: r.teacher_name,
      externalId: r.teacher_external_id,
      subject: r.subject,
      subjects: r.teacher_subjects,
      title: r.title,
      backbone: r.backbone,
      post: r.post,
      schoolSince: r.school_since,
    },
    kind: r.kind,
    fromSchoolId: r.from_school_id,
    toSchoolId: r.to_school_id,
    fromSchoolName: r.from_name,
    toSchoolName: r.to_name,
    hoursPerWeek: r.hours_per_week,
    startDate: r.start_date,
    endDate: r.end_date,
    reasons: r.reasons,
    explanation: r.explanation,
    pinned: r.pinned,
    review: {
      sending: reviewState(r.sending_decision, r.sending_comment, r.sending_carried, r.changed_since_review?.sending),
      receiving: reviewState(r.receiving_decision, r.receiving_comment, r.receiving_carried, r.changed_since_review?.receiving),
    },
  };
}

export interface LineFilter {
  schoolId?: string;
  direction?: 'incoming' | 'outgoing';
  kind?: LineKind;
  teacherId?: string;
  /** a substring of the teacher's name, or the start of their staff number (externalId); case-insensitive */
  q?: string;
  sort?: LineSort;
  order?: 'asc' | 'desc';
}

/**
 * The column of each sort, compared by code point (COLLATE "C") so PostgreSQL and PGlite give one
 * order whatever their locale; the default order follows as the tie-break, so the order is total and
 * the position cursor pages it.
 */
const SORT_COLUMN = {
  name: sql`t.name collate "C"`,
  fromSchool: sql`fs.name collate "C"`,
  toSchool: sql`ts.name collate "C"`,
  kind: sql`l.kind`,
  subject: sql`l.subject collate "C"`,
} as const satisfies Record<LineSort, unknown>;

/** A proposal's lines by kind, sending school and teacher; `limit` from position `offset`. */
export async function listLines(db: Q, proposalId: string, f: LineFilter & { limit: number; offset?: number }): Promise<Line[]> {
  return (await listLineRows(db, proposalId, f)).map(toLine);
}

/** listLines' rows before mapping (src/services/export-lines.ts formats them). */
export async function listLineRows(db: Q, proposalId: string, f: LineFilter & { limit: number; offset?: number }): Promise<LineWithNames[]> {
  let q = db
    .selectFrom('proposal_lines as l')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .leftJoin('line_reviews as rs', (j) => j.onRef('rs.line_id', '=', 'l.id').on('rs.side', '=', 'sending'))
    .leftJoin('line_reviews as rr', (j) => j.onRef('rr.line_id', '=', 'l.id').on('rr.side', '=', 'receiving'))
    .selectAll('l')
    .select([
      'rs.decision as sending_decision',
      'rs.comment as sending_comment',
      'rs.carried_from_version as sending_carried',
      'rr.decision as receiving_decision',
      'rr.comment as receiving_comment',
      'rr.carried_from_version as receiving_carried',
    ])
    .select([
      't.name as teacher_name',
      't.external_id as teacher_external_id',
      't.subjects as teacher_subjects',
      't.title',
      't.backbone',
      't.post',
      't.school_since',
      'fs.name as from_name',
      'ts.name as to_name',
    ])
    .where('l.proposal_id', '=', proposalId);
  if (f.schoolId) {
    const s = f.schoolId;
    if (f.direction === 'incoming') q = q.where('l.to_school_id', '=', s);
    else if (f.direction === 'outgoing') q = q.where('l.from_school_id', '=', s);
    else q = q.where((eb) => eb.or([eb('l.to_school_id', '=', s), eb('l.from_school_id', '=', s)]));
  }
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.teacherId) q = q.where('l.teacher_id', '=', f.teacherId);
  if (f.q) {
    const [anywhere, start] = [containsPattern(f.q), prefixPattern(f.q)];
    q = q.where((eb) => eb.or([eb('t.name', 'ilike', anywhere), eb('t.external_id', 'ilike', start)]));
  }
  if (f.sort) {
    const dir = f.order === 'desc' ? sql`desc` : sql`asc`;
    // a line without a subject (none yet) sorts last either way
    q = q.orderBy(sql`${SORT_COLUMN[f.sort]} ${dir} nulls last`);
  }
  return q
    .orderBy('l.kind')
    .orderBy('fs.external_id')
    .orderBy('t.external_id')
    .orderBy('l.id')
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
}

/** A proposal's lines as the diff compares them: teacher (with name), kind, schools, hours, reasons. */
export async function linesForDiff(db: Q, proposalId: string) {
  const rows = await db
    .selectFrom('proposal_lines as l')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .select(['l.teacher_id', 't.name', 'l.kind', 'l.from_school_id', 'l.to_school_id', 'l.hours_per_week', 'l.reasons'])
    .where('l.proposal_id', '=', proposalId)
    .execute();
  return rows.map((r) => ({
    teacherId: r.teacher_id,
    teacherName: r.name,
    kind: r.kind,
    fromSchoolId: r.from_school_id,
    toSchoolId: r.to_school_id,
    hoursPerWeek: r.hours_per_week,
    reasons: r.reasons,
  }));
}

/** A proposal's lines as the solver takes them for S9 stability. */
export async function previousLines(db: Q, proposalId: string) {
  const rows = await db
    .selectFrom('proposal_lines')
    .select(['teacher_id', 'kind', 'from_school_id', 'to_school_id', 'subject', 'hours_per_week'])
    .where('proposal_id', '=', proposalId)
    .execute();
  return rows.map((l) => ({
    teacherId: l.teacher_id,
    kind: l.kind,
    fromSchoolId: l.from_school_id,
    toSchoolId: l.to_school_id,
    hoursPerWeek: l.hours_per_week,
  }));
}

/**
 * A proposal's lines with only what a public notice may print (issue #12 point 5): the teacher's
 * name, the two schools, the subject, the kind and the term. Selected column by column, so a staff
 * number, a title, a planned senior-title application, a preference or a reason cannot reach a
 * notice by a later `selectAll`. Ordered as the internal list is (kind, sending school, teacher).
 */
export async function listNoticeRows(db: Q, proposalId: string, f: { schoolId?: string; kind?: LineKind }) {
  let q = db
    .selectFrom('proposal_lines as l')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .select([
      'l.kind',
      'l.subject',
      'l.start_date',
      'l.end_date',
      't.name as teacher_name',
      't.subjects as teacher_subjects',
      'fs.name as from_name',
      'ts.name as to_name',
    ])
    .where('l.proposal_id', '=', proposalId);
  if (f.schoolId) {
    const s = f.schoolId;
    q = q.where((eb) => eb.or([eb('l.to_school_id', '=', s), eb('l.from_school_id', '=', s)]));
  }
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  return q.orderBy('l.kind').orderBy('fs.external_id').orderBy('t.external_id').orderBy('l.id').execute();
}
