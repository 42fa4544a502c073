/** H4 (R08): a movable leader (校长、副校长、书记) `leaderMaxYears` or more in the same post at the same school is moved to the same post elsewhere. */
import type { Clocks } from '../clocks.js';
import type { Context } from '../context.js';
import { postZh } from '../domain.js';
import type { ExceptionReason, SolverTeacher } from '../types.js';
import { unmovableReason } from './movable-only.js';
import type { MustMoveRule } from './rule.js';

/** Who it concerns: a leader whose years in the post reach the cap, movable or not. */
export const leaderDue = (ctx: Context, c: Clocks) => c.leader && c.yearsInPost >= ctx.p.leaderMaxYears;

/** A leader H4 names whom H8 keeps from moving (exempt, not established, on leave, away): the exception's reason (Q12, 一般不超过). */
export const leaderException = (ctx: Context, t: SolverTeacher, c: Clocks): ExceptionReason | null => (leaderDue(ctx, c) ? unmovableReason(t, c) : null);

export const leaderTwelveYears: MustMoveRule = {
  id: 'H4',
  policy: ['R08'],
  module: 'leader-twelve-years',
  kind: 'hard',
  title: 'a leader leaderMaxYears or more in the same post at one school moves to the same post at another school',
  parameters: ['leaderMaxYears', 'hardPenalty'],
  meets: () => true,
  because: (p) => `R08 (${p.leaderMaxYears} years in post)`,
  reasons(ctx, c, must, _q, say) {
    if (c.kind === 'leader_rotation' && must === leaderTwelveYears)
      say('R08_LEADER_TENURE', `在同一岗位连续任职${ctx.clocks.get(c.teacher.id)!.yearsInPost}年，领导人员在同一岗位任职一般不超过${ctx.p.leaderMaxYears}年`);
  },
  unmet(ctx, t: SolverTeacher) {
    const { p } = ctx;
    const c = ctx.clocks.get(t.id)!;
    const home = ctx.schoolById.get(t.schoolId)!;
    const post = t.post.replace('_', ' ');
    return {
      rule: 'H4',
      ruleId: 'R08',
      teacherId: t.id,
      schoolId: home.id,
      amount: 1,
      message: `${t.name} (${post}, ${home.name}) has held the same post for ${c.yearsInPost} years (at most ${p.leaderMaxYears}) and is not moved: no ${post} post at a fitting school within ${p.maxMoveKm} km is free`,
      messageZh: `${home.name}${postZh(t.post)}${t.name}在同一岗位连续任职${c.yearsInPost}年，超过${p.leaderMaxYears}年，未能安排交流`,
      remedy: 'open a leader post of the same kind at another school, pin a move, or record an exception (一般不超过: a logged exception is allowed)',
    };
  },
};
