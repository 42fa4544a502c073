/**
 * One HiGHS run on plain arrays: the part of a solve that also runs on a worker thread (highs-worker.ts),
 * so it imports nothing but the `highs` package (a worker started from the TypeScript source loads only
 * this file and HiGHS, issue #13). lp.ts turns an LpModel into a HighsProblem.
 */
import highsImport from 'highs';

type HighsLoader = typeof import('highs').default;
// under nodenext the CommonJS-style default export needs a cast
const highsLoader = ((highsImport as unknown as { default?: HighsLoader }).default ?? highsImport) as unknown as HighsLoader;

/** The model as HiGHS takes it; ±Infinity for unbounded (mapped to HiGHS's own infinity here). */
export interface HighsProblem {
  numCols: number;
  numRows: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rowLower: number[];
  rowUpper: number[];
  starts: number[];
  indices: number[];
  values: number[];
  integrality: (0 | 1)[];
  /** a MIP start (every column): HiGHS checks it and keeps it as its first incumbent if it is feasible */
  start?: Float64Array;
}

export interface HighsOptions {
  timeLimitSeconds?: number;
  mipGap: number;
  /** HiGHS's presolve off (the LP relaxation of the rotation model solves faster without it, lp.ts) */
  noPresolve?: boolean;
}

export interface HighsOutcome {
  values: Float64Array;
  objective: number;
  optimal: boolean;
  /** HiGHS's own relative gap (0 for a model without integers) */
  gap: number;
  status: string;
}

type HighsApi = Awaited<ReturnType<HighsLoader>>;
let highsPromise: Promise<HighsApi> | null = null;
// HIGHS_LOG=1 shows HiGHS's own log on stderr (diagnosis only: it is chatty)
export const loadHighs = () => (highsPromise ??= highsLoader(process.env.HIGHS_LOG === '1' ? { print: (m) => process.stderr.write(m + '\n') } : {}));

export async function runHighs(p: HighsProblem, opts: HighsOptions): Promise<HighsOutcome> {
  const highs = await loadHighs();
  const inf = highs.infinity;
  const fin = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  const m = highs.createModel({
    numCols: p.numCols,
    numRows: p.numRows,
    colCost: p.colCost,
    colLower: p.colLower.map(fin),
    colUpper: p.colUpper.map(fin),
    rowLower: p.rowLower.map(fin),
    rowUpper: p.rowUpper.map(fin),
    matrix: { format: 'csr', numRows: p.numRows, numCols: p.numCols, starts: p.starts, indices: p.indices, values: p.values },
    integrality: p.integrality,
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
      ...(opts.noPresolve ? { presolve: 'off' } : {}),
    });
    if (p.start) m.setSolution({ colValue: p.start });
    m.run();
    const status = m.getModelStatus();
    const c = highs.constants.modelStatus;
    const sol = m.getSolution();
    const hasSolution =
      sol.colValue.length === p.numCols &&
      (status === c.optimal || status === c.timeLimit || status === c.interrupted || status === c.solutionLimit || status === c.iterationLimit);
    if (!hasSolution) throw new Error(`HiGHS found no solution (status ${status})`);
    let gap = 0;
    try {
      gap = p.integrality.some(Boolean) ? Number(m.info.get('mip_gap')) : 0;
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
