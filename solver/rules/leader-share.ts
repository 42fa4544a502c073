/**
 * S11 (R04): at most `maxLeaderShareRotated` (30%) of a school's leadership team (校长、副校长、书记
 * holding a post there on 1 September Y) leaves in one round, rounded down; one leader may always
 * move, so a small team is not frozen. 一般: a soft rule, each leader beyond the share costs
 * `weightLeaderShare`, more than any move's reward and less than a hard rule, so R08 (H4) and
 * R11 (H5) still move the leaders they name.
 */
import type { Context } from '../context.js';
import { isLeaderPost } from '../domain.js';
import type { Candidate } from '../rotation.js';
import type { SolverSchool } from '../types.js';
import { holdersAt, LEADER_POST_KINDS } from './one-leader-per-post.js';
import { elasticRow, type Rule } from './rule.js';

/** The school's leadership team on 1 September Y. */
export const leadershipTeam = (ctx: Context, s: SolverSchool) => LEADER_POST_KINDS.reduce((n, post) => n + holdersAt(ctx, s, post).length, 0);

/** How many of the team may leave in one round. */
export const leadersAllowedOut = (ctx: Context, team: number) => Math.max(1, Math.floor(ctx.p.maxLeaderShareRotated * team + 1e-9));

export const leaderShare: Rule = {
  id: 'S11',
  policy: ['R04'],
  module: 'leader-share',
  kind: 'soft',
  title: "at most maxLeaderShareRotated of a school's leadership team (rounded down, at least one) leaves in one round",
  parameters: ['maxLeaderShareRotated', 'weightLeaderShare'],
  sourceZh: '同一学校每次交流的校长、副校长的人数,一般不超过学校班子成员总数的30%。',
  rows({ ctx, lp, slacks, candidates }) {
    const out = new Map<string, Candidate[]>();
    for (const cd of candidates) {
      if (cd.kind !== 'leader_rotation' || !isLeaderPost(cd.teacher.post)) continue;
      const list = out.get(cd.from.id);
      if (list) list.push(cd);
      else out.set(cd.from.id, [cd]);
    }
    for (const [schoolId, list] of out) {
      const s = ctx.schoolById.get(schoolId)!;
      const allowed = leadersAllowedOut(ctx, leadershipTeam(ctx, s));
      // a row only where more leaders could leave than allowed (each leader has at most one move)
      if (new Set(list.map((c) => c.teacher.id)).size <= allowed) continue;
      elasticRow(
        lp,
        slacks,
        list.map((c): [number, number] => [c.v, 1]),
        -Infinity,
        allowed,
        { rule: 'S11', ruleId: 'R04', cost: ctx.p.weightLeaderShare, schoolId },
      );
    }
  },
};
