import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '../../solver/index.js';
import { generateCounty } from '../../src/demo/generate-county.js';
import { importToSolverInput } from '../lib/import-to-solver-input.js';

/** One county of the prefecture: generate, solve, report. */
const { county, teachers } = workerData as { county: number; teachers: number };
const input = importToSolverInput(generateCounty({ seed: 100 + county, teachers, year: 2027, prefix: `C${county}-` }), 2027);
const r = await solve(input);
parentPort!.postMessage({
  county,
  teachers,
  buildMs: r.stats.buildMs,
  solveMs: r.stats.solveMs,
  gap: r.stats.gap,
  optimal: r.stats.optimal,
  lines: r.lines.length,
});
