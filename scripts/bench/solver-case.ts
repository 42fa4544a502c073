// One solver measurement in its own process (peak memory is its own):
//   tsx scripts/bench/solver-case.ts --teachers 12000 --engine highs|jlps [--time-limit 120] [--shape huilai|weihai|mountain|suburban] [--seed 1] [--params JSON]
//     [--itinerant-workers N] (worker threads for the 走教 models; 0 = one after another; default: one per core)
// Shapes: docs/demo-county.md (issue #21 added backlog, ties, leaders). Besides the times it reports how
// the rotation model was solved (rotationVia) and what the proposal does to schools (H12): the largest
// share any school of 10+ teachers loses, and the teachers moved against the R01 quota required.
import { parseArgs } from 'node:util';
import { solve } from '../../solver/index.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { importToSolverInput } from '../lib/import-to-solver-input.js';

const { values } = parseArgs({
  options: {
    teachers: { type: 'string', default: '12000' },
    engine: { type: 'string', default: 'highs' },
    'time-limit': { type: 'string' },
    seed: { type: 'string', default: '1' },
    shape: { type: 'string', default: 'huilai' },
    // plan parameter overrides as JSON, to measure what a rule costs: --params '{"maxLeaderShareRotated":1}'
    params: { type: 'string', default: '{}' },
    'itinerant-workers': { type: 'string' },
  },
});
const input = importToSolverInput(
  generateCounty({ seed: Number(values.seed), teachers: Number(values.teachers), year: 2027, shape: values.shape as ShapeName }),
  2027,
);
input.engine = values.engine as 'highs' | 'jlps';
input.parameters = { ...input.parameters, ...JSON.parse(values.params) };
if (values['time-limit']) input.timeLimitSeconds = Number(values['time-limit']);
const t0 = performance.now();
const iw = values['itinerant-workers'];
const r = await solve(input, iw === undefined ? {} : { itinerantWorkers: Number(iw) });
const totalMs = performance.now() - t0;
/** H12 (issue #21): the largest share a school of 10+ teachers loses, and moves against the quota (county figures of the report). */
function losses() {
  const big = r.compliance.losses.filter((l) => l.teachers >= 10);
  const worst = big[0] ?? null;
  return {
    largestLossShare: worst ? +worst.share.toFixed(3) : 0,
    largestLoss: worst ? `${worst.leaving}/${worst.teachers}` : '0',
    schoolsAboveCap: r.compliance.violations.filter((v) => v.rule === 'H12').length,
    quotaRequired: r.compliance.county.required,
    rotatedToReceiving: r.compliance.county.proposed,
    leavingAll: r.compliance.losses.reduce((n, l) => n + l.leaving, 0),
  };
}
process.stdout.write(
  JSON.stringify({
    teachers: input.teachers.length,
    shape: values.shape,
    schools: input.schools.length,
    engine: r.stats.engine,
    variables: r.stats.variables,
    constraints: r.stats.constraints,
    buildMs: r.stats.buildMs,
    solveMs: r.stats.solveMs,
    rotationMs: r.stats.rotationSolveMs,
    itinerantMs: r.stats.itinerantSolveMs,
    phasesMs: r.stats.phasesMs,
    totalMs: Math.round(totalMs),
    gap: r.stats.gap,
    optimal: r.stats.optimal,
    rotationVia: r.stats.rotationVia ?? null,
    integerVariables: r.stats.integerVariables,
    ...losses(),
    lines: r.lines.length,
    violations: r.compliance.violations.length,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
