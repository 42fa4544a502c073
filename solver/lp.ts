/**
 * The engine-neutral model: variables with bounds, integrality and cost, and linear rows with
 * lower/upper bounds; minimised. Built once, then handed to HiGHS (default) or to
 * javascript-lp-solver. Both must agree on the optimal objective (test/solver/cross-engine.test.ts).
 */
import highsImport from 'highs';
import lpImport from 'javascript-lp-solver';
import type { Engine } from './types.js';

// under nodenext the CommonJS-style default exports of both packages need a cast
type Jlps = typeof import('javascript-lp-solver').default;
const jlps = lpImport as unknown as Jlps;
type HighsLoader = typeof import('highs').default;
const highsLoader = ((highsImport as unknown as { default?: HighsLoader }).default ?? highsImport) as unknown as HighsLoader;

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
  /** relative gap; 0 for a proven optimum of javascript-lp-solver, HiGHS's own figure otherwise */
  gap: number;
  status: string;
  ms: number;
}

type HighsApi = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<HighsApi> | null = null;
// HIGHS_LOG=1 shows HiGHS's own log on stderr (diagnosis only: it is chatty)
const getHighs = () => (highsPromise ??= highsLoader(process.env.HIGHS_LOG === '1' ? { print: (m) => process.stderr.write(m + '\n') } : {}));

export async function solveLp(model: LpModel, engine: Engine, opts: { timeLimitSeconds?: number; mipGap: number }): Promise<LpSolution> {
  const t0 = performance.now();
  const out = engine === 'highs' ? await solveHighs(model, opts) : solveJlps(model, opts);
  return { ...out, ms: performance.now() - t0 };
}

async function solveHighs(model: LpModel, opts: { timeLimitSeconds?: number; mipGap: number }): Promise<Omit<LpSolution, 'ms'>> {
  const highs = await getHighs();
  const inf = highs.infinity;
  const n = model.numVars;
  if (n === 0) return { values: new Float64Array(0), objective: 0, optimal: true, gap: 0, status: 'empty', ms: 0 } as never;
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
  const fin = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  const m = highs.createModel({
    numCols: n,
    numRows: model.rows.length,
    colCost: model.cost,
    colLower: model.lb.map(fin),
    colUpper: model.ub.map(fin),
    rowLower: model.rows.map((r) => fin(r.lb)),
    rowUpper: model.rows.map((r) => fin(r.ub)),
    matrix: { format: 'csr', numRows: model.rows.length, numCols: n, starts, indices, values },
    integrality: model.integer.map((i) => (i ? 1 : 0)),
  });
  try {
    m.options.set({
      output_flag: process.env.HIGHS_LOG === '1',
      mip_rel_gap: opts.mipGap,
      // a deterministic search: the same model gives the same lines (S9)
      random_seed: 0,
      // Two root heuristics that never found the incumbent on the generated counties (the sub-MIP
      // heuristic does) but cost 40% of the 12,000-teacher solve: feasibility jump ~1.3 s and
      // root reduced-cost fixing ~0.8 s on this 2-core machine (HIGHS_LOG=1 npm run bench shows it).
      // The elastic model (model.md) is always feasible, so nothing relies on them to find a start.
      mip_heuristic_run_feasibility_jump: false,
      mip_heuristic_run_root_reduced_cost: false,
      ...(opts.timeLimitSeconds ? { time_limit: opts.timeLimitSeconds } : {}),
    });
    m.run();
    const status = m.getModelStatus();
    const c = highs.constants.modelStatus;
    const sol = m.getSolution();
    const hasSolution =
      sol.colValue.length === n &&
      (status === c.optimal || status === c.timeLimit || status === c.interrupted || status === c.solutionLimit || status === c.iterationLimit);
    if (!hasSolution) throw new Error(`HiGHS found no solution (status ${status})`);
    let gap = 0;
    try {
      gap = model.integer.some(Boolean) ? Number(m.info.get('mip_gap')) : 0;
    } catch {
      gap = 0;
    }
    if (!Number.isFinite(gap)) gap = 1;
    return {
      values: Float64Array.from(sol.colValue),
      objective: m.getObjectiveValue(),
      optimal: status === c.optimal,
      gap: Math.max(0, gap),
      status: status === c.optimal ? 'optimal' : 'time_limit',
    };
  } finally {
    m.dispose();
  }
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
