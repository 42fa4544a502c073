import { sql, type Kysely, type Transaction } from 'kysely';
import type { Exemption, Teacher, TeacherStatus } from '../domain.js';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB, NewTeacher, TeacherRow, TeacherUpdate } from './types.js';
import { containsPattern } from './like.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of teachers: the row with its exemptions and ranked preferred schools. */
export function toTeacher(
  r: TeacherRow,
  exemptions: { reason: Exemption['reason']; from_date: string; to_date: string | null; note: string | null }[],
  preferredSchoolIds: string[],
): Teacher {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    hireDate: r.hire_date,
    schoolId: r.school_id,
    schoolSince: r.school_since,
    post: r.post,
    postSince: r.post_since,
    subjects: r.subjects,
    stages: r.stages,
    title: r.title,
    backbone: r.backbone,
    education: r.education,
    established: r.established,
    status: r.status,
    weeklyHours: r.weekly_hours,
    seniorTitleApplicationYear: r.senior_title_application_year,
    priorRuralYears: r.prior_rural_years,
    exemptions: exemptions.map((e) => ({ reason: e.reason, from: e.from_date, to: e.to_date, note: e.note })),
    volunteer: r.volunteer,
    preferences: { schoolIds: preferredSchoolIds, maxKm: r.preference_max_km },
  };
}

/** The columns of a teacher, without exemptions and preferred schools. */
export type TeacherFields = Omit<Teacher, 'id' | 'exemptions' | 'preferences'> & { preferences?: { maxKm: number | null } };
/** Domain fields to columns; undefined leaves a column unchanged on PATCH. */
export function teacherColumns(b: Partial<TeacherFields>): TeacherUpdate {
  return {
    external_id: b.externalId,
    name: b.name,
    gender: b.gender,
    birth_date: b.birthDate,
    hire_date: b.hireDate,
    school_id: b.schoolId,
    school_since: b.schoolSince,
    post: b.post,
    post_since: b.postSince,
    subjects: b.subjects,
    stages: b.stages,
    title: b.title,
    backbone: b.backbone,
    education: b.education,
    established: b.established,
    status: b.status,
    weekly_hours: b.weeklyHours,
    senior_title_application_year: b.seniorTitleApplicationYear,
    prior_rural_years: b.priorRuralYears,
    volunteer: b.volunteer,
    preference_max_km: b.preferences?.maxKm,
  };
}
/** A new teacher's row. */
export function newTeacherRow(b: TeacherFields): NewTeacher {
  return {
    external_id: b.externalId,
    name: b.name,
    gender: b.gender,
    birth_date: b.birthDate,
    hire_date: b.hireDate,
    school_id: b.schoolId,
    school_since: b.schoolSince,
    post: b.post,
    post_since: b.postSince,
    subjects: b.subjects,
    stages: b.stages,
    title: b.title,
    backbone: b.backbone,
    education: b.education,
    established: b.established,
    status: b.status,
    weekly_hours: b.weeklyHours,
    senior_title_application_year: b.seniorTitleApplicationYear,
    prior_rural_years: b.priorRuralYears,
    volunteer: b.volunteer,
    preference_max_km: b.preferences?.maxKm ?? null,
  };
}

/** Loads exemptions and ranked preferences of the given teacher rows and maps them to domain objects. */
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
  status?: TeacherStatus;
}

function filtered(db: Q, f: TeacherFilter) {
  let query = db.selectFrom('teachers').selectAll('teachers');
  if (f.schoolId) query = query.where('teachers.school_id', '=', f.schoolId);
  if (f.districtId) {
    query = query.where('teachers.school_id', 'in', db.selectFrom('schools').select('id').where('district_id', '=', f.districtId));
  }
  if (f.subject) query = query.where(sql<boolean>`teachers.subjects @> ARRAY[${f.subject}]::text[]`);
  if (f.status) query = query.where('teachers.status', '=', f.status);
  if (f.q) {
    const pattern = containsPattern(f.q);
    query = query.where((eb) => eb.or([eb('teachers.name', 'ilike', pattern), eb('teachers.external_id', 'ilike', pattern)]));
  }
  return query;
}

export async function listTeachers(db: Q, p: TeacherFilter & { limit: number; cursor?: string; offset?: number }) {
  let query = filtered(db, p)
    .orderBy('teachers.external_id')
    .limit(p.limit + 1);
  if (p.cursor) query = query.where('teachers.external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  const page = pageFrom(await query.execute(), p.limit);
  return { items: await hydrateTeachers(db, page.rows), nextCursor: page.nextCursor };
}

/** Every teacher matching the filter, in externalId order (exports, planning snapshots). */
export async function allTeachers(db: Q, f: TeacherFilter = {}, opts: { oneJsonValue?: boolean } = {}): Promise<Teacher[]> {
  if (!opts.oneJsonValue) return hydrateTeachers(db, await filtered(db, f).orderBy('teachers.external_id').execute());
  // issue #13, the embedded database: the rows as one JSON value parsed at once, not field by field
  // (12,000 teachers: 0.63 s → 0.39 s; on PostgreSQL it is the other way round, 0.2 s → 0.4 s, so
  // only PGlite's solver load asks for it). Timestamps arrive as strings; toTeacher reads none.
  const { rows } = await sql<{ j: string }>`SELECT coalesce(json_agg(t ORDER BY t.external_id), '[]')::text AS j FROM (${filtered(db, f)}) t`.execute(db);
  return hydrateTeachers(db, JSON.parse(rows[0].j) as TeacherRow[]);
}

export async function getTeacher(db: Q, id: string): Promise<Teacher | undefined> {
  const row = await db.selectFrom('teachers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrateTeachers(db, [row]))[0] : undefined;
}

/** Replaces exemptions and/or preferences of many teachers (each map entry: teacher id → new list). */
export async function replaceTeacherChildren(trx: Q, exemptions: Map<string, Exemption[]> | null, preferences: Map<string, string[]> | null) {
  const CHUNK = 2000;
  if (exemptions && exemptions.size) {
    const ids = [...exemptions.keys()];
    await trx.deleteFrom('teacher_exemptions').where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
    const rows = [...exemptions].flatMap(([teacherId, list]) =>
      list.map((e) => ({ teacher_id: teacherId, reason: e.reason, from_date: e.from, to_date: e.to, note: e.note })),
    );
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('teacher_exemptions')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  }
  if (preferences && preferences.size) {
    const ids = [...preferences.keys()];
    await trx.deleteFrom('teacher_preferences').where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
    const rows = [...preferences].flatMap(([teacherId, list]) =>
      [...new Set(list)].map((schoolId, i) => ({ teacher_id: teacherId, school_id: schoolId, rank: i + 1 })),
    );
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('teacher_preferences')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  }
}

export async function insertTeacher(db: Q, b: TeacherFields): Promise<string> {
  return (await db.insertInto('teachers').values(newTeacherRow(b)).returning('id').executeTakeFirstOrThrow()).id;
}

/** The teacher's id, or undefined when there is none with that id. */
export async function updateTeacher(db: Q, id: string, b: Partial<TeacherFields>): Promise<string | undefined> {
  return (
    await db
      .updateTable('teachers')
      .set({ ...teacherColumns(b), updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst()
  )?.id;
}

/** The teacher's row locked for a delete (its id, externalId and name), or undefined. */
export async function lockTeacher(db: Q, id: string) {
  const t = await db.selectFrom('teachers').select(['id', 'external_id', 'name', 'version', 'school_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  return t && { id: t.id, externalId: t.external_id, name: t.name, version: t.version, schoolId: t.school_id };
}

export async function deleteTeacher(db: Q, id: string): Promise<void> {
  await db.deleteFrom('teachers').where('id', '=', id).returning('id').executeTakeFirstOrThrow();
}

export async function teacherExists(db: Q, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('teachers').select('id').where('id', '=', id).executeTakeFirst());
}

/** Active teachers hired before `date` (who a plan taking effect on that day can count). */
export async function countActiveHiredBefore(db: Q, date: string): Promise<number> {
  const r = await db
    .selectFrom('teachers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('hire_date', '<', date)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Each given teacher's school, by teacher id (unknown ids are absent). */
export async function homeSchools(db: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // FOR SHARE: a teacher being pinned is not deleted until the pins are in, and a delete in progress
  // is waited for; so a delete always sees the pins it must refuse for (src/db/holders.ts plan_pins)
  const rows = await db.selectFrom('teachers').select(['id', 'school_id']).where('id', '=', sql<string>`ANY(${ids}::uuid[])`).forShare().execute();
  return new Map(rows.map((t) => [t.id, t.school_id]));
}
