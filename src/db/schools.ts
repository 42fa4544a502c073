import { sql, type Kysely, type Transaction } from 'kysely';
import type { LeaderPosts, Locality, School, Stage } from '../domain.js';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB, NewSchool, SchoolRow, SchoolUpdate } from './types.js';
import { containsPattern } from './like.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of schools: the row with its needs and the schools paired with it (either direction). */
export function toSchool(r: SchoolRow, needs: { subject: string; teachers: number; weekly_hours: number }[], pairedSchoolIds: string[]): School {
  return {
    id: r.id,
    externalId: r.external_id,
    code: r.code,
    name: r.name,
    districtId: r.district_id,
    stage: r.stage,
    locality: r.locality,
    isHighQuality: r.is_high_quality,
    isWeak: r.is_weak,
    isCentral: r.is_central,
    isTeachingPoint: r.is_teaching_point,
    isBoarding: r.is_boarding,
    location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
    approvedHeadcount: r.approved_headcount,
    pairedSchoolIds: [...pairedSchoolIds].sort(),
    needs: needs.map((n) => ({ subject: n.subject, teachers: n.teachers, weeklyHours: n.weekly_hours })).sort((a, b) => a.subject.localeCompare(b.subject)),
    leaderPosts:
      r.principal_posts === null || r.party_secretary_posts === null || r.vice_principal_posts === null
        ? null
        : { principal: r.principal_posts, partySecretary: r.party_secretary_posts, vicePrincipals: r.vice_principal_posts },
  };
}

/** A school counts as rural for R11 when it is rural/township or flagged weak (薄弱). */
export function isRuralClass(s: { locality: string; is_weak?: boolean; isWeak?: boolean }): boolean {
  return s.locality === 'rural' || s.locality === 'township' || Boolean(s.is_weak ?? s.isWeak);
}

/** The columns of a school, without its needs and pairings. */
export interface SchoolFields {
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
  /** H10: the leadership posts; null: not in the data */
  leaderPosts: LeaderPosts | null;
}
/** H10: the leadership posts' columns (all three null when not in the data). */
const leaderPostColumns = (lp: LeaderPosts | null) => ({
  principal_posts: lp?.principal ?? null,
  party_secretary_posts: lp?.partySecretary ?? null,
  vice_principal_posts: lp?.vicePrincipals ?? null,
});
/** Domain fields to columns; undefined leaves a column unchanged on PATCH. */
export function schoolColumns(b: Partial<SchoolFields>): SchoolUpdate {
  return {
    external_id: b.externalId,
    code: b.code,
    name: b.name,
    district_id: b.districtId,
    stage: b.stage,
    locality: b.locality,
    is_high_quality: b.isHighQuality,
    is_weak: b.isWeak,
    is_central: b.isCentral,
    is_teaching_point: b.isTeachingPoint,
    is_boarding: b.isBoarding,
    approved_headcount: b.approvedHeadcount,
    ...(b.location !== undefined ? { lat: b.location?.lat ?? null, lon: b.location?.lon ?? null } : {}),
    ...(b.leaderPosts !== undefined ? leaderPostColumns(b.leaderPosts) : {}),
  };
}
/** A new school's row. */
export function newSchoolRow(b: SchoolFields): NewSchool {
  return {
    external_id: b.externalId,
    code: b.code,
    name: b.name,
    district_id: b.districtId,
    stage: b.stage,
    locality: b.locality,
    is_high_quality: b.isHighQuality,
    is_weak: b.isWeak,
    is_central: b.isCentral,
    is_teaching_point: b.isTeachingPoint,
    is_boarding: b.isBoarding,
    approved_headcount: b.approvedHeadcount,
    lat: b.location?.lat ?? null,
    lon: b.location?.lon ?? null,
    ...leaderPostColumns(b.leaderPosts),
  };
}

/** Loads needs and pairings (both directions) of the given school rows and maps them to domain objects. */
export async function hydrateSchools(db: Q, rows: SchoolRow[]): Promise<School[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [needs, pairs] = await Promise.all([
    db.selectFrom('school_needs').selectAll().where('school_id', 'in', ids).execute(),
    db
      .selectFrom('school_pairings')
      .selectAll()
      .where((eb) => eb.or([eb('school_id', 'in', ids), eb('paired_school_id', 'in', ids)]))
      .execute(),
  ]);
  const needsBy = new Map<string, typeof needs>();
  for (const n of needs) needsBy.set(n.school_id, [...(needsBy.get(n.school_id) ?? []), n]);
  const pairsBy = new Map<string, Set<string>>();
  const add = (a: string, b: string) => pairsBy.set(a, (pairsBy.get(a) ?? new Set()).add(b));
  for (const p of pairs) {
    add(p.school_id, p.paired_school_id);
    add(p.paired_school_id, p.school_id);
  }
  return rows.map((r) => toSchool(r, needsBy.get(r.id) ?? [], [...(pairsBy.get(r.id) ?? [])]));
}

export async function listSchools(
  db: Q,
  p: { limit: number; cursor?: string; offset?: number; districtId?: string; q?: string; onlyId?: string; locality?: Locality; stage?: Stage },
) {
  let query = db
    .selectFrom('schools')
    .selectAll()
    .orderBy('external_id')
    .limit(p.limit + 1);
  if (p.cursor) query = query.where('external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  if (p.districtId) query = query.where('district_id', '=', p.districtId);
  if (p.onlyId) query = query.where('id', '=', p.onlyId);
  if (p.locality) query = query.where('locality', '=', p.locality);
  if (p.stage) query = query.where('stage', '=', p.stage);
  if (p.q) {
    const pattern = containsPattern(p.q);
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('code', 'ilike', pattern)]));
  }
  const page = pageFrom(await query.execute(), p.limit);
  return { items: await hydrateSchools(db, page.rows), nextCursor: page.nextCursor };
}

export async function getSchool(db: Q, id: string): Promise<School | undefined> {
  const row = await db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrateSchools(db, [row]))[0] : undefined;
}

/** Replaces the school's needs and the pairings it lists (stored in the listing direction). */
export async function replaceSchoolChildren(
  trx: Q,
  schoolId: string,
  needs: { subject: string; teachers: number; weeklyHours: number }[] | undefined,
  pairedSchoolIds: string[] | undefined,
) {
  if (needs) {
    await trx.deleteFrom('school_needs').where('school_id', '=', schoolId).execute();
    if (needs.length) {
      await trx
        .insertInto('school_needs')
        .values(needs.map((n) => ({ school_id: schoolId, subject: n.subject, teachers: n.teachers, weekly_hours: n.weeklyHours })))
        .execute();
    }
  }
  if (pairedSchoolIds) {
    await trx
      .deleteFrom('school_pairings')
      .where((eb) => eb.or([eb('school_id', '=', schoolId), eb('paired_school_id', '=', schoolId)]))
      .execute();
    const unique = [...new Set(pairedSchoolIds)].filter((id) => id !== schoolId);
    if (unique.length) {
      await trx
        .insertInto('school_pairings')
        .values(unique.map((id) => ({ school_id: schoolId, paired_school_id: id })))
        .execute();
    }
  }
}

/** Every school, in externalId order, with needs and pairings (planning snapshots). */
/** The names of the given schools by id (those that exist). */
export async function schoolNames(db: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function allSchools(db: Q): Promise<School[]> {
  return hydrateSchools(db, await db.selectFrom('schools').selectAll().orderBy('external_id').execute());
}

export async function insertSchool(db: Q, b: SchoolFields): Promise<string> {
  return (await db.insertInto('schools').values(newSchoolRow(b)).returning('id').executeTakeFirstOrThrow()).id;
}

/** The school's id, or undefined when there is none with that id. */
export async function updateSchool(db: Q, id: string, b: Partial<SchoolFields>): Promise<string | undefined> {
  return (
    await db
      .updateTable('schools')
      .set({ ...schoolColumns(b), updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst()
  )?.id;
}

/** The school's row locked for a delete (its id, externalId and name), or undefined. */
export async function lockSchool(db: Q, id: string) {
  const s = await db.selectFrom('schools').select(['id', 'external_id', 'name', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
  return s && { id: s.id, externalId: s.external_id, name: s.name, version: s.version };
}

export async function deleteSchool(db: Q, id: string): Promise<void> {
  await db.deleteFrom('schools').where('id', '=', id).returning('id').executeTakeFirstOrThrow();
}

/** The school's name, or undefined. */
export async function schoolName(db: Q, id: string): Promise<string | undefined> {
  return (await db.selectFrom('schools').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** Whether the school is of the rural class today (R11), or undefined when there is no such school. */
export async function schoolIsRural(db: Q, id: string): Promise<boolean | undefined> {
  const s = await db.selectFrom('schools').select(['locality', 'is_weak']).where('id', '=', id).executeTakeFirst();
  return s && isRuralClass(s);
}

/** Every school's externalId by id (exports name schools by externalId). */
export async function schoolExternalIds(db: Q): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['id', 'external_id']).execute();
  return new Map(rows.map((s) => [s.id, s.external_id]));
}

/** Which of the given ids are schools. */
export async function existingSchoolIds(db: Q, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // FOR SHARE, as homeSchools: a school a pin is being written for is not deleted under it
  const rows = await db.selectFrom('schools').select('id').where('id', '=', sql<string>`ANY(${ids}::uuid[])`).forShare().execute();
  return new Set(rows.map((s) => s.id));
}
