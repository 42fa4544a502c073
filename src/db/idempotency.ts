import { type Kysely, sql } from 'kysely';
import type { DB } from './types.js';

/** What a key already holds: the request it was first used for, and its answer once there is one. */
export interface KeyRow {
  request_hash: string;
  state: 'running' | 'done';
  status_code: number | null;
  content_type: string | null;
  body: string | null;
  created_at: Date;
}

/** Claims a key for a request; answers undefined when claimed now, else what the key holds. */
export async function claimKey(db: Kysely<DB>, tokenId: string, key: string, requestHash: string): Promise<KeyRow | undefined> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ token_id: tokenId, key, request_hash: requestHash, state: 'running' })
    .onConflict((oc) => oc.columns(['token_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return undefined;
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'status_code', 'content_type', 'body', 'created_at'])
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .executeTakeFirst() as Promise<KeyRow | undefined>;
}

/** Takes over a claim whose request died while running (its process stopped): only if it is still that one. */
export async function retakeKey(db: Kysely<DB>, tokenId: string, key: string, requestHash: string, startedBefore: Date): Promise<boolean> {
  const r = await db
    .updateTable('idempotency_keys')
    .set({ created_at: sql`now()` })
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .where('request_hash', '=', requestHash)
    .where('state', '=', 'running')
    .where(sql<boolean>`created_at < ${startedBefore.toISOString()}::timestamptz`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishKey(db: Kysely<DB>, tokenId: string, key: string, answer: { statusCode: number; contentType: string | null; body: string }) {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: answer.statusCode, content_type: answer.contentType, body: answer.body })
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .execute();
}

/** A request that failed on the server's side leaves no claim: the client may retry with the same key. */
export async function releaseKey(db: Kysely<DB>, tokenId: string, key: string) {
  await db.deleteFrom('idempotency_keys').where('token_id', '=', tokenId).where('key', '=', key).where('state', '=', 'running').execute();
}

export async function pruneKeys(db: Kysely<DB>, before: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where(sql<boolean>`created_at < ${before.toISOString()}::timestamptz`).execute();
}
