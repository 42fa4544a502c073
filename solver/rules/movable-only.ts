/**
 * H8 (R09): nobody exempt (unless volunteering), inactive, non-established or away is moved, and
 * subject and stage always fit: such a move has no variable. R09's opt-in: a volunteer may go.
 */
import type { Clocks } from '../clocks.js';
import type { Context } from '../context.js';
import { clockDay } from '../domain.js';
import type { ExceptionReason, SolverSchool, SolverTeacher } from '../types.js';
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

/**
 * Why H8 keeps a teacher from moving, or null when the teacher may move (or holds no post: retired
 * or left, whom no rule names). A hard rule that names such a teacher records an exception (Q12).
 */
export function unmovableReason(t: SolverTeacher, c: Clocks): Extract<ExceptionReason, 'on_leave' | 'not_established' | 'away' | 'exempt'> | null {
  if (t.status !== 'active' && t.status !== 'on_leave') return null;
  if (c.movable) return null;
  if (t.status === 'on_leave') return 'on_leave';
  if (!t.established) return 'not_established';
  if (c.awayNow) return 'away';
  return 'exempt';
}

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
