/** S1 (R06): teachers long at one school go first: a reward per year at or over the tenure threshold. */
import type { Context } from '../context.js';
import type { SolverTeacher } from '../types.js';
import type { Rule } from './rule.js';

/**
 * S1 (R06) on a teacher who stayed (the teacher page's why-not): the school's colleagues sent on a
 * rotation have all been at the school longer, so the model sent them first. Null otherwise.
 */
export function tenureWhyNot(ctx: Context, t: SolverTeacher, sent: SolverTeacher[]): string | null {
  if (sent.length === 0) return null;
  const y = ctx.clocks.get(t.id)!.yearsAtSchool;
  const fewest = Math.min(...sent.map((s) => ctx.clocks.get(s.id)!.yearsAtSchool));
  if (fewest <= y) return null;
  return `R06：本校优先安排在同一学校连续任教年限更长的教师（已安排交流的${sent.length}人在本校任教均不少于${fewest}年，本人${y}年）`;
}

export const longTenure: Rule = {
  id: 'S1',
  policy: ['R06'],
  module: 'long-tenure',
  kind: 'soft',
  title: 'longer tenure at one school first',
  parameters: ['tenureThresholdYears', 'weightTenure'],
  teacherReward(ctx, t, _to, r) {
    const c = ctx.clocks.get(t.id)!;
    if (c.yearsAtSchool >= ctx.p.tenureThresholdYears) r += ctx.p.weightTenure * (c.yearsAtSchool - ctx.p.tenureThresholdYears + 1);
    return r;
  },
  reasons(ctx, c, _must, _q, say) {
    const y = ctx.clocks.get(c.teacher.id)!.yearsAtSchool;
    if (c.kind !== 'shadowing' && y >= ctx.p.tenureThresholdYears) say('R06_LONG_TENURE', `在本校连续任教${y}年`);
  },
};
