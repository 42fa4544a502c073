import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers.js';

/**
 * Issue #18 point 3: the embedded database (PGlite, WebAssembly) computes synchronously; run on the
 * HTTP thread, one slow statement stalled every request, those that need no database included (50
 * principals at once waited 10-20 s). It runs in a thread of its own now (src/db/pglite-thread.ts).
 * Ordering, not timing: work queued on the event loop after a slow statement started must finish
 * before that statement does. On PostgreSQL the statement runs in the server, so the same holds.
 */
describe('the event loop stays free while the database works (#18)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // the first /openapi.json builds the document: done here, so the ordering below is about the database alone
    expect((await t.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  /** A statement that keeps the database busy for a while (a second or more on a busy machine), on either engine. */
  const slowStatement = () => sql`SELECT count(*) AS n FROM generate_series(1, 1000000) g WHERE g % 7 = 3`.execute(t.database.db);

  it('a timer and a request that needs no database both finish before a slow statement does', async () => {
    const order: string[] = [];
    const slow = slowStatement().then((r) => {
      order.push('slow statement');
      return r;
    });
    const immediate = new Promise<void>((resolve) => setImmediate(resolve)).then(() => order.push('setImmediate'));
    const request = t.app.inject({ method: 'GET', url: '/openapi.json' }).then((res) => order.push(`GET /openapi.json ${res.statusCode}`));
    const [result] = await Promise.all([slow, immediate, request]);
    expect(Number((result.rows[0] as { n: number | string }).n)).toBe(142857);
    // the timer and the request, in either order, then the statement (on the HTTP thread the statement came first)
    expect(order.slice(0, 2).sort()).toEqual(['GET /openapi.json 200', 'setImmediate']);
    expect(order[2]).toBe('slow statement');
  });

  it('the database answers again after the slow statement, in order', async () => {
    const first = slowStatement();
    const second = sql<{ one: number }>`SELECT 1 AS one`.execute(t.database.db);
    const order: string[] = [];
    await Promise.all([first.then(() => order.push('slow')), second.then(() => order.push('one'))]);
    // on PGlite one serialised path: the later statement waits for the earlier one; on PostgreSQL the pool runs them side by side
    if (!process.env.DATABASE_URL) expect(order).toEqual(['slow', 'one']);
    expect(Number((await second).rows[0].one)).toBe(1);
  });
});
