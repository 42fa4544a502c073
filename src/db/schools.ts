import type { Kysely, Transaction } from 'kysely';
import { toSchool } from './mappers.js';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB, SchoolRow } from './types.js';
import type { School } from '../schemas/master-data.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Loads needs and pairings (both directions) of the given school rows and maps them to API shapes. */
export async function hydrateSchools(db: Q, rows: SchoolRow[]): Promise<School[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [needs, pairs] = await Promise.all([
    db.selectFrom('school_needs').selectAll().where('school_id', 'in', ids).execute(),
    db.selectFrom('school_pairings').selectAll()
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
  p: { limit: number; cursor?: string; offset?: number; districtId?: string; q?: string; onlyId?: string; locality?: string; stage?: string },
) {
  let query = db.selectFrom('schools').selectAll().orderBy('external_id').limit(p.limit + 1);
  if (p.cursor) query = query.where('external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  if (p.districtId) query = query.where('district_id', '=', p.districtId);
  if (p.onlyId) query = query.where('id', '=', p.onlyId);
  if (p.locality) query = query.where('locality', '=', p.locality);
  if (p.stage) query = query.where('stage', '=', p.stage);
  if (p.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${p.q}%`), eb('code', 'ilike', `%${p.q}%`)]));
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
      await trx.insertInto('school_needs')
        .values(needs.map((n) => ({ school_id: schoolId, subject: n.subject, teachers: n.teachers, weekly_hours: n.weeklyHours })))
        .execute();
    }
  }
  if (pairedSchoolIds) {
    await trx.deleteFrom('school_pairings')
      .where((eb) => eb.or([eb('school_id', '=', schoolId), eb('paired_school_id', '=', schoolId)]))
      .execute();
    const unique = [...new Set(pairedSchoolIds)].filter((id) => id !== schoolId);
    if (unique.length) {
      await trx.insertInto('school_pairings').values(unique.map((id) => ({ school_id: schoolId, paired_school_id: id }))).execute();
    }
  }
}
