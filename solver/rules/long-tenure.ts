/** S1 (R06): teachers long at one school go first: a reward per year at or over the tenure threshold. */
import type { Rule } from './rule.js';

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
