/**
 * H12: schools that stay teachable (issue #21). No school loses more than `maxSchoolLossShare` of
 * the teachers working there on 1 September Y in one year, counting every line that takes a teacher
 * away for the year: a rotation, a leader rotation, a shadowing year (跟岗) away. 走教 keeps the
 * teacher at home (R21/R22) and does not count. The allowance is never below one teacher (a small
 * school can still send one) nor below the school's own R01 quota (the cap never makes H2 impossible
 * by rounding): max(1, ⌊share · teachers⌋, ⌈rotationQuota · eligible⌉).
 *
 * No policy sentence of the catalogue states a per-school ceiling: R01/R02 set floors, R04 caps the
 * leadership team only ("a reasonable default against destabilising a school"), Q9 asks that moves
 * not push schools below their staffing needs. Without a ceiling, filling rural vacancies (R24),
 * long tenure (R06) and pairings (R30) are each worth more than a move costs, and a proposal sent a
 * quarter to two fifths of one urban school away in one year (issue #21). The default 15% is the
 * policy's 10% quota plus room for the long-tenure and shortage moves (docs/model.md).
 *
 * Hard, with an elastic row like the other hard rules, but its slack costs half of `hardPenalty`:
 * where the policy's own hard rules (R08 H4, R11 H5, R16 H6) or HR's pins name more teachers at one
 * school than the cap allows, they move and this rule's violation says so and names them.
 */
import type { Context } from '../context.js';
import { subjectZh } from '../domain.js';
import type { Candidate } from '../rotation.js';
import type { Line, SchoolLoss, SolverSchool, Violation } from '../types.js';
import { requiredOf } from './rotation-quota.js';
import { elasticRow, pinFields, type Rule } from './rule.js';

/** The share of the hard penalty one teacher beyond the cap costs: below the policy's hard rules, far above every soft goal. */
export const LOSS_CAP_PENALTY_SHARE = 0.5;

/** Line kinds that take a teacher away from the working school for the year (走教 does not). */
export const TAKES_AWAY = new Set<Line['kind']>(['rotation', 'leader_rotation', 'shadowing']);

/** Teachers working at the school on 1 September Y before the plan's moves (active ones: the same count as the staffing report). */
export const teachersWorkingAt = (ctx: Context, s: SolverSchool) => (ctx.teachersAt.get(s.id) ?? []).filter((t) => ctx.countsWorking(t)).length;

/** How many of a school's teachers may leave this year: max(1, ⌊share · teachers⌋, the school's R01 quota). */
export function lossAllowed(ctx: Context, teachers: number, quotaRequired: number): number {
  return Math.max(1, Math.floor(ctx.p.maxSchoolLossShare * teachers + 1e-9), quotaRequired);
}

/** The R01 quota of a school (0 unless it is a quota school), from its eligible teachers. */
function quotaOf(ctx: Context, s: SolverSchool, quota?: Map<string, { required: number }>): number {
  const q = quota?.get(s.id);
  if (q) return q.required;
  if (!ctx.isQuotaSchool(s) || ctx.p.quotaScope === 'county') return 0;
  const eligible = (ctx.teachersAt.get(s.id) ?? []).filter((t) => ctx.clocks.get(t.id)!.eligible).length;
  return requiredOf(ctx.p.rotationQuota, eligible);
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export const schoolLossCap: Rule & {
  losses(
    ctx: Context,
    lines: Line[],
    quota: Map<string, { required: number }>,
    uncovered: { school: { id: string }; subject: string; hours: number }[],
  ): SchoolLoss[];
} = {
  id: 'H12',
  policy: [],
  module: 'school-loss-cap',
  kind: 'hard',
  title:
    'no school loses more than max(1, ⌊maxSchoolLossShare · its teachers⌋, its R01 quota) of the teachers working there in one year (rotation, leader rotation, shadowing; not 走教)',
  parameters: ['maxSchoolLossShare', 'hardPenalty'],
  rows({ ctx, lp, slacks, candidates, model }) {
    const { p } = ctx;
    if (p.maxSchoolLossShare >= 1) return; // off: a school may lose everyone
    const out = new Map<string, Candidate[]>();
    for (const cd of candidates) {
      const list = out.get(cd.from.id);
      if (list) list.push(cd);
      else out.set(cd.from.id, [cd]);
    }
    // with the quota pooled county-wide (Q3) no school has a quota of its own: the cap alone holds per school
    const quota = p.quotaScope === 'county' ? undefined : model.quota;
    for (const [schoolId, list] of out) {
      const s = ctx.schoolById.get(schoolId)!;
      const allowed = lossAllowed(ctx, teachersWorkingAt(ctx, s), quotaOf(ctx, s, quota));
      // a row only where more could leave than allowed (a group's count is at most its members; it appears once per destination)
      const could = new Set<string>();
      const groups = new Set<unknown[]>();
      for (const c of list) {
        if (c.members) groups.add(c.members);
        else could.add(c.teacher.id);
      }
      const potential = could.size + [...groups].reduce((n, m) => n + m.length, 0);
      if (potential <= allowed) continue;
      const pins = list.filter((c) => c.pinned).map((c) => ({ teacherId: c.teacher.id, toSchoolId: c.to.id, kind: c.kind }));
      elasticRow(
        lp,
        slacks,
        list.map((c): [number, number] => [c.v, 1]),
        -Infinity,
        allowed,
        { rule: 'H12', ruleId: 'STABLE_TEACHING', cost: p.hardPenalty * LOSS_CAP_PENALTY_SHARE, schoolId, pins },
      );
    }
  },
  /**
   * Per school that loses anyone: the share leaving, what the cap allows, the moves beyond the R01
   * quota with their reasons, and the subjects the school is left short of after the year's moves in
   * and out and the 走教 hours planned (each with its remedy).
   */
  losses(ctx, lines, quota, uncovered) {
    const { p } = ctx;
    const leavingBy = new Map<string, Line[]>();
    const inBy = new Map<string, Line[]>();
    const itinerantIn = new Map<string, number>();
    for (const l of lines) {
      if (l.kind === 'itinerant') {
        const k = `${l.toSchoolId}|${l.subject}`;
        itinerantIn.set(k, (itinerantIn.get(k) ?? 0) + (l.hoursPerWeek ?? 0));
        continue;
      }
      if (!TAKES_AWAY.has(l.kind)) continue;
      const t = ctx.teacherById.get(l.teacherId);
      if (!t || !ctx.countsWorking(t)) continue;
      const from = ctx.workingSchoolId(t);
      leavingBy.set(from, [...(leavingBy.get(from) ?? []), l]);
      inBy.set(l.toSchoolId, [...(inBy.get(l.toSchoolId) ?? []), l]);
    }
    const stillUncovered = new Set(uncovered.map((u) => `${u.school.id}|${u.subject}`));
    const out: SchoolLoss[] = [];
    for (const [schoolId, leaving] of leavingBy) {
      const s = ctx.schoolById.get(schoolId);
      if (!s) continue;
      const teachers = teachersWorkingAt(ctx, s);
      const required = quotaOf(ctx, s, p.quotaScope === 'county' ? undefined : quota);
      const allowed = p.maxSchoolLossShare >= 1 ? teachers : lossAllowed(ctx, teachers, required);
      // moves beyond the quota and why (the line's first reason; R01 lines are the quota's own)
      const beyond = leaving.filter((l) => !l.reasons.includes('R01_QUOTA'));
      const why = new Map<string, number>();
      for (const l of beyond) {
        const r = l.reasons.find((x) => x !== 'R02_BACKBONE_SHARE') ?? 'NONE';
        why.set(r, (why.get(r) ?? 0) + 1);
      }
      // the school's own subjects after the moves in and out: short where the plan left it below need
      const delta = new Map<string, number>();
      for (const l of leaving) {
        const subj = ctx.teacherById.get(l.teacherId)!.subjects[0];
        delta.set(subj, (delta.get(subj) ?? 0) - 1);
      }
      for (const l of inBy.get(schoolId) ?? []) {
        const subj = l.subject ?? ctx.teacherById.get(l.teacherId)!.subjects[0];
        delta.set(subj, (delta.get(subj) ?? 0) + 1);
      }
      const subjectsShort: SchoolLoss['subjectsShort'] = [];
      for (const [subject, d] of [...delta].sort((a, b) => a[0].localeCompare(b[0]))) {
        if (d >= 0) continue;
        const need = ctx.need(s, subject);
        const before = ctx.staffIn(s, subject);
        const after = before + d;
        // short only where the moves take the subject below its need (a surplus that goes is no loss)
        const short = Math.min(-d, need - after);
        if (short <= 0) continue;
        const hours = itinerantIn.get(`${schoolId}|${subject}`) ?? 0;
        // 走教 covers a shortage subject when its hours leave nothing uncovered there (itinerant.ts)
        const covered = hours > 0 && !stillUncovered.has(`${schoolId}|${subject}`);
        if (covered) continue;
        const zh = subjectZh(subject);
        subjectsShort.push({
          subject,
          teachers: short,
          itinerantHours: hours,
          remedy: `cover ${subject} at ${s.name}: keep one of its teachers of the subject this year, or assign 走教 hours or a substitute from the 学区`,
          remedyZh: `${s.name}${zh}学科调出后缺${short}人：可保留一名${zh}教师暂缓交流，或安排学区内${zh}教师走教、代课`,
        });
      }
      out.push({
        schoolId,
        schoolName: s.name,
        teachers,
        leaving: leaving.length,
        share: teachers ? leaving.length / teachers : 0,
        allowed,
        required,
        beyondQuota: beyond.length,
        beyondQuotaReasons: [...why].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        subjectsShort,
      });
    }
    return out.sort((a, b) => b.share - a.share || a.schoolName.localeCompare(b.schoolName, 'zh'));
  },
  violations({ ctx, slacks, lines }) {
    const { p } = ctx;
    const out: Violation[] = [];
    for (const { s: sl } of slacks) {
      const s = ctx.schoolById.get(sl.schoolId!)!;
      const teachers = teachersWorkingAt(ctx, s);
      const leavingLines = lines.filter((l) => TAKES_AWAY.has(l.kind) && l.fromSchoolId === s.id);
      const over = leavingLines.length - sl.target;
      if (over <= 0) continue;
      // what forced them: pins and the policy's hard rules naming teachers (H4 R08, H5 R11, H6 R16)
      const pinned = leavingLines.filter((l) => l.reasons.includes('PINNED'));
      const forced = leavingLines.filter((l) => l.reasons.some((r) => /^R(08|11|16)_/.test(r)) && !l.reasons.includes('PINNED'));
      const names = (ls: Line[]) => ls.map((l) => ctx.teacherById.get(l.teacherId)?.name ?? l.teacherId);
      const whyEn = [
        pinned.length ? `pinned by HR: ${names(pinned).join(', ')}` : '',
        forced.length ? `named by R08/R11/R16: ${names(forced).join(', ')}` : '',
      ].filter(Boolean);
      const whyZh = [
        pinned.length ? `人事股指定：${names(pinned).join('、')}` : '',
        forced.length ? `政策要求必须交流：${names(forced).join('、')}` : '',
      ].filter(Boolean);
      out.push({
        rule: 'H12',
        ruleId: 'STABLE_TEACHING',
        schoolId: s.id,
        amount: over,
        ...pinFields(pinned.map((l) => ({ teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }))),
        message: `School ${s.name} loses ${leavingLines.length} of its ${teachers} teachers this year (${pct(leavingLines.length / Math.max(1, teachers))}), above the ${sl.target} the cap allows (maxSchoolLossShare ${pct(p.maxSchoolLossShare)})${whyEn.length ? `; ${whyEn.join('; ')}` : ''}`,
        messageZh: `${s.name}本年度调出${leavingLines.length}人，占在校教师${teachers}人的${pct(leavingLines.length / Math.max(1, teachers))}，超过每校每年调出上限${sl.target}人（${pct(p.maxSchoolLossShare)}），不利于学校教学稳定${whyZh.length ? `（${whyZh.join('；')}）` : ''}`,
        remedy: pinned.length
          ? `remove a pin out of ${s.name} (${names(pinned).join(' or ')}), defer a move to next year, or raise maxSchoolLossShare for this plan`
          : `defer one of the moves out of ${s.name} to next year (record the exception), or raise maxSchoolLossShare for this plan`,
        remedyZh: pinned.length
          ? `取消${s.name}的一项指定调出（${names(pinned).join('或')}），或将部分交流推迟至下一年度，或在本方案中调高每校调出上限`
          : `将${s.name}的部分交流推迟至下一年度（登记例外及理由），或在本方案中调高每校调出上限`,
      });
    }
    return out;
  },
};
