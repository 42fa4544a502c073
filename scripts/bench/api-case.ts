// The whole API path for a proposal, in its own process:
//   tsx scripts/bench/api-case.ts --db pglite|postgres [--teachers 12000]
// Imports the county (not timed), then times POST /plans/:id/proposals until GET /proposals/:id says done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { generateCounty } from '../../src/demo/generate-county.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, engine: { type: 'string', default: 'highs' } } });
const token = 'bench-hr-token-0123456789abcdef';
let dataDir: string | undefined;
let databaseUrl: string | undefined;
let cleanup: () => Promise<void>;
if (values.db === 'postgres') {
  const admin = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rotation_bench_api_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  cleanup = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  };
} else {
  dataDir = mkdtempSync(join(tmpdir(), 'rotation-bench-'));
  cleanup = async () => rmSync(dataDir!, { recursive: true, force: true });
}
const config = loadConfig({ ROTATION_BOOTSTRAP_TOKEN: token, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { ROTATION_DATA_DIR: dataDir }) });
const database = await openDatabase(config);
const app = await buildApp(config, { database, logger: false });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const year = 2027;
const imp = await app.inject({ method: 'PUT', url: '/api/v1/import', headers, payload: JSON.stringify(generateCounty({ seed: 1, teachers: Number(values.teachers), year })) });
if (imp.statusCode !== 200) throw new Error(`import failed ${imp.statusCode}`);
const plan = (await app.inject({ method: 'POST', url: '/api/v1/plans', headers, payload: { year, name: 'bench' } })).json();
const t0 = performance.now();
const req = await app.inject({ method: 'POST', url: `/api/v1/plans/${plan.id}/proposals`, headers, payload: { engine: values.engine } });
if (req.statusCode !== 202) throw new Error(`request failed ${req.statusCode} ${req.body}`);
let p = req.json();
while (p.status === 'queued' || p.status === 'running') {
  await sleep(100);
  p = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers })).json();
}
const seconds = (performance.now() - t0) / 1000;
if (p.status !== 'done') throw new Error(`proposal ${p.status}: ${p.error}`);
const lines = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}/lines?limit=20000`, headers })).json().items.length;
await app.close();
await database.close();
await cleanup();
process.stdout.write(JSON.stringify({ db: values.db, engine: values.engine, seconds: +seconds.toFixed(2), lines, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
