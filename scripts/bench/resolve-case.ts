// A re-solve through the API after one pin or one exclusion (issue #13), in its own process:
//   tsx scripts/bench/resolve-case.ts --db pglite|postgres [--teachers 12000] [--shape huilai|weihai|mountain|suburban]
// Imports the county and solves v1 (not timed), then as HR would: PUT one pin, request v2 and poll it
// to done (timed); PUT one exclusion instead, request v3 and poll it to done (timed). The pin and the
// exclusion are chosen as the churn bench chooses them (scripts/lib/churn.ts).
import { parseArgs } from 'node:util';
import type { Line, SolverInput } from '../../solver/types.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { churnEdits } from '../lib/churn.js';
import { benchHeaders, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    teachers: { type: 'string', default: '12000' },
    shape: { type: 'string', default: 'huilai' },
  },
});
const { app, close } = await openBenchApp(values.db);
const YEAR = 2027;
const call = async (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) => {
  const res = await app.inject({ method, url: `/api/v1${url}`, headers: benchHeaders, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
};
await call('PUT', '/import', generateCounty({ seed: 1, teachers: Number(values.teachers), year: YEAR, shape: values.shape as ShapeName }));
const planId: string = (await call('POST', '/plans', { year: YEAR, name: 'bench' })).id;
const v1 = await proposeAndWait(app, planId);
const input = (await call('GET', `/proposals/${v1.id}/snapshot`)).input as SolverInput;
const lines = (await call('GET', `/proposals/${v1.id}/lines?limit=20000`)).items as Line[];
const edits = churnEdits(input, lines);

type Timed = { seconds: number; phasesMs: unknown; changedLines: number | null };
const resolve = async (body: { pin: unknown[]; exclude: unknown[] }): Promise<Timed> => {
  await call('PUT', `/plans/${planId}/pins`, body);
  const t0 = performance.now();
  const p = (await proposeAndWait(app, planId)) as { id: string; stats?: { phasesMs?: unknown } };
  const seconds = +((performance.now() - t0) / 1000).toFixed(2);
  const diff = await call('GET', `/proposals/${p.id}/diff?against=${v1.id}`).catch(() => null);
  return { seconds, phasesMs: p.stats?.phasesMs, changedLines: diff ? diff.added.length + diff.removed.length + diff.changed.length : null };
};
const pin = await resolve({ pin: [edits.pin], exclude: [] });
const exclusion = await resolve({ pin: [], exclude: [edits.exclusion] });
await close();
process.stdout.write(
  JSON.stringify({
    db: values.db,
    shape: values.shape,
    teachers: input.teachers.length,
    pin,
    exclusion,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
