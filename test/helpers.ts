import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

export const HR_TOKEN = 'test-hr-token-0123456789abcdef';

/**
 * A fresh database for one test file: with DATABASE_URL a new PostgreSQL database on that server
 * (dropped on close), otherwise an in-memory PGlite.
 */
export async function openTestDatabase(opts: { migrated?: boolean } = {}): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  let database: Database & { url?: string };
  if (url) {
    const name = `rotation_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const inner = await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://' });
    database = {
      ...inner,
      url: u.toString(),
      close: async () => {
        await inner.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        // the pool has ended; a plain DROP (no FORCE) never kills a connection that is still closing
        for (let attempt = 0; ; attempt++) {
          try {
            await a.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (err) {
            if (attempt >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await a.end();
      },
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  if (opts.migrated !== false) await migrate(database.db);
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url?: string };
  /**
   * The service's clock: the given `now` (or the system clock) moved by `offsetMs`. A test moves it past
   * a notice period (scenario.ts announceAndPublish) instead of sleeping.
   */
  clock: { offsetMs: number; now(): Date };
  close(): Promise<void>;
}

/**
 * The real app on a fresh database, with an hr token HR_TOKEN. Use app.inject(); close() afterwards.
 * opts.logger (e.g. `{ level: 'info', stream }`) logs with the service's own logger options into a test's stream.
 */
export async function buildTestApp(env: Record<string, string> = {}, opts: { logger?: object; now?: () => Date } = {}): Promise<TestApp> {
  return appOn(await openTestDatabase(), env, opts);
}

/** The real app on a given test database, closing both when done. */
async function appOn(database: Database & { url?: string }, env: Record<string, string>, opts: { logger?: object; now?: () => Date } = {}): Promise<TestApp> {
  // on PostgreSQL the app gets the test database's URL, so solves go through pg-boss as in production
  const config = loadConfig({
    ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN,
    LOG_LEVEL: 'silent',
    ROTATION_JOB_MAINTENANCE_SECONDS: '1',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const base = opts.now ?? (() => new Date());
  const clock = { offsetMs: 0, now: () => new Date(base().getTime() + clock.offsetMs) };
  const app = await buildApp(config, { database, logger: opts.logger ?? false, now: clock.now });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const auth = (token: string = HR_TOKEN) => ({ authorization: `Bearer ${token}` });

const MASTER_TABLES = [
  'districts',
  'schools',
  'school_needs',
  'school_pairings',
  'teachers',
  'teacher_exemptions',
  'teacher_preferences',
  'service_records',
  'access_tokens',
  'audit_log',
];
const ALL_TABLES = [...MASTER_TABLES, 'subjects', 'plans', 'proposals', 'proposal_lines', 'line_reviews', 'objections', 'plan_pins', 'plan_exclusions'];

/** Row counts of the given tables in one statement. */
async function counts(database: Database, tables: string[]): Promise<Record<string, number>> {
  const r = await sql<
    Record<string, string | number>
  >`select ${sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(database.db);
  return Object.fromEntries(tables.map((t) => [t, Number(r.rows[0][t])]));
}

/** Row counts of every master-data table and the audit log, to prove a rejected request wrote nothing. */
export const countRows = (database: Database) => counts(database, MASTER_TABLES);

/**
 * Row counts of every table, planning included (plans, proposals, their lines, reviews, pins,
 * exclusions), and the audit log: one statement, so a property test can afford it per run.
 */
export const countAllRows = (database: Database) => counts(database, ALL_TABLES);

// ---- one app per test: a fresh database each, cheap enough to build per test

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A fresh migrated database like openTestDatabase, cheap enough for one per test: on PostgreSQL a
 * new database; on PGlite a copy of a migrated template made once per test process (PGlite's initdb
 * takes seconds to tens of seconds on a busy machine, loading its dump a fraction of that).
 */
export async function openFreshTestDatabase(): Promise<Database & { url?: string }> {
  if (process.env.DATABASE_URL) return openTestDatabase();
  pgliteTemplate ??= (async () => {
    const template = await openDatabase({ dataDir: 'memory://' });
    await migrate(template.db);
    const dump = await template.dump!();
    await template.close();
    return dump;
  })();
  return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate });
}

/** buildTestApp on a database of its own from openFreshTestDatabase: for a test whose state must be its own alone (a plan covers the whole county). */
export async function buildFreshTestApp(env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<TestApp> {
  return appOn(await openFreshTestDatabase(), env, opts);
}
