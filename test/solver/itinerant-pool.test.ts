import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import { importToSolverInput } from '../../scripts/lib/import-to-solver-input.js';
import { generateCounty } from '../../src/demo/generate-county.js';
import { solveInWorker } from '../../src/services/solve-in-worker.js';

/**
 * Issue #13: the 走教 model of each 学区 is solved on a pool of worker threads. The pool must change
 * nothing but the wall time: the same lines, slacks and uncovered hours as one district after another.
 */
describe('走教 on worker threads', () => {
  it('gives the same lines as the sequential solve, also when the solve itself runs on a worker thread', async () => {
    const input = importToSolverInput(generateCounty({ seed: 3, teachers: 1500, year: 2027, shape: 'mountain' }), 2027);
    const sequential = await solve(input, { itinerantWorkers: 0 });
    const itinerant = sequential.lines.filter((l) => l.kind === 'itinerant');
    // the comparison means something only if several districts have 走教 lines to merge
    expect(sequential.stats.itinerantModels).toBeGreaterThan(2);
    expect(new Set(itinerant.map((l) => input.schools.find((s) => s.id === l.toSchoolId)!.districtId)).size).toBeGreaterThan(2);

    // nested: the service solves on a worker thread, and that thread starts the pool
    const pooled = await solveInWorker(input, () => {}, { itinerantWorkers: 2 }).result;
    expect(sequential.stats.itinerantWorkers).toBe(0);
    expect(pooled.stats.itinerantWorkers).toBe(2);
    expect(pooled.lines).toEqual(sequential.lines);
    expect(pooled.compliance).toEqual(sequential.compliance);
    expect(pooled.stats.objective).toBe(sequential.stats.objective);
  });
});
