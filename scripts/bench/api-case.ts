// The whole API path for a proposal, in its own process:
//   tsx scripts/bench/api-case.ts --db pglite|postgres [--teachers 12000]
// Imports the county (not timed), then times POST /plans/:id/proposals until GET /proposals/:id says done.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { generateCounty } from '../../src/demo/generate-county.js';
import { benchHeaders, openBenchApp } from './bench-app.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, engine: { type: 'string', default: 'highs' } } });
const { app, close } = await openBenchApp(values.db);
const headers = benchHeaders;
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
await close();
process.stdout.write(JSON.stringify({ db: values.db, engine: values.engine, seconds: +seconds.toFixed(2), lines, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
