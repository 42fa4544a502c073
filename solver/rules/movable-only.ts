/**
 * H8 (R09): nobody exempt (unless volunteering), inactive, non-established or away is moved, and
 * subject and stage always fit: such a move has no variable. R09's opt-in: a volunteer may go.
 */
import type { Context } from '../context.js';
import type { SolverSchool, SolverTeacher } from '../types.js';
import type { Rule } from './rule.js';

/** R09 opt-in: a volunteer at a sending school is a candidate although not eligible by tenure. */
export const volunteers = (ctx: Context, t: SolverTeacher, home: SolverSchool) => t.volunteer && ctx.isSending(home);

export const movableOnly: Rule = {
  id: 'H8',
  policy: ['R09'],
  module: 'movable-only',
  kind: 'hard',
  title: 'nobody exempt (unless volunteering), inactive, non-established or away is moved; subject and stage fit',
  parameters: ['retirementExemptYears', 'retirementAgeMale', 'retirementAgeFemale'],
  reasons(_ctx, c, _must, _q, say) {
    if (c.kind === 'rotation' && c.teacher.volunteer) say('R09_VOLUNTEER', '本人申请交流');
  },
};
