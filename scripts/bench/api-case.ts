// The whole API path for a proposal, in its own process:
//   tsx scripts/bench/api-case.ts --db pglite|postgres [--teachers 12000] [--shape huilai|weihai|mountain|suburban]
// Imports the county (not timed), then times POST /plans/:id/proposals until GET /proposals/:id says done.
import { parseArgs } from 'node:util';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { benchHeaders, importCountyAndPlan, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    teachers: { type: 'string', default: '12000' },
    engine: { type: 'string', default: 'highs' },
    shape: { type: 'string', default: 'huilai' },
  },
});
const { app, close } = await openBenchApp(values.db);
const YEAR = 2027;
const teachers = Number(values.teachers);
let planId: string;
if (values.shape === 'huilai') ({ planId } = await importCountyAndPlan(app, teachers, YEAR));
else {
  // another county shape (seed 1, as importCountyAndPlan uses): imported and planned the same way, not timed
  const imp = await app.inject({
    method: 'PUT',
    url: '/api/v1/import',
    headers: benchHeaders,
    payload: JSON.stringify(generateCounty({ seed: 1, teachers, year: YEAR, shape: values.shape as ShapeName })),
  });
  if (imp.statusCode !== 200) throw new Error(`import failed ${imp.statusCode} ${imp.body.slice(0, 300)}`);
  const plan = await app.inject({ method: 'POST', url: '/api/v1/plans', headers: benchHeaders, payload: { year: YEAR, name: 'bench' } });
  if (plan.statusCode !== 201) throw new Error(`plan failed ${plan.statusCode} ${plan.body}`);
  planId = plan.json().id;
}
// issue #13: the service's memory while it solves (sampled), apart from the import's peak before it
const rssBeforeMB = Math.round(process.memoryUsage.rss() / 2 ** 20);
let solvePeak = 0;
const sampler = setInterval(() => {
  solvePeak = Math.max(solvePeak, process.memoryUsage.rss());
}, 20);
const t0 = performance.now();
const p = await proposeAndWait(app, planId, values.engine);
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const lines = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}/lines?limit=20000`, headers: benchHeaders })).json().items.length;
await close();
process.stdout.write(
  JSON.stringify({
    db: values.db,
    shape: values.shape,
    engine: values.engine,
    seconds: +seconds.toFixed(2),
    // where the time went (issue #13), as the proposal's stats say
    phasesMs: (p as { stats?: { phasesMs?: unknown } }).stats?.phasesMs,
    lines,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeSolveMB: rssBeforeMB,
    peakRssDuringSolveMB: Math.round(solvePeak / 2 ** 20),
  }) + '\n',
);
