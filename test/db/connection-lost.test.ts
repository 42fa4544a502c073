import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, isConnectionLost } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** What a statement on the database throws, or undefined. */
async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err;
  }
}

/**
 * Issue #18: which errors mean "the database connection was lost" (a request answers 503 and a solve
 * is retried) and which are the request's own (4xx, or 500). The errors are node-postgres's and
 * PGlite's own where they can be produced here; the SQLSTATEs a test cannot provoke (a crash, a
 * server starting up) are given in the shape pg-protocol parses them into.
 */
describe('isConnectionLost', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it('a refused connection (ECONNREFUSED) is lost; a division by zero and a syntax error are not', async () => {
    const refused = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'postgres' });
    const err = await thrown(refused.connect());
    expect((err as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isConnectionLost(err)).toBe(true);

    const divide = await thrown(sql`SELECT 1/0`.execute(database.db));
    expect((divide as { code?: string }).code).toBe('22012');
    expect(isConnectionLost(divide)).toBe(false);
    const syntax = await thrown(sql`SELEC 1`.execute(database.db));
    expect(isConnectionLost(syntax)).toBe(false);
  });

  it.skipIf(!onPostgres)('PostgreSQL: a terminated session (57P01) and a database that does not exist (FATAL at connect) are lost', async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const seen: unknown[] = [];
    victim.on('error', (e) => seen.push(e));
    await victim.connect();
    const query = thrown(victim.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    const err = await query;
    expect(err).toBeDefined();
    expect(isConnectionLost(err)).toBe(true);
    await victim.end().catch(() => undefined);

    const u = new URL(process.env.DATABASE_URL as string);
    u.pathname = '/no_such_database_for_this_test';
    const missing = new pg.Client({ connectionString: u.toString() });
    const fatal = await thrown(missing.connect());
    expect((fatal as { severity?: string }).severity).toBe('FATAL');
    expect(isConnectionLost(fatal)).toBe(true);
  });

  it('the SQLSTATEs of a lost session, as pg-protocol gives them, and node-postgres messages', () => {
    const dbError = (code: string, severity: string) => Object.assign(new Error(`sqlstate ${code}`), { code, severity });
    for (const [code, severity] of [
      ['57P01', 'FATAL'],
      ['57P02', 'FATAL'],
      ['57P03', 'FATAL'],
      ['08006', 'FATAL'],
      ['08000', 'ERROR'],
      ['08003', 'ERROR'],
      ['53300', 'FATAL'],
      ['55000', 'FATAL'],
    ])
      expect(isConnectionLost(dbError(code, severity)), code).toBe(true);
    // the same class of SQLSTATE as an ordinary statement error is the request's own
    for (const [code, severity] of [
      ['55000', 'ERROR'],
      ['23505', 'ERROR'],
      ['40P01', 'ERROR'],
      ['57014', 'ERROR'],
    ])
      expect(isConnectionLost(dbError(code, severity)), code).toBe(false);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionLost(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'EPIPE' }) }))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly, said a teacher'))).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
    expect(isConnectionLost('Connection terminated unexpectedly')).toBe(false);
  });
});
