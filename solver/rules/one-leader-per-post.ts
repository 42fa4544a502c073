/**
 * H10 (R08, R07): one incoming leader per post and school. A leader rotation takes the same post
 * at another school (R08 一般不超过12年, R07 城乡交流), so two leaders rotated into one post would leave
 * one of them without it. Elastic like every rule row: two pins into the same post are a violation
 * naming both pins, not a model with no solution. Its slack costs 3 × hardPenalty: one leader too
 * many in a post could otherwise be traded for an H4 and an H2 slack (a leader rotation counts for
 * R01), and a post cannot hold two principals, while R08's 一般不超过 allows a logged exception.
 */
import type { Candidate } from '../rotation.js';
import { postZh } from '../domain.js';
import type { Pin, Violation } from '../types.js';
import { elasticRow, pinFields, type Rule } from './rule.js';

const pinOf = (c: Candidate): Pin => ({ teacherId: c.teacher.id, toSchoolId: c.to.id, kind: c.kind });

export const oneLeaderPerPost: Rule = {
  id: 'H10',
  policy: ['R08'],
  module: 'one-leader-per-post',
  kind: 'hard',
  title: 'at most one leader rotates into each post (principal, vice principal, party secretary) of a school',
  parameters: ['hardPenalty'],
  rows({ ctx, lp, slacks, candidates }) {
    const slots = new Map<string, Candidate[]>();
    for (const cd of candidates) {
      if (cd.kind !== 'leader_rotation') continue;
      const key = `${cd.to.id}|${cd.teacher.post}`;
      const list = slots.get(key);
      if (list) list.push(cd);
      else slots.set(key, [cd]);
    }
    for (const list of slots.values()) {
      if (list.length <= 1) continue;
      const pins = list.filter((c) => c.pinned).map(pinOf);
      elasticRow(
        lp,
        slacks,
        list.map((c) => [c.v, 1]),
        -Infinity,
        1,
        { rule: 'H10', ruleId: 'R08', cost: 3 * ctx.p.hardPenalty, schoolId: list[0].to.id, pins, detail: list[0].teacher.post },
      );
    }
  },
  violations({ ctx, slacks, lines }) {
    const out: Violation[] = [];
    for (const { s: sl, value } of slacks) {
      const s = ctx.schoolById.get(sl.schoolId!)!;
      const post = sl.detail ?? 'principal';
      const into = lines.filter((l) => l.kind === 'leader_rotation' && l.toSchoolId === s.id && ctx.teacherById.get(l.teacherId)!.post === post);
      const pinned = into.filter((l) => l.reasons.includes('PINNED'));
      const names = pinned.map((l) => ctx.teacherById.get(l.teacherId)!.name);
      out.push({
        rule: 'H10',
        ruleId: 'R08',
        schoolId: s.id,
        amount: Math.round(value),
        ...pinFields(pinned.map((l) => ({ teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }))),
        message: `School ${s.name}: ${into.length} leaders rotate into its one ${post.replace('_', ' ')} post${names.length ? `; pinned into it: ${names.join(', ')}` : ''}`,
        messageZh: `${s.name}${postZh(post)}岗位交流调入${into.length}人，超过1人${names.length ? `（人事股指定调入：${names.join('、')}）` : ''}`,
        remedy: names.length
          ? `remove the pin of ${names.slice(1).join(' or ') || names[0]} to ${s.name} (one leader per post), or pin that leader to another school`
          : 'keep one leader rotation into the post',
      });
    }
    return out;
  },
};
