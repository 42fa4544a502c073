// One solver measurement in its own process (peak memory is its own):
//   tsx scripts/bench/solver-case.ts --teachers 12000 --engine highs|jlps [--time-limit 120] [--shape huilai|weihai|mountain|suburban] [--seed 1] [--params JSON]
//     [--itinerant-workers N] (worker threads for the 走教 models; 0 = one after another; default: one per core)
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
    lines: r.lines.length,
    violations: r.compliance.violations.length,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
