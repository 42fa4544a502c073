/** H6 (R16): a new village or teaching-point teacher whose `shadowWindowYears` window closes this year, never shadowed, shadows a year at a county-town or township central school. */
import type { Clocks } from '../clocks.js';
import { yearsUntilSeptember } from '../clocks.js';
import type { Context } from '../context.js';
import { kindZh } from '../domain.js';
import type { ExceptionReason, SolverSchool, SolverTeacher } from '../types.js';
import { unmovableReason } from './movable-only.js';
import type { MustMoveRule } from './rule.js';

/** Who it concerns: hired within the window, in its last year, at a village school, not yet shadowed (movable or not). */
export function shadowingDue(ctx: Context, t: SolverTeacher, c: Clocks, home: SolverSchool): boolean {
  const sinceHire = yearsUntilSeptember(t.hireDate, ctx.year);
  return ctx.isVillageSchool(home) && !c.alreadyShadowed && sinceHire < ctx.p.shadowWindowYears && sinceHire >= ctx.p.shadowWindowYears - 1;
}

/**
 * A village teacher H6 names who cannot shadow: in the window's last year but kept from moving by
 * H8, or whose window already closed unshadowed (`window_closed`, e.g. before the first import).
 * A closed window is listed for the `shadowWindowYears` after it closed: R16 concerns new hires
 * (新招聘的教师), and a teacher ten years in is no longer one, so the list does not grow forever.
 */
export function shadowingException(ctx: Context, t: SolverTeacher, c: Clocks, home: SolverSchool): ExceptionReason | null {
  if (t.status !== 'active' && t.status !== 'on_leave') return null;
  if (shadowingDue(ctx, t, c, home)) return unmovableReason(t, c);
  const sinceHire = yearsUntilSeptember(t.hireDate, ctx.year);
  const W = ctx.p.shadowWindowYears;
  if (ctx.isVillageSchool(home) && !c.alreadyShadowed && sinceHire >= W && sinceHire < 2 * W) return 'window_closed';
  return null;
}

export const villageShadowing: MustMoveRule = {
  id: 'H6',
  policy: ['R16'],
  module: 'village-shadowing',
  kind: 'hard',
  title: 'a village-school teacher in the last year of the shadowWindowYears window, never shadowed, shadows at a host school',
  parameters: ['shadowWindowYears', 'hardPenalty'],
  // only shadowing meets it: a pin to a rotation does not (a pin never silences a rule)
  meets: (_ctx, c) => c.kind === 'shadowing',
  because: (p) => `R16 (shadowing within ${p.shadowWindowYears} years)`,
  reasons(ctx, c, _must, _q, say) {
    if (c.kind === 'shadowing')
      say(
        'R16_SHADOWING',
        `新任村小、教学点教师${ctx.p.shadowWindowYears}年内须到县城学校或乡镇中心校跟岗学习1年（已入职${yearsUntilSeptember(c.teacher.hireDate, ctx.year)}年）`,
      );
  },
  unmet(ctx, t, line) {
    const home = ctx.schoolById.get(t.schoolId)!;
    const { p } = ctx;
    if (line?.reasons.includes('PINNED')) {
      const to = ctx.schoolById.get(line.toSchoolId)!;
      return {
        rule: 'H6',
        ruleId: 'R16',
        teacherId: t.id,
        schoolId: home.id,
        amount: 1,
        pin: { teacherId: t.id, toSchoolId: to.id, kind: line.kind },
        message: `${t.name} (${home.name}), hired ${t.hireDate}, must shadow before the ${p.shadowWindowYears}-year window closes, and HR's pin sends the teacher to ${to.name} on a ${line.kind.replace('_', ' ')} instead (R16)`,
        messageZh: `${home.name}${t.name}（${t.hireDate}入职）须在${p.shadowWindowYears}年内跟岗学习1年，但人事股指定其到${to.name}${kindZh(line.kind)}`,
        remedy: `pin the teacher to shadowing at a county-town or central school instead, or remove the pin of ${t.name} to ${to.name}`,
      };
    }
    return {
      rule: 'H6',
      ruleId: 'R16',
      teacherId: t.id,
      schoolId: home.id,
      amount: 1,
      message: `${t.name} (${home.name}), hired ${t.hireDate}, must shadow at a county-town or township central school before the ${p.shadowWindowYears}-year window closes, and no host school has room`,
      messageZh: `${home.name}${t.name}（${t.hireDate}入职）须在${p.shadowWindowYears}年内跟岗学习1年，未能安排跟岗学校`,
      remedy: 'give a county-town or central school 编制 room for a shadowing teacher, or pin a host school',
    };
  },
};
