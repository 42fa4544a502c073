/** S3 (R11): a teacher whose senior-title application is 2–3 years away and who lacks the rural year goes first, to a receiving school. */
import { isRuralClass } from '../clocks.js';
import type { Rule } from './rule.js';
import { seniorTitleRuralYear } from './senior-title-rural-year.js';

export const seniorTitleSoon: Rule = {
  id: 'S3',
  policy: ['R11'],
  module: 'senior-title-soon',
  kind: 'soft',
  title: 'a title application 2–3 years away without the rural year: rotate now, to a receiving school',
  parameters: ['seniorTitleRuralYears', 'weightTitleSoon'],
  teacherReward(ctx, t, to, r) {
    const app = t.seniorTitleApplicationYear;
    if (app !== null && app > ctx.year + 1 && app <= ctx.year + 3 && ctx.clocks.get(t.id)!.ruralYears < ctx.p.seniorTitleRuralYears && ctx.isReceiving(to))
      r += ctx.p.weightTitleSoon;
    return r;
  },
  reasons(ctx, c, must, _q, say) {
    const t = c.teacher;
    if (
      c.kind === 'rotation' &&
      must !== seniorTitleRuralYear &&
      t.seniorTitleApplicationYear !== null &&
      ctx.clocks.get(t.id)!.ruralYears < ctx.p.seniorTitleRuralYears &&
      isRuralClass(c.to)
    ) {
      say('R11_TITLE_SOON', `${t.seniorTitleApplicationYear}年拟申报高级职称，尚无农村任教经历，优先安排`);
    }
  },
};
