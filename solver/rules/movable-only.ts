/**
 * H8 (R09): nobody exempt (unless volunteering), inactive, non-established or away is moved, and
 * subject and stage always fit: such a move has no variable. R09's opt-in: a volunteer may go.
 */
import type { Context } from '../context.js';
import { clockDay } from '../domain.js';
import type { SolverSchool, SolverTeacher } from '../types.js';
import type { Rule } from './rule.js';

/**
 * R09 opt-in: a volunteer at a sending school is a candidate although not eligible by tenure, but
 * not on the day she comes back from a rotation or shadowing (model.md "Placement over time": a
 * return restarts the count; nobody is sent out again the day they return).
 */
export const volunteers = (ctx: Context, t: SolverTeacher, home: SolverSchool) => t.volunteer && ctx.isSending(home) && !returnsThisYear(ctx, t);

/** Back home on 1 September Y from a rotation or shadowing that ended 31 August Y. */
export const returnsThisYear = (ctx: Context, t: SolverTeacher) =>
  t.serviceRecords.some((r) => (r.kind === 'rotation' || r.kind === 'shadowing') && r.to === clockDay(ctx.year) && r.schoolId !== t.schoolId);

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
