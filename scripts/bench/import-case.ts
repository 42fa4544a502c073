// One import measurement in its own process, so its peak memory is its own:
//   tsx scripts/bench/import-case.ts --db pglite|postgres --teachers 12000
// Prints one JSON line: seconds for the first import, seconds for the same body again (all unchanged), peak RSS,
// and how /healthz fares while the same roster with every teacher bad is checked (issue 9 §3): the slowest
// /healthz answer and how many answered while that import ran (they are asked one after another).
import { parseArgs } from 'node:util';
import { generateCounty } from '../../src/demo/generate-county.js';
import { benchHeaders, openBenchApp } from './bench-app.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, seed: { type: 'string', default: '1' } },
});
const teachers = Number(values.teachers);
const payload = JSON.stringify(generateCounty({ seed: Number(values.seed), teachers }));

const { app, close } = await openBenchApp(values.db);
const put = async () => {
  const t0 = performance.now();
  const res = await app.inject({ method: 'PUT', url: '/api/v1/import', headers: benchHeaders, payload });
  if (res.statusCode !== 200) throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return { seconds: (performance.now() - t0) / 1000, result: res.json() };
};
const first = await put();
const again = await put();

// the same roster with every teacher bad: a 400 listing the first 1,000 problems, while /healthz keeps answering
const county = JSON.parse(payload) as { teachers: Record<string, unknown>[] };
for (const t of county.teachers) t.gender = 'X';
const badPayload = JSON.stringify(county);
let badDone = false;
const t0 = performance.now();
const bad = app.inject({ method: 'PUT', url: '/api/v1/import', headers: benchHeaders, payload: badPayload }).then((res) => {
  badDone = true;
  return { status: res.statusCode, seconds: (performance.now() - t0) / 1000, bodyKB: res.body.length / 1024 };
});
let healthzMaxMs = 0;
let healthzAnswered = 0;
// /healthz over real HTTP, as a load balancer asks it (an inject loop could run on microtasks alone and starve the import)
const base = await app.listen({ port: 0, host: '127.0.0.1' });
while (!badDone) {
  const h0 = performance.now();
  const res = await fetch(`${base}/healthz`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  if (!badDone) {
    healthzAnswered++;
    healthzMaxMs = Math.max(healthzMaxMs, performance.now() - h0);
  }
}
const badImport = await bad;
if (badImport.status !== 400) throw new Error(`bad import answered ${badImport.status}`);
await close();
process.stdout.write(
  JSON.stringify({
    db: values.db,
    teachers,
    bodyMB: +(payload.length / 1048576).toFixed(1),
    seconds: +first.seconds.toFixed(2),
    reimportSeconds: +again.seconds.toFixed(2),
    unchangedTeachers: again.result.unchanged.teachers,
    badImportSeconds: +badImport.seconds.toFixed(2),
    badImportAnswerKB: Math.round(badImport.bodyKB),
    healthzDuringBadImportMaxMs: Math.round(healthzMaxMs),
    healthzAnsweredDuringBadImport: healthzAnswered,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
