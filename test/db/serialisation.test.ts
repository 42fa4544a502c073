import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers.js';

/**
 * PGlite is one connection: two interleaved transactions on it would share one BEGIN…COMMIT, and
 * one's ROLLBACK would silently undo the other's rows. The dialect serialises every access. These
 * tests hold on both databases; on PGlite they fail if the serialisation is removed.
 */
describe('concurrent transactions stay isolated', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.close());

  const countOf = async (q: Database['db'], ext: string) =>
    Number(
      (
        await q
          .selectFrom('districts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('external_id', '=', ext)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a rollback of one transaction keeps the other committed rows, and neither sees the other uncommitted rows', async () => {
    const db = database.db;
    const seen: Record<string, number> = {};
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('districts').values({ external_id: 'TX-A', code: 'TX-A', name: 'A' }).execute();
      await sleep(30); // let the other transaction run now, if it can
      seen.aSeesB = await countOf(trx, 'TX-B');
      throw new Error('roll back A');
    });
    const succeeding = db.transaction().execute(async (trx) => {
      await trx.insertInto('districts').values({ external_id: 'TX-B', code: 'TX-B', name: 'B' }).execute();
      seen.bSeesA = await countOf(trx, 'TX-A');
      await sleep(30);
    });
    const results = await Promise.allSettled([failing, succeeding]);
    expect(results[0].status).toBe('rejected');
    expect(results[1].status).toBe('fulfilled');
    expect(seen).toEqual({ aSeesB: 0, bSeesA: 0 });
    expect(await countOf(db, 'TX-A')).toBe(0);
    expect(await countOf(db, 'TX-B')).toBe(1);
  });

  it('a plain query during a transaction never sees its uncommitted rows', async () => {
    const db = database.db;
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('districts').values({ external_id: 'TX-C', code: 'TX-C', name: 'C' }).execute();
      await sleep(30);
      throw new Error('roll back C');
    });
    // handled now: the transaction may end (rolled back) while the query below still waits for its answer
    const txOutcome = tx.then(
      () => 'committed',
      (err: Error) => err.message,
    );
    await sleep(5);
    const outside = await countOf(db, 'TX-C');
    expect(await txOutcome).toBe('roll back C');
    expect(outside).toBe(0);
    expect(await countOf(db, 'TX-C')).toBe(0);
  });

  it('twenty overlapping transactions, every other one rolled back, leave exactly the committed ten', async () => {
    const db = database.db;
    const runs = Array.from({ length: 20 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('districts')
          .values({ external_id: `MANY-${i}`, code: `MANY-${i}`, name: `m${i}` })
          .execute();
        await sleep(i % 3);
        if (i % 2) throw new Error(`roll back ${i}`);
      }),
    );
    const results = await Promise.allSettled(runs);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const rows = await db.selectFrom('districts').select('external_id').where('external_id', 'like', 'MANY-%').execute();
    expect(rows.map((r) => r.external_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `MANY-${i * 2}`).sort());
  });
});
