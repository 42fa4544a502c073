import type { Kysely, Transaction } from 'kysely';
import { decodeCursor, pageFrom } from './paging.js';
import type { DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function listDistricts(db: Q, p: { limit: number; cursor?: string; offset?: number; q?: string }) {
  let query = db.selectFrom('districts').selectAll().orderBy('external_id').limit(p.limit + 1);
  if (p.cursor) query = query.where('external_id', '>', decodeCursor(p.cursor));
  else if (p.offset) query = query.offset(p.offset);
  if (p.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${p.q}%`), eb('code', 'ilike', `%${p.q}%`)]));
  return pageFrom(await query.execute(), p.limit);
}

export async function getDistrict(db: Q, id: string) {
  return db.selectFrom('districts').selectAll().where('id', '=', id).executeTakeFirst();
}
