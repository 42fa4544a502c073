import { sql, type Kysely, type Transaction } from 'kysely';
import type { Post, ServiceKind, ServiceRecord } from '../domain.js';
import type { DB, ServiceRecordRow } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of the service ledger (任职记录). */
export function toServiceRecord(r: ServiceRecordRow): ServiceRecord {
  return {
    id: r.id,
    teacherId: r.teacher_id,
    schoolId: r.school_id,
    post: r.post,
    kind: r.kind,
    from: r.from_date,
    to: r.to_date,
    ruralAtTheTime: r.rural_at_the_time,
    source: r.source,
  };
}

/** A teacher's ledger by start date, `limit` rows from position `start`. */
export async function listServiceRecords(db: Q, teacherId: string, start: number, limit: number): Promise<ServiceRecord[]> {
  const rows = await db
    .selectFrom('service_records')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .orderBy('from_date')
    .orderBy('id')
    .limit(limit)
    .offset(start)
    .execute();
  return rows.map(toServiceRecord);
}

export async function insertServiceRecord(
  db: Q,
  r: { teacherId: string; schoolId: string; post: Post; kind: ServiceKind; from: string; to: string | null; ruralAtTheTime: boolean; source: 'api' | 'import' },
): Promise<ServiceRecord> {
  return toServiceRecord(
    await db
      .insertInto('service_records')
      .values({
        teacher_id: r.teacherId,
        school_id: r.schoolId,
        post: r.post,
        kind: r.kind,
        from_date: r.from,
        to_date: r.to,
        rural_at_the_time: r.ruralAtTheTime,
        source: r.source,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Every record, by teacher and start date (planning snapshots). */
export async function allServiceRecords(db: Q) {
  const rows = await db
    .selectFrom('service_records')
    .select(['teacher_id', 'school_id', 'post', 'kind', 'from_date', 'to_date', 'rural_at_the_time'])
    .orderBy('teacher_id')
    .orderBy('from_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    teacherId: r.teacher_id,
    schoolId: r.school_id,
    post: r.post,
    kind: r.kind,
    from: r.from_date,
    to: r.to_date,
    ruralAtTheTime: r.rural_at_the_time,
  }));
}

/** The given teachers' ledgers by teacher id, each by start date (placement today, import conflicts). */
export async function ledgersOf(db: Q, teacherIds: string[]) {
  const by = new Map<string, (ServiceRecord & { proposalLineId: string | null })[]>();
  if (teacherIds.length === 0) return by;
  const rows = await db
    .selectFrom('service_records')
    .selectAll()
    .where('teacher_id', '=', sql<string>`ANY(${teacherIds}::uuid[])`)
    .orderBy('teacher_id')
    .orderBy('from_date')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = by.get(r.teacher_id) ?? [];
    list.push({ ...toServiceRecord(r), proposalLineId: r.proposal_line_id });
    by.set(r.teacher_id, list);
  }
  return by;
}
