import { describe, expect, it } from 'vitest';
import { importToSolverInput } from '../../scripts/lib/import-to-solver-input.js';
import { Context } from '../../solver/context.js';
import { LP_FIRST_MIN_INTEGERS, type LpModel, solveLp } from '../../solver/lp.js';
import { resolveParameters } from '../../solver/parameters.js';
import { buildRotationModel } from '../../solver/rotation.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';

/** Every row and bound of the model holds for the values, and every integer variable is whole (written here, not taken from the solver). */
function violations(lp: LpModel, x: Float64Array): string[] {
  const out: string[] = [];
  const tol = 1e-6;
  for (let v = 0; v < lp.numVars; v++) {
    if (x[v] < lp.lb[v] - tol || x[v] > lp.ub[v] + tol) out.push(`bound of variable ${v}: ${x[v]}`);
    if (lp.integer[v] && Math.abs(x[v] - Math.round(x[v])) > tol) out.push(`variable ${v} not whole: ${x[v]}`);
  }
  lp.rows.forEach((r, i) => {
    let a = 0;
    for (const [v, c] of r.terms) a += c * x[v];
    if (a < r.lb - tol || a > r.ub + tol) out.push(`row ${i}: ${a} not in [${r.lb}, ${r.ub}]`);
  });
  return out;
}

/**
 * Issue #13: HiGHS solves a large rotation model LP-first (its relaxation, then the few fractional
 * variables), proving the plan within `mipGap` of the relaxation's bound. On counties of several
 * shapes it must give a plan as good as branch and bound's within that gap, a plan that keeps every
 * row; and with a gap of 0 the exact optimum.
 */
describe('the rotation model solved LP-first', () => {
  const cases: [ShapeName, number, number][] = [
    ['huilai', 11, 4000],
    ['weihai', 12, 4000],
    ['mountain', 13, 6500],
    ['suburban', 14, 6500],
  ];
  for (const [shape, seed, teachers] of cases) {
    it(`${shape} county (seed ${seed}, ${teachers} teachers): within the gap of branch and bound's plan, every row kept`, async () => {
      const input = importToSolverInput(generateCounty({ seed, teachers, year: 2027, shape }), 2027);
      const p = resolveParameters(input.parameters);
      const { lp } = buildRotationModel(new Context(input, p));
      expect(lp.integer.filter(Boolean).length).toBeGreaterThanOrEqual(LP_FIRST_MIN_INTEGERS);

      const first = await solveLp(lp, 'highs', { mipGap: p.mipGap });
      const bnb = await solveLp(lp, 'highs', { mipGap: p.mipGap, strategy: 'mip' });
      expect(first.via).toBe('lp-first');
      expect(bnb.via).toBe('mip');
      expect(first.optimal).toBe(true);
      expect(first.gap).toBeLessThanOrEqual(p.mipGap);
      expect(violations(lp, first.values)).toEqual([]);
      // the objective as the values give it, and within the gap of branch and bound's (both are within it of the optimum)
      expect(lp.cost.reduce((s, c, v) => s + c * first.values[v], 0)).toBeCloseTo(first.objective, 4);
      expect(Math.abs(first.objective - bnb.objective) / Math.max(1, Math.abs(bnb.objective))).toBeLessThanOrEqual(p.mipGap);

      // a gap of 0 asks for the exact optimum: whichever way it is reached, it is branch and bound's
      const exact = await solveLp(lp, 'highs', { mipGap: 0 });
      const exactBnb = await solveLp(lp, 'highs', { mipGap: 0, strategy: 'mip' });
      expect(exact.optimal).toBe(true);
      expect(violations(lp, exact.values)).toEqual([]);
      expect(Math.abs(exact.objective - exactBnb.objective) / Math.max(1, Math.abs(exactBnb.objective))).toBeLessThan(1e-9);
    }, 120_000);
  }
});
