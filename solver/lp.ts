/**
 * The engine-neutral model: variables with bounds, integrality and cost, and linear rows with
 * lower/upper bounds; minimised. Built once, then handed to HiGHS (default) or to
 * javascript-lp-solver. Both must agree on the optimal objective (test/solver/cross-engine.test.ts).
 */
import lpImport from 'javascript-lp-solver';
import { type HighsOptions, type HighsProblem, runHighs } from './highs.js';
import type { HighsPool } from './highs-pool.js';
import type { Engine } from './types.js';

// under nodenext the CommonJS-style default export needs a cast
type Jlps = typeof import('javascript-lp-solver').default;
const jlps = lpImport as unknown as Jlps;

export interface Row {
  terms: Map<number, number>;
  lb: number;
  ub: number;
}

export class LpModel {
  readonly cost: number[] = [];
  readonly lb: number[] = [];
  readonly ub: number[] = [];
  readonly integer: boolean[] = [];
  readonly rows: Row[] = [];

  addVar(opts: { cost: number; lb?: number; ub?: number; integer?: boolean }): number {
    this.cost.push(opts.cost);
    this.lb.push(opts.lb ?? 0);
    this.ub.push(opts.ub ?? Infinity);
    this.integer.push(opts.integer ?? false);
    return this.cost.length - 1;
  }
  /** lb ≤ Σ coef·var ≤ ub */
  addRow(terms: [number, number][], lb: number, ub: number): number {
    const m = new Map<number, number>();
    for (const [v, c] of terms) if (c !== 0) m.set(v, (m.get(v) ?? 0) + c);
    this.rows.push({ terms: m, lb, ub });
    return this.rows.length - 1;
  }
  get numVars() {
    return this.cost.length;
  }
}

export interface LpSolution {
  values: Float64Array;
  objective: number;
  optimal: boolean;
  /** relative gap; 0 for a proven optimum of javascript-lp-solver, HiGHS's own figure (or the LP-first bound's) otherwise */
  gap: number;
  status: string;
  /** how HiGHS got it: `lp-first` (relaxation, then the fractional rest) or `mip` (branch and bound from the start) */
  via?: 'lp-first' | 'mip';
  ms: number;
}

/**
 * From this many integer variables HiGHS solves a MIP LP-first (issue #13): the rotation model's LP
 * relaxation is nearly integral, and HiGHS's branch and bound spent 1.5 s of a 2.6 s solve (12,000
 * teachers) in cuts and heuristics finding an integer plan the relaxation all but gives. Smaller
 * models take milliseconds either way and stay on the plain MIP (and exact against javascript-lp-solver).
 */
export const LP_FIRST_MIN_INTEGERS = 2000;

export interface LpSolveOptions extends HighsOptions {
  pool?: HighsPool | null;
  /** `mip` skips the LP-first strategy (tests compare the two) */
  strategy?: 'auto' | 'mip';
}

export async function solveLp(model: LpModel, engine: Engine, opts: LpSolveOptions): Promise<LpSolution> {
  const t0 = performance.now();
  const out = engine === 'highs' ? await solveHighs(model, opts) : solveJlps(model, opts);
  return { ...out, ms: performance.now() - t0 };
}

/** The model as HiGHS takes it: rows in compressed sparse row form, columns in order. */
export function highsProblem(model: LpModel): HighsProblem {
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of model.rows) {
    for (const [v, c] of [...r.terms].sort((a, b) => a[0] - b[0])) {
      indices.push(v);
      values.push(c);
    }
    starts.push(indices.length);
  }
  return {
    numCols: model.numVars,
    numRows: model.rows.length,
    colCost: model.cost,
    colLower: model.lb,
    colUpper: model.ub,
    rowLower: model.rows.map((r) => r.lb),
    rowUpper: model.rows.map((r) => r.ub),
    starts,
    indices,
    values,
    integrality: model.integer.map((i): 0 | 1 => (i ? 1 : 0)),
  };
}

/** On this thread, or on a worker of the pool when the solve has one (issue #13: 走教 districts side by side). */
async function solveHighs(model: LpModel, opts: LpSolveOptions): Promise<Omit<LpSolution, 'ms'>> {
  if (model.numVars === 0) return { values: new Float64Array(0), objective: 0, optimal: true, gap: 0, status: 'empty' };
  const problem = highsProblem(model);
  const { pool, strategy, ...o } = opts;
  if (pool) return pool.run(problem, o);
  if (strategy !== 'mip' && problem.integrality.reduce((n: number, i) => n + i, 0) >= LP_FIRST_MIN_INTEGERS) return lpFirst(problem, o);
  return { ...(await runHighs(problem, o)), via: 'mip' };
}

/**
 * LP-first: solve the LP relaxation; fix every integer variable it left whole and solve the small MIP
 * over the fractional rest. The relaxation's optimum is a lower bound on every plan, so a plan within
 * `mipGap` of it is proven optimal within the gap, the same guarantee HiGHS's own search gives (a
 * `mipGap` of 0 asks for the exact optimum: then the search below runs). Otherwise, or if anything
 * fails or the time runs out, HiGHS's branch and bound runs on the whole model from that plan.
 */
async function lpFirst(problem: HighsProblem, o: HighsOptions): Promise<Omit<LpSolution, 'ms'>> {
  const started = performance.now();
  const left = () => (o.timeLimitSeconds ? Math.max(0.1, o.timeLimitSeconds - (performance.now() - started) / 1000) : undefined);
  const mip = async (start?: Float64Array) => ({ ...(await runHighs({ ...problem, start }, { ...o, timeLimitSeconds: left() })), via: 'mip' as const });
  // presolve off: measured faster on the relaxation of every county shape (docs/benchmarks.md, issue #13)
  const relaxed = await runHighs({ ...problem, integrality: problem.integrality.map(() => 0) }, { ...o, noPresolve: true }).catch(() => null);
  if (!relaxed?.optimal) return mip();
  const lower = [...problem.colLower];
  const upper = [...problem.colUpper];
  for (let j = 0; j < problem.numCols; j++) {
    const v = relaxed.values[j];
    if (problem.integrality[j] && Math.abs(v - Math.round(v)) < 1e-9) lower[j] = upper[j] = Math.round(v);
  }
  const rest = await runHighs({ ...problem, colLower: lower, colUpper: upper }, { ...o, timeLimitSeconds: left() }).catch(() => null);
  if (!rest) return mip();
  const gap = Math.max(0, rest.objective - relaxed.objective) / Math.max(1, Math.abs(rest.objective));
  if (rest.optimal && gap <= o.mipGap) return { values: rest.values, objective: rest.objective, optimal: true, gap, status: 'optimal', via: 'lp-first' };
  return mip(rest.values);
}

function solveJlps(model: LpModel, opts: { timeLimitSeconds?: number }): Omit<LpSolution, 'ms'> {
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  for (let v = 0; v < model.numVars; v++) {
    variables[`v${v}`] = { cost: model.cost[v] };
    if (model.integer[v]) ints[`v${v}`] = 1;
    // bounds become rows: javascript-lp-solver knows only non-negative variables
    if (model.ub[v] !== Infinity || model.lb[v] > 0) {
      constraints[`b${v}`] = { ...(model.lb[v] > 0 ? { min: model.lb[v] } : {}), ...(model.ub[v] !== Infinity ? { max: model.ub[v] } : {}) };
      variables[`v${v}`][`b${v}`] = 1;
    }
  }
  model.rows.forEach((r, i) => {
    constraints[`r${i}`] = r.lb === r.ub ? { equal: r.lb } : { ...(r.lb !== -Infinity ? { min: r.lb } : {}), ...(r.ub !== Infinity ? { max: r.ub } : {}) };
    for (const [v, c] of r.terms) variables[`v${v}`][`r${i}`] = c;
  });
  const started = performance.now();
  const res = jlps.Solve({
    optimize: 'cost',
    opType: 'min',
    constraints,
    variables,
    ints,
    options: { tolerance: 0, ...(opts.timeLimitSeconds ? { timeout: opts.timeLimitSeconds * 1000 } : {}) },
  } as never) as unknown as Record<string, number | boolean | undefined>;
  if (!res.feasible) throw new Error('javascript-lp-solver found no feasible solution');
  // javascript-lp-solver does not say whether its timeout cut the search: infer it from the clock
  const timedOut = opts.timeLimitSeconds !== undefined && performance.now() - started >= opts.timeLimitSeconds * 1000 * 0.98;
  const values = new Float64Array(model.numVars);
  for (let v = 0; v < model.numVars; v++) values[v] = Number(res[`v${v}`] ?? 0);
  const objective = model.cost.reduce((s, c, v) => s + c * values[v], 0);
  const optimal = res.isIntegral !== false && !timedOut;
  return { values, objective, optimal, gap: optimal ? 0 : NaN, status: timedOut ? 'time_limit' : 'optimal' };
}
