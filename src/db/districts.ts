import type { Kysely, Transaction } from 'kysely';
import type { District } from '../domain.js';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB, DistrictRow } from './types.js';
import { containsPattern } from './like.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of 学区 districts. */
export function toDistrict(r: DistrictRow): District {
  return { id: r.id, externalId: r.external_id, code: r.code, name: r.name };
}

export async function listDistricts(db: Q, p: { limit: number; cursor?: string; offset?: number; q?: string }) {
  let query = db
    .selectFrom('districts')
    .selectAll()
    .orderBy('external_id')
    .limit(p.limit + 1);
  if (p.cursor) query = query.where('external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  if (p.q) {
    const pattern = containsPattern(p.q);
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('code', 'ilike', pattern)]));
  }
  const page = pageFrom(await query.execute(), p.limit);
  return { items: page.rows.map(toDistrict), nextCursor: page.nextCursor };
}

export async function getDistrict(db: Q, id: string): Promise<District | undefined> {
  const row = await db.selectFrom('districts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDistrict(row);
}

export async function insertDistrict(db: Q, d: { externalId: string; code: string; name: string }): Promise<District> {
  return toDistrict(
    await db.insertInto('districts').values({ external_id: d.externalId, code: d.code, name: d.name }).returningAll().executeTakeFirstOrThrow(),
  );
}

/** undefined leaves a column unchanged; the district, or undefined when there is none with that id */
export async function updateDistrict(db: Q, id: string, d: { externalId?: string; code?: string; name?: string }): Promise<District | undefined> {
  const row = await db
    .updateTable('districts')
    .set({ external_id: d.externalId, code: d.code, name: d.name, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toDistrict(row);
}

/** The district's row locked for a delete (its id, externalId and name), or undefined. */
export async function lockDistrict(db: Q, id: string) {
  const d = await db.selectFrom('districts').select(['id', 'external_id', 'name', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
  return d && { id: d.id, externalId: d.external_id, name: d.name, version: d.version };
}

export async function deleteDistrict(db: Q, id: string): Promise<void> {
  await db.deleteFrom('districts').where('id', '=', id).returning('id').executeTakeFirstOrThrow();
}
