import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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
  close(): Promise<void>;
}

/** The real app on a fresh database, with an hr token HR_TOKEN. Use app.inject(); close() afterwards. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // on PostgreSQL the app gets the test database's URL, so solves go through pg-boss as in production
  const config = loadConfig({ ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN, LOG_LEVEL: 'silent', ROTATION_JOB_MAINTENANCE_SECONDS: '1', ...(database.url ? { DATABASE_URL: database.url } : {}), ...env });
  const app = await buildApp(config, { database, logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const auth = (token: string = HR_TOKEN) => ({ authorization: `Bearer ${token}` });

/** Row counts of every master-data table, to prove a rejected request wrote nothing. */
export async function countRows(database: Database): Promise<Record<string, number>> {
  const tables = ['districts', 'schools', 'school_needs', 'school_pairings', 'teachers', 'teacher_exemptions', 'teacher_preferences', 'service_records', 'access_tokens', 'audit_log'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
