// One import measurement in its own process, so its peak memory is its own:
//   tsx scripts/bench/import-case.ts --db pglite|postgres --teachers 12000
// Prints one JSON line: seconds for the first import, seconds for the same body again (all unchanged), peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { generateCounty } from '../../src/demo/generate-county.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, seed: { type: 'string', default: '1' } } });
const teachers = Number(values.teachers);
const token = 'bench-hr-token-0123456789abcdef';
const payload = JSON.stringify(generateCounty({ seed: Number(values.seed), teachers }));

let dataDir: string | undefined;
let databaseUrl: string | undefined;
let dropDb: (() => Promise<void>) | undefined;
if (values.db === 'postgres') {
  const admin = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rotation_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  dropDb = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  };
} else {
  dataDir = mkdtempSync(join(tmpdir(), 'rotation-bench-'));
}
const config = loadConfig({ ROTATION_BOOTSTRAP_TOKEN: token, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { ROTATION_DATA_DIR: dataDir }) });
const database = await openDatabase(config);
const app = await buildApp(config, { database, logger: false });
const put = async () => {
  const t0 = performance.now();
  const res = await app.inject({ method: 'PUT', url: '/api/v1/import', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload });
  if (res.statusCode !== 200) throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return { seconds: (performance.now() - t0) / 1000, result: res.json() };
};
const first = await put();
const again = await put();
await app.close();
await database.close();
await dropDb?.();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({
  db: values.db, teachers, bodyMB: +(payload.length / 1048576).toFixed(1),
  seconds: +first.seconds.toFixed(2), reimportSeconds: +again.seconds.toFixed(2),
  unchangedTeachers: again.result.unchanged.teachers,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
