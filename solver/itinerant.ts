/**
 * Phase 2: itinerant teaching (走教, R21/R22), decided after the rotations on the staffing they
 * leave, one small model per school district (学区): a teacher keeps the home school and teaches
 * shortage-subject hours (R24) at up to itinerantMaxSchools − 1 other schools of the same 学区
 * within itinerantMaxKm, never above maxWeeklyHours in all.
 */
import type { Context } from './context.js';
import { schoolTakes } from './geo.js';
import type { HighsPool } from './highs-pool.js';
import { LpModel, solveLp } from './lp.js';
import type { ItinerantOutcome } from './report.js';
import { itinerantLimits } from './rules/itinerant-limits.js';
import type { BrokenPin } from './rules/pins-and-exclusions.js';
import type { SlackRecord } from './rules/rule.js';
import { stability } from './rules/stability.js';
import type { Line, SolverSchool, SolverTeacher } from './types.js';

export interface ItinerantLine {
  teacher: SolverTeacher;
  from: SolverSchool;
  to: SolverSchool;
  subject: string;
  hours: number;
  pinned: boolean;
}

/** Candidate teachers per shortage (school, subject), nearest first. */
const CANDIDATES_PER_SHORTAGE = 5;

export async function planItinerant(
  ctx: Context,
  moved: Line[],
  workers: HighsPool | null = null,
): Promise<ItinerantOutcome & { lines: ItinerantLine[]; models: number; ms: number; uncovered: { school: SolverSchool; subject: string; hours: number }[] }> {
  const { p, input } = ctx;
  const t0 = performance.now();
  const movedOut = new Map(moved.map((l) => [l.teacherId, l]));
  // where each teacher works from 1 September: the destination of this plan's move, else the working
  // school of the placement (a teacher hosted from an earlier year teaches at the host, not at home)
  const workplace = (t: SolverTeacher) => movedOut.get(t.id)?.toSchoolId ?? ctx.workingSchoolId(t);
  const supply = new Map<string, number>();
  for (const t of ctx.teachers) {
    // hours are supplied by established teachers in post wherever they work, hosted ones included
    if (t.status !== 'active' || !t.established) continue;
    const subj = movedOut.get(t.id)?.subject ?? t.subjects[0];
    const key = `${workplace(t)}|${subj}`;
    supply.set(key, (supply.get(key) ?? 0) + t.weeklyHours);
  }
  // H9: a 走教 pin of an unknown or unmovable teacher, or to an unknown school, cannot be kept: it is named
  const brokenPins: BrokenPin[] = [];
  const pins = input.pins.filter((x) => {
    if (x.kind !== 'itinerant') return false;
    const c = ctx.clocks.get(x.teacherId);
    const t = ctx.teacherById.get(x.teacherId);
    const why =
      !t || !c || !ctx.schoolById.has(t.schoolId)
        ? 'unknown_teacher'
        : !c.movable
          ? !c.available
            ? 'not_in_post'
            : 'exempt'
          : !ctx.schoolById.has(x.toSchoolId)
            ? 'unknown_school'
            : null;
    if (why) brokenPins.push({ ...x, why });
    return !why;
  });
  const slackValues: { s: SlackRecord; value: number }[] = [];
  const excludedAll = new Set(input.exclusions.filter((e) => !e.toSchoolId).map((e) => e.teacherId));
  const excludedPair = new Set(input.exclusions.filter((e) => e.toSchoolId).map((e) => `${e.teacherId}|${e.toSchoolId}`));
  // S9: the previous proposal's 走教 lines with their subject and hours (a teacher may fit two
  // shortages at one host; inputs stored before subject and hours were passed match any subject)
  const previous = new Map(
    (input.previousLines ?? [])
      .filter((l) => l.kind === 'itinerant')
      .map((l) => [`${l.teacherId}|${l.toSchoolId}|${l.subject ?? '*'}`, l.hoursPerWeek ?? null] as const),
  );
  const previousOf = (t: SolverTeacher, to: SolverSchool, subject: string) => previous.get(`${t.id}|${to.id}|${subject}`) ?? previous.get(`${t.id}|${to.id}|*`);
  const wasPrevious = (t: SolverTeacher, to: SolverSchool, subject: string) =>
    previous.has(`${t.id}|${to.id}|${subject}`) || previous.has(`${t.id}|${to.id}|*`);
  const hasPrevious = (input.previousLines?.length ?? 0) > 0;

  const byDistrict = new Map<string, SolverSchool[]>();
  for (const s of input.schools) byDistrict.set(s.districtId, [...(byDistrict.get(s.districtId) ?? []), s]);
  // issue #13: who may teach 走教 is found once, not per 学区 and shortage: teachers working after the
  // moves, not moving themselves, with hours to spare, by the 学区 they work in and then by subject
  // (in input order, so the candidates and their tie-breaking costs are those of a scan of all teachers)
  const poolByDistrict = new Map<string, Map<string, { t: SolverTeacher; work: SolverSchool }[]>>();
  for (const t of ctx.teachers) {
    const c = ctx.clocks.get(t.id)!;
    if (movedOut.has(t.id) || !c.available || c.exempt || excludedAll.has(t.id) || t.weeklyHours >= p.maxWeeklyHours) continue;
    const work = ctx.schoolById.get(workplace(t));
    if (!work) continue;
    const bySubject = poolByDistrict.get(work.districtId) ?? new Map<string, { t: SolverTeacher; work: SolverSchool }[]>();
    poolByDistrict.set(work.districtId, bySubject);
    for (const subj of new Set(t.subjects)) {
      const list = bySubject.get(subj);
      if (list) list.push({ t, work });
      else bySubject.set(subj, [{ t, work }]);
    }
  }
  const lines: ItinerantLine[] = [];
  const uncovered: { school: SolverSchool; subject: string; hours: number }[] = [];
  let models = 0;
  // issue #13: each district's model goes to the solver as soon as it is built (to the pool's workers
  // when the solve has a pool, side by side) and its result is read back here in district order, so the
  // lines, slacks and uncovered hours are those of solving the districts one after another
  const inOrder: Promise<() => void>[] = [];

  for (const [districtId, schools] of [...byDistrict].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ids = new Set(schools.map((s) => s.id));
    // shortage hours per school and shortage subject after the rotations
    const shortages: { school: SolverSchool; subject: string; hours: number }[] = [];
    for (const s of schools) {
      for (const n of s.needs) {
        if (!ctx.isShortage(n.subject)) continue;
        const missing = n.weeklyHours - (supply.get(`${s.id}|${n.subject}`) ?? 0);
        if (missing > 0) shortages.push({ school: s, subject: n.subject, hours: missing });
      }
    }
    const districtPins = pins.filter((x) => ids.has(x.toSchoolId));
    if (!shortages.length && !districtPins.length) continue;
    const pool = poolByDistrict.get(districtId) ?? new Map<string, { t: SolverTeacher; work: SolverSchool }[]>();
    const lp = new LpModel();
    const slacks: SlackRecord[] = [];
    type Cand = { teacher: SolverTeacher; from: SolverSchool; to: SolverSchool; subject: string; h: number; u: number; pinned: boolean };
    const cands: Cand[] = [];
    const seen = new Set<string>();
    const missingAt = new Map(shortages.map((sh) => [`${sh.school.id}|${sh.subject}`, sh.hours]));
    const addCand = (t: SolverTeacher, to: SolverSchool, subject: string, pinned: boolean) => {
      const key = `${t.id}|${to.id}|${subject}`;
      if (seen.has(key)) return;
      seen.add(key);
      const from = ctx.schoolById.get(t.schoolId)!;
      const spare = p.maxWeeklyHours - t.weeklyHours;
      const km = ctx.km(from, to);
      // S9: a 走教 line that differs from the previous proposal costs
      const stable = stability.cost(p, hasPrevious, wasPrevious(t, to, subject));
      const mult = ctx.isShortage(subject) ? p.shortageWeight : 1;
      // hours are continuous: for fixed host choices the rest is a transportation problem, whose
      // vertices are whole hours with whole-number data; the binaries carry the combinatorics
      const h = lp.addVar({ cost: -p.weightItinerantHour * mult, lb: 0, ub: Math.max(0, spare) });
      const u = lp.addVar({
        cost: p.weightItinerantSchool + p.weightItinerantKm * km * 2 + stable + 1e-6 * cands.length,
        lb: pinned ? 1 : 0,
        ub: 1,
        integer: true,
      });
      // the tightest big-M: no more hours than the teacher has spare or the school misses
      const cap = Math.max(0, Math.min(spare, missingAt.get(`${to.id}|${subject}`) ?? spare));
      lp.addRow(
        [
          [h, 1],
          [u, -cap],
        ],
        -Infinity,
        0,
      );
      // S9: a kept 走教 line keeps its hours where no rule needs them to change. When two teachers
      // cover one shortage, how the hours split between them costs nothing else (a degenerate
      // transportation problem), so without this a re-solve moved hours between them at random.
      // Each hour away from the previous figure costs a tenth of a covered hour's reward
      // (S10): enough to break the tie, never enough to leave a shortage hour uncovered.
      const before = previousOf(t, to, subject);
      if (before != null && p.weightItinerantHour > 0) {
        const off = lp.addVar({ cost: 0.1 * p.weightItinerantHour, lb: 0, ub: Infinity });
        lp.addRow(
          [
            [h, 1],
            [off, -1],
          ],
          -Infinity,
          before,
        );
        lp.addRow(
          [
            [h, 1],
            [off, 1],
          ],
          before,
          Infinity,
        );
      }
      const cand = { teacher: t, from, to, subject, h, u, pinned };
      // H11: a pinned line teaches at least an hour, or its slack names the pin
      if (pinned) itinerantLimits.pinnedMinimum(lp, slacks, p, cand);
      cands.push(cand);
    };
    for (const pin of districtPins) {
      const t = ctx.teacherById.get(pin.teacherId);
      const to = ctx.schoolById.get(pin.toSchoolId);
      addCand(t!, to!, t!.subjects.find((s) => ctx.need(to!, s) > 0) ?? t!.subjects[0], true);
    }
    for (const sh of shortages) {
      const fits = (pool.get(sh.subject) ?? [])
        .filter(({ t, work }) => work.id !== sh.school.id && schoolTakes(sh.school.stage, t.stages) && !excludedPair.has(`${t.id}|${sh.school.id}`))
        .map(({ t, work }) => ({ t, km: ctx.km(work, sh.school) }))
        .filter((x) => x.km <= p.itinerantMaxKm)
        .sort((a, b) => a.km - b.km || a.t.id.localeCompare(b.t.id))
        // S9: a teacher who taught this shortage in the previous proposal stays a candidate beyond
        // the nearest few, so a re-solve can keep the line (else it is dropped and another added)
        .filter((x, i) => i < CANDIDATES_PER_SHORTAGE || wasPrevious(x.t, sh.school, sh.subject));
      for (const { t } of fits) addCand(t, sh.school, sh.subject, false);
    }
    if (!cands.length) {
      inOrder.push(Promise.resolve(() => uncovered.push(...shortages)));
      continue;
    }
    // H11 (R22): per teacher hosts ≤ itinerantMaxSchools − 1 and hours ≤ spare; per shortage hours ≤ missing
    const byT = new Map<string, Cand[]>();
    const byShortage = new Map<string, Cand[]>();
    for (const c of cands) {
      const mine = byT.get(c.teacher.id);
      if (mine) mine.push(c);
      else byT.set(c.teacher.id, [c]);
      const key = `${c.to.id}|${c.subject}`;
      const theirs = byShortage.get(key);
      if (theirs) theirs.push(c);
      else byShortage.set(key, [c]);
    }
    for (const [, list] of byT) itinerantLimits.teacherRows(lp, slacks, p, list);
    for (const sh of shortages) {
      const list = byShortage.get(`${sh.school.id}|${sh.subject}`) ?? [];
      if (list.length) itinerantLimits.shortageRow(lp, slacks, p, sh.school, sh.subject, sh.hours, list);
    }
    models++;
    const solved = solveLp(lp, input.engine ?? 'highs', { mipGap: p.mipGap, timeLimitSeconds: input.timeLimitSeconds, pool: workers });
    inOrder.push(
      solved.then((sol) => () => {
        for (const sl of slacks) if (sol.values[sl.v] > 1e-6) slackValues.push({ s: sl, value: sol.values[sl.v] });
        const got = new Map<string, number>();
        for (const c of cands) {
          const hours = Math.floor(sol.values[c.h] + 1e-6);
          if (sol.values[c.u] > 0.5 && hours > 0) {
            lines.push({ teacher: c.teacher, from: c.from, to: c.to, subject: c.subject, hours, pinned: c.pinned });
            got.set(`${c.to.id}|${c.subject}`, (got.get(`${c.to.id}|${c.subject}`) ?? 0) + hours);
          }
        }
        for (const sh of shortages) {
          const covered = got.get(`${sh.school.id}|${sh.subject}`) ?? 0;
          if (covered < sh.hours) uncovered.push({ ...sh, hours: sh.hours - covered });
        }
      }),
    );
  }
  // all settled before any is read: a failed district fails the solve, and no rejection goes unhandled
  for (const read of await Promise.all(inOrder)) read();
  return { lines, models, ms: performance.now() - t0, uncovered, slacks: slackValues, brokenPins };
}
