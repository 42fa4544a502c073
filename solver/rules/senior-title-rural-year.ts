/**
 * H5 (R11): a teacher applying for the senior title next year (or this year) without
 * `seniorTitleRuralYears` of rural service, and not already at a receiving school (where the
 * coming year counts), is rotated to a rural or weak school: this is the last chance. A pin does
 * not silence it: a pin to a town school is a violation naming the pin.
 */
import { isRuralClass } from '../clocks.js';
import type { Context } from '../context.js';
import type { Clocks } from '../clocks.js';
import { isLeaderPost, subjectZh } from '../domain.js';
import type { ExceptionReason, SolverSchool, SolverTeacher } from '../types.js';
import { unmovableReason } from './movable-only.js';
import type { MustMoveRule } from './rule.js';

/** Who it concerns, movable or not. */
export const seniorTitleDue = (ctx: Context, t: SolverTeacher, home: SolverSchool) =>
  t.seniorTitleApplicationYear !== null &&
  t.seniorTitleApplicationYear <= ctx.year + 1 &&
  ctx.clocks.get(t.id)!.ruralYears < ctx.p.seniorTitleRuralYears &&
  !ctx.isReceiving(home);

/**
 * An applicant H5 names whom H8 keeps from moving: the exception's reason (Q12). Leaders too (R11
 * applies to every applicant). One away at a rural or weak school is not named: that year counts.
 */
export function seniorTitleException(ctx: Context, t: SolverTeacher, c: Clocks, home: SolverSchool): ExceptionReason | null {
  if (!seniorTitleDue(ctx, t, home)) return null;
  const why = unmovableReason(t, c);
  if (why === 'away') {
    const working = ctx.schoolById.get(ctx.placement.get(t.id)?.workingSchoolId ?? '');
    if (working && isRuralClass(working)) return null;
  }
  return why;
}

export const seniorTitleRuralYear: MustMoveRule = {
  id: 'H5',
  policy: ['R11'],
  module: 'senior-title-rural-year',
  kind: 'hard',
  title: 'a senior-title applicant (application ≤ Y+1) without the rural year goes to a rural or weak school',
  parameters: ['seniorTitleRuralYears', 'hardPenalty'],
  // R11 is met at any rural or weak school (乡村学校或办学条件薄弱学校), a weak town school included
  meets: (_ctx, c) => isRuralClass(c.to),
  because: () => 'R11 (a rural year before the senior title)',
  reasons(ctx, c, must, _q, say) {
    if ((c.kind === 'rotation' || c.kind === 'leader_rotation') && must === seniorTitleRuralYear)
      say(
        'R11_TITLE_PREREQUISITE',
        `拟于${c.teacher.seniorTitleApplicationYear}年申报高级职称，须有${ctx.p.seniorTitleRuralYears}年以上农村或薄弱学校任教经历`,
      );
  },
  unmet(ctx, t, line) {
    const { p } = ctx;
    const c = ctx.clocks.get(t.id)!;
    const home = ctx.schoolById.get(t.schoolId)!;
    if (line?.reasons.includes('PINNED')) {
      // H9 over H5: HR pinned the applicant to a school that does not count as rural service
      const to = ctx.schoolById.get(line.toSchoolId)!;
      return {
        rule: 'H5',
        ruleId: 'R11',
        teacherId: t.id,
        schoolId: home.id,
        amount: 1,
        pin: { teacherId: t.id, toSchoolId: to.id, kind: line.kind },
        message: `${t.name} (${home.name}) plans to apply for the senior title in ${t.seniorTitleApplicationYear} without a rural year, and HR's pin sends the teacher to ${to.name}, which is neither rural nor weak (R11)`,
        messageZh: `${home.name}${t.name}拟于${t.seniorTitleApplicationYear}年申报高级职称，须有农村或薄弱学校任教经历，但人事股指定其到${to.name}（非乡村或薄弱学校）`,
        remedy: 'pin the teacher to a rural or weak school instead, or remove the pin',
      };
    }
    const subjects = t.subjects.map(subjectZh).join('、');
    // a leader moves into a post (H10), not a subject vacancy
    const leader = isLeaderPost(t.post);
    return {
      rule: 'H5',
      ruleId: 'R11',
      teacherId: t.id,
      schoolId: home.id,
      amount: 1,
      message: `${t.name} (${home.name}) plans to apply for the senior title in ${t.seniorTitleApplicationYear} with ${c.ruralYears} rural years (at least ${p.seniorTitleRuralYears} required) and cannot be placed at a rural or weak school ${leader ? `in a vacant ${t.post.replace('_', ' ')} post` : `teaching ${subjects}`}`,
      messageZh: `${home.name}${t.name}拟于${t.seniorTitleApplicationYear}年申报高级职称，农村或薄弱学校任教经历不足${p.seniorTitleRuralYears}年，未能安排到乡村或薄弱学校`,
      remedy: leader
        ? `open a ${t.post.replace('_', ' ')} post at a rural or weak school within ${p.maxMoveKm} km, pin a move, or move the application year`
        : `add a vacancy in ${subjects} at a rural or weak school within ${p.maxMoveKm} km, or move the application year`,
    };
  },
};
