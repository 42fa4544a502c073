// How LP-first meets a county (issue #21 point 3), in its own process: builds the rotation model of a
// generated county, solves its relaxation, counts the integer variables it leaves fractional, solves the
// MIP over them (the rest fixed) and reports the gap to the relaxation, as solver/lp.ts lpFirst does.
//   tsx scripts/bench/relaxation-case.ts <shape> [teachers 12000] [params JSON] [full]
// `full` also times HiGHS's branch and bound on the whole model from that plan (lpFirst's fallback).
import { Context } from '../../solver/context.js';
import { highsProblem } from '../../solver/lp.js';
import { runHighs } from '../../solver/highs.js';
import { resolveParameters } from '../../solver/parameters.js';
import { buildRotationModel } from '../../solver/rotation.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { importToSolverInput } from '../lib/import-to-solver-input.js';
const [shape, teachers, params, full] = [process.argv[2] ?? 'huilai', Number(process.argv[3] ?? 12000), process.argv[4] ?? '{}', process.argv[5] === 'full'];
const input = importToSolverInput(generateCounty({ seed: 1, teachers, year: 2027, shape: shape as ShapeName }), 2027);
input.parameters = { ...input.parameters, ...JSON.parse(params) };
const p = resolveParameters(input.parameters);
const ctx = new Context(input, p);
const model = buildRotationModel(ctx);
const problem = highsProblem(model.lp);
const ints = problem.integrality.reduce((n: number, i) => n + i, 0);
let t = performance.now();
const relaxed = await runHighs({ ...problem, integrality: problem.integrality.map(() => 0) }, { mipGap: p.mipGap, noPresolve: true });
const relaxMs = performance.now() - t;
const lower = [...problem.colLower];
const upper = [...problem.colUpper];
let frac = 0;
for (let j = 0; j < problem.numCols; j++) {
  const v = relaxed.values[j];
  if (problem.integrality[j] && Math.abs(v - Math.round(v)) < 1e-9) lower[j] = upper[j] = Math.round(v);
  else if (problem.integrality[j]) frac++;
}
t = performance.now();
const rest = await runHighs({ ...problem, colLower: lower, colUpper: upper }, { mipGap: p.mipGap });
const restMs = performance.now() - t;
const gap = Math.max(0, rest.objective - relaxed.objective) / Math.max(1, Math.abs(rest.objective));
const out: Record<string, unknown> = {
  shape,
  teachers,
  params,
  cols: problem.numCols,
  rows: problem.numRows,
  ints,
  frac,
  relaxMs: Math.round(relaxMs),
  restMs: Math.round(restMs),
  relaxObj: relaxed.objective,
  restObj: rest.objective,
  gap,
  accept: gap <= p.mipGap,
};
if (full) {
  t = performance.now();
  const m = await runHighs({ ...problem, start: rest.values }, { mipGap: p.mipGap, timeLimitSeconds: 120 });
  out.fullWithStartMs = Math.round(performance.now() - t);
  out.fullObj = m.objective;
  out.fullOptimal = m.optimal;
}
console.log(JSON.stringify(out));
