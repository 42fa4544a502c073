// The whole API path for a proposal, in its own process:
//   tsx scripts/bench/api-case.ts --db pglite|postgres [--teachers 12000]
// Imports the county (not timed), then times POST /plans/:id/proposals until GET /proposals/:id says done.
import { parseArgs } from 'node:util';
import { benchHeaders, importCountyAndPlan, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, engine: { type: 'string', default: 'highs' } } });
const { app, close } = await openBenchApp(values.db);
const { planId } = await importCountyAndPlan(app, Number(values.teachers), 2027);
const t0 = performance.now();
const p = await proposeAndWait(app, planId, values.engine);
const seconds = (performance.now() - t0) / 1000;
const lines = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}/lines?limit=20000`, headers: benchHeaders })).json().items.length;
await close();
process.stdout.write(JSON.stringify({ db: values.db, engine: values.engine, seconds: +seconds.toFixed(2), lines, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
