// One import measurement in its own process, so its peak memory is its own:
//   tsx scripts/bench/import-case.ts --db pglite|postgres --teachers 12000
// Prints one JSON line: seconds for the first import, seconds for the same body again (all unchanged), peak RSS.
import { parseArgs } from 'node:util';
import { generateCounty } from '../../src/demo/generate-county.js';
import { benchHeaders, openBenchApp } from './bench-app.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, seed: { type: 'string', default: '1' } } });
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
await close();
process.stdout.write(JSON.stringify({
  db: values.db, teachers, bodyMB: +(payload.length / 1048576).toFixed(1),
  seconds: +first.seconds.toFixed(2), reimportSeconds: +again.seconds.toFixed(2),
  unchangedTeachers: again.result.unchanged.teachers,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
