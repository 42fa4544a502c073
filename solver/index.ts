/**
 * The rotation optimizer: a plain snapshot in, lines with reasons, a compliance report and solve
 * statistics out. No database, no HTTP. See docs/model.md for the model in words.
 */
import { availableParallelism } from 'node:os';
import { Context } from './context.js';
import { academicYearStart, lineEndDate } from './domain.js';
import { claimVacancies, movesTheQuotaNeeds, reasonsForItinerant, reasonsForMove } from './explain.js';
import { planItinerant } from './itinerant.js';
import { HighsPool } from './highs-pool.js';
import { type Parameters, resolveParameters } from './parameters.js';
import { complianceReport } from './report.js';
import { RULES } from './rules/index.js';
import { buildRotationModel, chosenMoves, solveRotation } from './rotation.js';
import type { Engine, Line, SolverInput, SolverResult } from './types.js';

export { PARAMETER_DEFAULTS, parameterProblems, resolveParameters, withDefaults, type Parameters } from './parameters.js';
export type * from './types.js';

/** The model's rules (H1…, S1…) whose modules read a parameter (RuleMeta.parameters), in the model's order. */
export function rulesReading(parameter: string): string[] {
  return RULES.filter((r) => (r.parameters as string[]).includes(parameter)).map((r) => r.id);
}

/** Below this many teachers the 走教 models take less time than starting the worker threads would (issue #13). */
export const ITINERANT_POOL_MIN_TEACHERS = 3000;
/**
 * The pool pays only when its workers do not take the rotation MIP's core: measured on 2 cores (12,000
 * teachers, huilai and mountain, alternating runs on an idle machine), two workers saved 150 ms of 走教 but
 * cost 200–450 ms of build and 200–300 ms of rotation while they started, a net loss. So by default
 * the pool runs only with at least this many cores, one worker per core but the one the MIP runs on.
 */
export const ITINERANT_POOL_MIN_CORES = 4;
const defaultItinerantWorkers = (teachers: number) =>
  teachers >= ITINERANT_POOL_MIN_TEACHERS && availableParallelism() >= ITINERANT_POOL_MIN_CORES ? availableParallelism() - 1 : 0;

export interface SolveOptions {
  onProgress?: (p: { phase: string; fraction: number }) => void;
  /**
   * Worker threads for the 走教 models (issue #13): 0 or 1 solves them one after another on this
   * thread. Default: one per core but one, for a HiGHS solve of at least ITINERANT_POOL_MIN_TEACHERS
   * teachers in two or more 学区 on at least ITINERANT_POOL_MIN_CORES cores, else 0. The lines are the
   * same either way.
   */
  itinerantWorkers?: number;
}

export async function solve(input: SolverInput, opts: SolveOptions = {}): Promise<SolverResult> {
  const progress = opts.onProgress ?? (() => {});
  const p = resolveParameters(input.parameters);
  const engine = input.engine ?? 'highs';
  const districts = new Set(input.schools.map((s) => s.districtId)).size;
  const workers = engine !== 'highs' || districts < 2 ? 0 : Math.min(districts, opts.itinerantWorkers ?? defaultItinerantWorkers(input.teachers.length));
  // started first: the workers load HiGHS while this thread builds and solves the rotation MIP
  const pool = HighsPool.start(workers);
  try {
    return await solveWith(input, p, engine, pool, progress);
  } finally {
    await pool?.close();
  }
}

async function solveWith(
  input: SolverInput,
  p: Parameters,
  engine: Engine,
  pool: HighsPool | null,
  progress: (p: { phase: string; fraction: number }) => void,
): Promise<SolverResult> {
  const t0 = performance.now();
  progress({ phase: 'building', fraction: 0.05 });
  const ctx = new Context(input, p);
  const model = buildRotationModel(ctx);
  const buildMs = performance.now() - t0;
  progress({ phase: 'solving rotations', fraction: 0.2 });
  const sol = await solveRotation(ctx, model);

  const year = input.year;
  const start = academicYearStart(year);
  const chosen = chosenMoves(model, sol.values);
  claimVacancies(ctx, chosen);
  const neededForQuota = movesTheQuotaNeeds(ctx, model, chosen);
  const lines: Line[] = chosen.map((c) => {
    const why = reasonsForMove(ctx, c, model.mustMove.get(c.teacher.id), model.quota.has(c.from.id), neededForQuota.has(c));
    return {
      teacherId: c.teacher.id,
      kind: c.kind,
      fromSchoolId: c.from.id,
      toSchoolId: c.to.id,
      subject: c.subject,
      hoursPerWeek: null,
      startDate: start,
      // R10: a rotation lasts rotationYears; shadowing one year; a leader rotation takes a post (a term)
      endDate: lineEndDate(c.kind, year, p),
      reasons: why.reasons,
      explanation: why.zh.join('；'),
    };
  });
  const t1 = performance.now();
  progress({ phase: 'itinerant teaching', fraction: 0.8 });
  const itinerant = await planItinerant(ctx, lines, pool);
  for (const l of itinerant.lines) {
    const why = reasonsForItinerant(l.subject, l.hours, l.pinned, ctx.paired(l.from, l.to), l.from.districtId === l.to.districtId);
    lines.push({
      teacherId: l.teacher.id,
      kind: 'itinerant',
      fromSchoolId: l.from.id,
      toSchoolId: l.to.id,
      subject: l.subject,
      hoursPerWeek: l.hours,
      startDate: start,
      endDate: lineEndDate('itinerant', year, p),
      reasons: why.reasons,
      explanation: why.zh.join('；'),
    });
  }
  const t2 = performance.now();
  progress({ phase: 'report', fraction: 0.95 });
  const compliance = complianceReport(ctx, model, sol.values, lines, itinerant);
  const t3 = performance.now();
  const lp = model.lp;
  return {
    lines,
    compliance,
    stats: {
      engine,
      teachers: input.teachers.length,
      candidates: model.candidates.length,
      variables: lp.numVars,
      constraints: lp.rows.length,
      integerVariables: lp.integer.filter(Boolean).length,
      buildMs: Math.round(buildMs),
      solveMs: Math.round(sol.ms + itinerant.ms),
      rotationSolveMs: Math.round(sol.ms),
      itinerantSolveMs: Math.round(itinerant.ms),
      objective: sol.objective,
      gap: sol.gap,
      optimal: sol.optimal,
      status: sol.status,
      ...(sol.via ? { rotationVia: sol.via } : {}),
      itinerantModels: itinerant.models,
      itinerantWorkers: pool?.size ?? 0,
      // wall time of each phase, one after another (the rotation phase includes reading its lines and reasons)
      phasesMs: { build: Math.round(buildMs), rotation: Math.round(t1 - t0 - buildMs), itinerant: Math.round(t2 - t1), report: Math.round(t3 - t2) },
    },
  };
}
