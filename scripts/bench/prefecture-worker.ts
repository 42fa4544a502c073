import { parentPort } from 'node:worker_threads';
import { solve } from '../../solver/index.js';
import { generateCounty } from '../../src/demo/generate-county.js';
import { importToSolverInput } from '../lib/import-to-solver-input.js';

/**
 * One lane of the prefecture: counties one after another on this thread, as the service's kept solver
 * thread takes its proposals (issue #13). Each county is generated here (the stand-in for loading it
 * from the database, timed apart), solved, and reported.
 */
parentPort!.on('message', async ({ county, teachers }: { county: number; teachers: number }) => {
  const t0 = performance.now();
  const input = importToSolverInput(generateCounty({ seed: 100 + county, teachers, year: 2027, prefix: `C${county}-` }), 2027);
  const generateMs = Math.round(performance.now() - t0);
  const r = await solve(input);
  parentPort!.postMessage({
    county,
    teachers,
    generateMs,
    buildMs: r.stats.buildMs,
    solveMs: r.stats.solveMs,
    gap: r.stats.gap,
    optimal: r.stats.optimal,
    lines: r.lines.length,
  });
});
