import { type Kysely, sql, type Transaction } from 'kysely';
import { InvalidCursor } from './paging.js';
import type { DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The change feed (outbox, issue #23, api.md "Changes, for the systems that follow this one"): the one
 * door every write path goes through to report what it changed. A change is written in the
 * transaction of the change itself, so a rollback takes it away too.
 */
export type ChangeType =
  | 'district.upserted'
  | 'district.deleted'
  | 'school.upserted'
  | 'school.deleted'
  | 'teacher.upserted'
  | 'teacher.deleted'
  | 'service_record.written'
  | 'proposal.announced'
  | 'proposal.published'
  | 'move.published'
  | 'move.effective'
  | 'move.ended';
export const CHANGE_TYPES: readonly ChangeType[] = [
  'district.upserted',
  'district.deleted',
  'school.upserted',
  'school.deleted',
  'teacher.upserted',
  'teacher.deleted',
  'service_record.written',
  'proposal.announced',
  'proposal.published',
  'move.published',
  'move.effective',
  'move.ended',
];

export interface ChangeInput {
  type: ChangeType;
  entity: { kind: string; id: string | null; externalId: string | null };
  effectiveDate?: string | null;
  version?: number | null;
  /** ids and what changed; never personal data beyond name and staff number (api.md) */
  data: Record<string, unknown>;
  /** the schools the change touches: a principal's token reads only changes naming their school */
  schoolIds?: (string | null | undefined)[];
}

/**
 * Two-int advisory lock key ('rota', 3): the import holds ('rota', 1), the queue setup ('rota', 2).
 *
 * Why a lock: a bigserial is drawn when the row is inserted, not when it commits, so under concurrent
 * transactions seq 11 can become visible before seq 10, and a reader that has read 11 never looks
 * back. Taking this lock right before the outbox insert and holding it to commit (xact lock) means a
 * transaction draws its seqs only after every earlier drawer has committed or rolled back: seqs are
 * in commit order and a reader at cursor N never meets a later commit with a seq ≤ N. The cost is that
 * writers are serialised from their outbox insert to their commit; every write path therefore
 * reports its changes as its LAST statement, so the lock is held for one insert and the commit. (The
 * alternative, reading only below the oldest running transaction's xmin, keeps writers parallel but
 * needs snapshot functions PGlite does not reason about the same way, and delays readers.)
 */
const OUTBOX_LOCK = sql`SELECT pg_advisory_xact_lock(1919906913, 3)`;
const CHUNK = 1000;

/** Writes changes into the outbox, in this transaction; call it last, after the writes it reports. */
export async function recordChanges(trx: Transaction<DB>, changes: ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  await OUTBOX_LOCK.execute(trx);
  for (let i = 0; i < changes.length; i += CHUNK)
    await trx
      .insertInto('changes')
      .values(
        changes.slice(i, i + CHUNK).map((c) => ({
          type: c.type,
          effective_date: c.effectiveDate ?? null,
          entity_kind: c.entity.kind,
          entity_id: c.entity.id,
          entity_external_id: c.entity.externalId,
          version: c.version ?? null,
          data: JSON.stringify(c.data),
          school_ids: [...new Set((c.schoolIds ?? []).filter((s): s is string => typeof s === 'string'))],
        })),
      )
      .execute();
}

// ---- cursors: opaque to clients; fixed width, so they also sort as strings in seq order

export function encodeChangeCursor(seq: number): string {
  return `c${seq.toString(36).padStart(11, '0')}`;
}
export function decodeChangeCursor(cursor: string): number {
  if (!/^c[0-9a-z]{11}$/.test(cursor)) throw new InvalidCursor();
  const n = Number.parseInt(cursor.slice(1), 36);
  if (!Number.isSafeInteger(n)) throw new InvalidCursor();
  return n;
}

// ---- what an entity's change says: read back from the rows just written, so it reports what was committed

/** district.upserted for these ids, with their current row */
export async function districtUpserts(trx: Q, ids: string[]): Promise<ChangeInput[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('districts').selectAll().where('id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
  return rows.map((d) => ({
    type: 'district.upserted',
    entity: { kind: 'district', id: d.id, externalId: d.external_id },
    version: d.version,
    data: { externalId: d.external_id, code: d.code, name: d.name },
  }));
}

/** school.upserted for these ids: the school's own fields (no personal data) */
export async function schoolUpserts(trx: Q, ids: string[]): Promise<ChangeInput[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('schools as s')
    .innerJoin('districts as d', 'd.id', 's.district_id')
    .select([
      's.id',
      's.external_id',
      's.code',
      's.name',
      's.district_id',
      'd.external_id as district_external_id',
      's.stage',
      's.locality',
      's.is_high_quality',
      's.is_weak',
      's.is_central',
      's.is_teaching_point',
      's.is_boarding',
      's.approved_headcount',
      's.version',
    ])
    .where('s.id', '=', sql<string>`ANY(${ids}::uuid[])`)
    .execute();
  return rows.map((s) => ({
    type: 'school.upserted',
    entity: { kind: 'school', id: s.id, externalId: s.external_id },
    version: s.version,
    data: {
      externalId: s.external_id,
      code: s.code,
      name: s.name,
      districtId: s.district_id,
      districtExternalId: s.district_external_id,
      stage: s.stage,
      locality: s.locality,
      isHighQuality: s.is_high_quality,
      isWeak: s.is_weak,
      isCentral: s.is_central,
      isTeachingPoint: s.is_teaching_point,
      isBoarding: s.is_boarding,
      approvedHeadcount: s.approved_headcount,
    },
    schoolIds: [s.id],
  }));
}

/**
 * teacher.upserted for these ids: name and staff number (externalId) and where they work, never birth
 * date, gender or identity document (api.md: no personal data beyond name and staff number).
 * `formerSchoolIds`: the school a teacher left in this write, so its principal sees them go.
 */
export async function teacherUpserts(trx: Q, ids: string[], formerSchoolIds: Map<string, string> = new Map()): Promise<ChangeInput[]> {
  if (ids.length === 0) return [];
  const out: ChangeInput[] = [];
  for (let i = 0; i < ids.length; i += CHUNK * 5) {
    const rows = await trx
      .selectFrom('teachers as t')
      .innerJoin('schools as s', 's.id', 't.school_id')
      .select([
        't.id',
        't.external_id',
        't.name',
        't.school_id',
        's.external_id as school_external_id',
        't.post',
        't.status',
        't.subjects',
        't.stages',
        't.version',
      ])
      .where('t.id', '=', sql<string>`ANY(${ids.slice(i, i + CHUNK * 5)}::uuid[])`)
      .execute();
    for (const t of rows)
      out.push({
        type: 'teacher.upserted',
        entity: { kind: 'teacher', id: t.id, externalId: t.external_id },
        version: t.version,
        data: {
          externalId: t.external_id,
          name: t.name,
          schoolId: t.school_id,
          schoolExternalId: t.school_external_id,
          post: t.post,
          status: t.status,
          subjects: t.subjects,
          stages: t.stages,
        },
        schoolIds: [t.school_id, formerSchoolIds.get(t.id)],
      });
  }
  return out;
}

/** A tombstone: the deleted object's externalId stays, so a follower that keys by it can delete its copy. */
export function deletion(kind: 'district' | 'school' | 'teacher', row: { id: string; externalId: string; schoolId?: string }): ChangeInput {
  return {
    type: `${kind}.deleted`,
    entity: { kind, id: row.id, externalId: row.externalId },
    data: { externalId: row.externalId },
    schoolIds: [kind === 'school' ? row.id : row.schoolId],
  };
}

/** service_record.written for these ledger rows */
export async function serviceRecordWrites(trx: Q, ids: string[]): Promise<ChangeInput[]> {
  if (ids.length === 0) return [];
  const out: ChangeInput[] = [];
  for (let i = 0; i < ids.length; i += CHUNK * 5) {
    const rows = await trx
      .selectFrom('service_records as r')
      .innerJoin('teachers as t', 't.id', 'r.teacher_id')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .select([
        'r.id',
        'r.teacher_id',
        't.external_id as teacher_external_id',
        'r.school_id',
        's.external_id as school_external_id',
        'r.post',
        'r.kind',
        'r.from_date',
        'r.to_date',
        'r.source',
      ])
      .where('r.id', '=', sql<string>`ANY(${ids.slice(i, i + CHUNK * 5)}::uuid[])`)
      .execute();
    for (const r of rows)
      out.push({
        type: 'service_record.written',
        entity: { kind: 'service_record', id: r.id, externalId: null },
        effectiveDate: r.from_date,
        data: {
          teacherId: r.teacher_id,
          teacherExternalId: r.teacher_external_id,
          schoolId: r.school_id,
          schoolExternalId: r.school_external_id,
          post: r.post,
          kind: r.kind,
          from: r.from_date,
          to: r.to_date,
          source: r.source,
        },
        schoolIds: [r.school_id],
      });
  }
  return out;
}

/** What a published line says in move.* changes: ids, staff number and name, schools, dates. */
export interface MoveRow {
  line_id: string;
  proposal_id: string;
  teacher_id: string;
  teacher_external_id: string;
  teacher_name: string;
  kind: string;
  from_school_id: string;
  from_school_external_id: string;
  to_school_id: string;
  to_school_external_id: string;
  hours_per_week: number | null;
  from_date: string;
  to_date: string | null;
}

/** The published lines with their ledger record (what the move is from 1 September); `where` narrows them. */
export function movesQuery(db: Q) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('proposal_lines as l', 'l.id', 'r.proposal_line_id')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .select([
      'l.id as line_id',
      'l.proposal_id',
      'l.teacher_id',
      't.external_id as teacher_external_id',
      't.name as teacher_name',
      'l.kind',
      'l.from_school_id',
      'fs.external_id as from_school_external_id',
      'l.to_school_id',
      'ts.external_id as to_school_external_id',
      'l.hours_per_week',
      'r.from_date',
      'r.to_date',
    ]);
}

export function moveChange(
  type: 'move.published' | 'move.effective' | 'move.ended',
  m: MoveRow,
  effectiveDate: string,
  extra: Record<string, unknown> = {},
): ChangeInput {
  return {
    type,
    entity: { kind: 'move', id: m.line_id, externalId: null },
    effectiveDate,
    data: {
      proposalId: m.proposal_id,
      lineId: m.line_id,
      teacherId: m.teacher_id,
      teacherExternalId: m.teacher_external_id,
      teacherName: m.teacher_name,
      kind: m.kind,
      fromSchoolId: m.from_school_id,
      fromSchoolExternalId: m.from_school_external_id,
      toSchoolId: m.to_school_id,
      toSchoolExternalId: m.to_school_external_id,
      hoursPerWeek: m.hours_per_week,
      from: m.from_date,
      to: m.to_date,
      ...extra,
    },
    schoolIds: [m.from_school_id, m.to_school_id],
  };
}

// ---- reading the feed

export interface ChangeRow {
  seq: number;
  id: string;
  type: string;
  occurred_at: Date;
  effective_date: string | null;
  entity_kind: string;
  entity_id: string | null;
  entity_external_id: string | null;
  version: number | null;
  data: Record<string, unknown>;
}

/**
 * Up to `limit` changes after `after`, in seq (= commit) order, and the retention horizon, read in
 * one statement so that a prune running meanwhile cannot make a page skip silently.
 */
export async function readChanges(
  db: Q,
  p: { after: number; limit: number; schoolId?: string; types?: string[] },
): Promise<{ rows: ChangeRow[]; prunedThrough: number }> {
  const r = await sql<ChangeRow & { pruned_through: number | string }>`
    WITH st AS (SELECT pruned_through FROM change_feed_state),
         page AS (
           SELECT seq, id, type, occurred_at, effective_date, entity_kind, entity_id, entity_external_id, version, data
           FROM changes
           WHERE seq > ${p.after}
             ${p.schoolId ? sql`AND school_ids @> ARRAY[${p.schoolId}]::uuid[]` : sql``}
             ${p.types?.length ? sql`AND type = ANY(${p.types}::text[])` : sql``}
           ORDER BY seq
           LIMIT ${p.limit}
         )
    SELECT st.pruned_through, page.* FROM st LEFT JOIN page ON true ORDER BY page.seq`.execute(db);
  const prunedThrough = Number(r.rows[0]?.pruned_through ?? 0);
  return { rows: r.rows.filter((x) => x.seq !== null).map((x) => ({ ...x, seq: Number(x.seq) })), prunedThrough };
}

/** The newest committed change: a list read after this call reflects at least every change up to it. */
export async function headSeq(db: Q): Promise<number> {
  const r = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  if (r?.seq != null) return Number(r.seq);
  const st = await db.selectFrom('change_feed_state').select('pruned_through').executeTakeFirst();
  return Number(st?.pruned_through ?? 0);
}

/**
 * Drops the changes up to the newest one that occurred before `before` (retention) and moves the
 * horizon there, so what is kept is always a whole suffix of the feed.
 */
export async function pruneChanges(trx: Transaction<DB>, before: Date): Promise<number> {
  const top = await trx
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where(sql<boolean>`occurred_at < ${before.toISOString()}::timestamptz`)
    .executeTakeFirst();
  if (top?.seq == null) return 0;
  const through = Number(top.seq);
  const gone = await trx.deleteFrom('changes').where('seq', '<=', through).executeTakeFirst();
  await sql`UPDATE change_feed_state SET pruned_through = GREATEST(pruned_through, ${through})`.execute(trx);
  return Number(gone.numDeletedRows);
}
