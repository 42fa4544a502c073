import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The version (ETag, migration 0023) of a district, school or teacher, or undefined when there is none. */
export async function rowVersion(db: Q, table: 'districts' | 'schools' | 'teachers', id: string): Promise<number | undefined> {
  const r = await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
  return r?.version;
}
