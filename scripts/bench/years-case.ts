// Year after year (issue 11), in its own process:
//   tsx scripts/bench/years-case.ts [--teachers 6000] [--seed 7] [--shape huilai|weihai|mountain|suburban] [--years 5] [--first-year 2027] [--db pglite|postgres]
//     [--ledger changed|full] [--examples N]
// The ledger has no bulk read, so reading it is one request per teacher. --ledger full reads every
// teacher's ledger every year; the default (changed) reads every ledger once after the import and
// then, after each publish, again for the teachers on the published lines (publishing is the only
// write this run makes to the ledger), which keeps a 6,000-teacher run to minutes.
// A generated county is imported once; then for each consecutive year a plan is created, a proposal
// requested and awaited, the independent checker (test/years/checker.ts, which shares no code with
// solver/ or src/) run on what the API answers, and the proposal published, so next year plans
// against the ledger this year wrote. One JSON line per year (figures and the count of each kind of
// finding), then a last line with everything.
import { parseArgs } from 'node:util';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { ApiReader } from '../../test/years/api-reader.js';
import { checkYear, type Finding, type YearReport } from '../../test/years/checker.js';
import { BENCH_TOKEN, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    teachers: { type: 'string', default: '6000' },
    seed: { type: 'string', default: '7' },
    shape: { type: 'string', default: 'huilai' },
    years: { type: 'string', default: '5' },
    'first-year': { type: 'string', default: '2027' },
    engine: { type: 'string', default: 'highs' },
    examples: { type: 'string', default: '0' },
    ledger: { type: 'string', default: 'changed' },
  },
});

const seed = Number(values.seed);
const teachers = Number(values.teachers);
const firstYear = Number(values['first-year']);
const t0 = performance.now();
const { app, clock, close } = await openBenchApp(values.db);
const years: Record<string, unknown>[] = [];
try {
  // announce, move the service's clock past the notice period, publish (issue #12)
  const api = new ApiReader(app, BENCH_TOKEN, (until) => {
    clock.offsetMs += Date.parse(`${until}T12:00:00+08:00`) + 86_400_000 - (Date.now() + clock.offsetMs);
  });
  await api.call('PUT', '/import', generateCounty({ seed, teachers, year: firstYear, shape: values.shape as ShapeName }));
  for (let year = firstYear; year < firstYear + Number(values.years); year++) {
    const y0 = performance.now();
    const plan = await api.call('POST', '/plans', { year, name: `years-${year}` });
    const proposal = await proposeAndWait(app, plan.id, values.engine);
    const solveSeconds = (performance.now() - y0) / 1000;
    const c0 = performance.now();
    const input = await api.readYear(year, plan.id, proposal.id, values.ledger === 'full' ? 'full' : 'changed');
    const { ledgerReads, lines, compliance } = input;
    const report: YearReport = checkYear(input);
    const checkSeconds = (performance.now() - c0) / 1000;
    await api.publish(proposal.id, lines);
    const examples: Record<string, Finding[]> = {};
    for (const f of report.findings) {
      const list = examples[f.kind] ?? [];
      examples[f.kind] = list;
      if (list.length < Number(values.examples)) list.push(f);
    }
    const hardRules: Record<string, number> = { R08: 0, R11: 0, R16: 0 };
    for (const f of report.findings) if (f.kind === 'hardRuleUnreported' && f.rule) hardRules[f.rule]++;
    const out = {
      seed,
      ...report.figures,
      hardRules,
      lines: lines.length,
      violations: compliance.violations.length,
      findings: report.counts,
      ledgerReads,
      solveSeconds: +solveSeconds.toFixed(1),
      checkSeconds: +checkSeconds.toFixed(1),
      ...(Number(values.examples) ? { examples } : {}),
    };
    years.push(out);
    process.stdout.write(JSON.stringify(out) + '\n');
  }
} finally {
  await close();
}
process.stdout.write(
  JSON.stringify({
    seed,
    teachers,
    db: values.db,
    seconds: +((performance.now() - t0) / 1000).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    years,
  }) + '\n',
);
