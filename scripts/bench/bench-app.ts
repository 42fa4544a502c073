import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { generateCounty } from '../../src/demo/generate-county.js';

export const BENCH_TOKEN = 'bench-hr-token-0123456789abcdef';
export const benchHeaders = { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' };

/**
 * The real service on a fresh database for one benchmark case: a new PostgreSQL database on
 * PG_BENCH_URL's server, or a PGlite folder on disk (the embedded default, in its own thread unless
 * `pgliteOnThisThread`). close() removes it.
 */
export async function openBenchApp(
  db: string,
  opts: { pgliteOnThisThread?: boolean } = {},
): Promise<{ app: FastifyInstance; clock: { offsetMs: number }; close: () => Promise<void> }> {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  if (db === 'postgres') {
    const admin = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `rotation_bench_${process.pid}`;
    const sqlOn = async (text: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(text);
      await c.end();
    };
    await sqlOn(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sqlOn(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    env = { DATABASE_URL: u.toString() };
    drop = () => sqlOn(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'rotation-bench-'));
    env = { ROTATION_DATA_DIR: dir };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({ ROTATION_BOOTSTRAP_TOKEN: BENCH_TOKEN, LOG_LEVEL: 'silent', ...env });
  // the load bench's "before" rows: PGlite on the HTTP thread, as it ran before issue #18
  const database = await openDatabase({ ...config, pgliteOnThisThread: opts.pgliteOnThisThread === true });
  // the service's clock, moved past each 公示 notice period by the year-after-year case (issue #12)
  const clock = { offsetMs: 0 };
  const app = await buildApp(config, { database, logger: false, now: () => new Date(Date.now() + clock.offsetMs) });
  return {
    app,
    clock,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Imports the generated county (seed 1) and creates a plan for the year; neither is timed. */
export async function importCountyAndPlan(app: FastifyInstance, teachers: number, year: number): Promise<{ planId: string }> {
  const imp = await app.inject({
    method: 'PUT',
    url: '/api/v1/import',
    headers: benchHeaders,
    payload: JSON.stringify(generateCounty({ seed: 1, teachers, year })),
  });
  if (imp.statusCode !== 200) throw new Error(`import failed ${imp.statusCode}`);
  const plan = await app.inject({ method: 'POST', url: '/api/v1/plans', headers: benchHeaders, payload: { year, name: 'bench' } });
  if (plan.statusCode !== 201) throw new Error(`plan failed ${plan.statusCode} ${plan.body}`);
  return { planId: plan.json().id };
}

/** Requests a proposal and polls it, as a client would, until it leaves queued/running; throws unless done. */
export async function proposeAndWait(app: FastifyInstance, planId: string, engine = 'highs'): Promise<{ id: string }> {
  const req = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: benchHeaders, payload: { engine } });
  if (req.statusCode !== 202) throw new Error(`request failed ${req.statusCode} ${req.body}`);
  let p = req.json();
  while (p.status === 'queued' || p.status === 'running') {
    await sleep(100);
    p = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers: benchHeaders })).json();
  }
  if (p.status !== 'done') throw new Error(`proposal ${p.status}: ${p.error}`);
  return p;
}
