import { sql, type Kysely, type Transaction } from 'kysely';
import { toTeacher } from './mappers.js';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB, TeacherRow } from './types.js';
import type { Exemption, Teacher } from '../schemas/master-data.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Loads exemptions and ranked preferences of the given teacher rows and maps them to API shapes. */
export async function hydrateTeachers(db: Q, rows: TeacherRow[]): Promise<Teacher[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [exemptions, prefs] = await Promise.all([
    db.selectFrom('teacher_exemptions').selectAll().where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).orderBy('from_date').execute(),
    db.selectFrom('teacher_preferences').selectAll().where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).orderBy('rank').execute(),
  ]);
  const exBy = new Map<string, typeof exemptions>();
  for (const e of exemptions) exBy.set(e.teacher_id, [...(exBy.get(e.teacher_id) ?? []), e]);
  const prefBy = new Map<string, string[]>();
  for (const p of prefs) prefBy.set(p.teacher_id, [...(prefBy.get(p.teacher_id) ?? []), p.school_id]);
  return rows.map((r) => toTeacher(r, exBy.get(r.id) ?? [], prefBy.get(r.id) ?? []));
}

export interface TeacherFilter {
  schoolId?: string;
  districtId?: string;
  subject?: string;
  q?: string;
  status?: string;
}

function filtered(db: Q, f: TeacherFilter) {
  let query = db.selectFrom('teachers').selectAll('teachers');
  if (f.schoolId) query = query.where('teachers.school_id', '=', f.schoolId);
  if (f.districtId) {
    query = query.where('teachers.school_id', 'in', db.selectFrom('schools').select('id').where('district_id', '=', f.districtId));
  }
  if (f.subject) query = query.where(sql<boolean>`teachers.subjects @> ARRAY[${f.subject}]::text[]`);
  if (f.status) query = query.where('teachers.status', '=', f.status);
  if (f.q) query = query.where((eb) => eb.or([eb('teachers.name', 'ilike', `%${f.q}%`), eb('teachers.external_id', 'ilike', `%${f.q}%`)]));
  return query;
}

export async function listTeachers(db: Q, p: TeacherFilter & { limit: number; cursor?: string; offset?: number }) {
  let query = filtered(db, p).orderBy('teachers.external_id').limit(p.limit + 1);
  if (p.cursor) query = query.where('teachers.external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  const page = pageFrom(await query.execute(), p.limit);
  return { items: await hydrateTeachers(db, page.rows), nextCursor: page.nextCursor };
}

/** Every teacher matching the filter, in externalId order (exports, planning snapshots). */
export async function allTeachers(db: Q, f: TeacherFilter = {}): Promise<Teacher[]> {
  return hydrateTeachers(db, await filtered(db, f).orderBy('teachers.external_id').execute());
}

export async function getTeacher(db: Q, id: string): Promise<Teacher | undefined> {
  const row = await db.selectFrom('teachers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrateTeachers(db, [row]))[0] : undefined;
}

/** Replaces exemptions and/or preferences of many teachers (each map entry: teacher id → new list). */
export async function replaceTeacherChildren(
  trx: Q,
  exemptions: Map<string, Exemption[]> | null,
  preferences: Map<string, string[]> | null,
) {
  const CHUNK = 2000;
  if (exemptions && exemptions.size) {
    const ids = [...exemptions.keys()];
    await trx.deleteFrom('teacher_exemptions').where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
    const rows = [...exemptions].flatMap(([teacherId, list]) =>
      list.map((e) => ({ teacher_id: teacherId, reason: e.reason, from_date: e.from, to_date: e.to, note: e.note })),
    );
    for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('teacher_exemptions').values(rows.slice(i, i + CHUNK)).execute();
  }
  if (preferences && preferences.size) {
    const ids = [...preferences.keys()];
    await trx.deleteFrom('teacher_preferences').where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
    const rows = [...preferences].flatMap(([teacherId, list]) =>
      [...new Set(list)].map((schoolId, i) => ({ teacher_id: teacherId, school_id: schoolId, rank: i + 1 })),
    );
    for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('teacher_preferences').values(rows.slice(i, i + CHUNK)).execute();
  }
}
