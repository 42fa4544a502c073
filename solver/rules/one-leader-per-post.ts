/**
 * H10 (R08, R07): leaders hold posts. Each school has its leadership posts (`leaderPosts`: one
 * principal, party secretaries and vice principals by count; absent: one principal, and as many of
 * the others as are held on 1 September Y). A leader rotation (干部交流) moves a person into a post of
 * their kind, so it goes only where that post is vacant on 1 September Y (posts minus the holders
 * working there) or is vacated by another move of the same plan: chains and swaps are fine. And every
 * school that has a principal post ends the round with exactly one principal: a school without one
 * today, or whose principal leaves with nobody coming in, is a violation naming the school.
 *
 * Elastic like every rule row, so a proposal always comes back: two pins into one post are a
 * violation naming both pins. Its slack costs 3 × hardPenalty: a leader too many in a post could
 * otherwise be traded for an H4 and an H2 slack (a leader rotation counts for R01), and R08's
 * 一般不超过 allows a logged exception while a school cannot run with two principals or none.
 */
import type { Context } from '../context.js';
import { isLeaderPost, postZh } from '../domain.js';
import type { Candidate } from '../rotation.js';
import type { Line, Pin, SolverSchool, SolverTeacher, Violation } from '../types.js';
import { elasticRow, pinFields, type Rule } from './rule.js';

export type LeaderPost = 'principal' | 'party_secretary' | 'vice_principal';
export const LEADER_POST_KINDS: LeaderPost[] = ['principal', 'party_secretary', 'vice_principal'];

/** The leaders holding a post of this kind at the school on 1 September Y: active, working there, the post their home post. */
export const holdersAt = (ctx: Context, s: SolverSchool, post: string): SolverTeacher[] =>
  (ctx.teachersAt.get(s.id) ?? []).filter((t) => t.post === post && t.status === 'active' && t.schoolId === s.id);

/** The school's posts of this kind: from `leaderPosts`, else one principal and the others as held today. */
export function postsOf(ctx: Context, s: SolverSchool, post: string): number {
  const lp = s.leaderPosts;
  if (post === 'principal') return lp ? lp.principal : 1;
  if (!lp) return holdersAt(ctx, s, post).length;
  return post === 'party_secretary' ? lp.partySecretary : lp.vicePrincipals;
}

/** Posts of this kind vacant on 1 September Y, before the plan's moves. */
export const vacantPosts = (ctx: Context, s: SolverSchool, post: string) => Math.max(0, postsOf(ctx, s, post) - holdersAt(ctx, s, post).length);

const pinOf = (c: Candidate): Pin => ({ teacherId: c.teacher.id, toSchoolId: c.to.id, kind: c.kind });
const postWord = (post: string) => post.replace('_', ' ');

/** Principals working at the school after the plan's leader rotations. */
function principalsAfter(ctx: Context, s: SolverSchool, lines: Line[]): number {
  let n = holdersAt(ctx, s, 'principal').length;
  for (const l of lines) {
    if (l.kind !== 'leader_rotation' || ctx.teacherById.get(l.teacherId)?.post !== 'principal') continue;
    if (l.toSchoolId === s.id) n++;
    if (l.fromSchoolId === s.id) n--;
  }
  return n;
}

export const oneLeaderPerPost: Rule = {
  id: 'H10',
  policy: ['R08', 'R07'],
  module: 'one-leader-per-post',
  kind: 'hard',
  title:
    'a leader rotates only into a post of their kind that is vacant on 1 September or vacated by another move of the plan; every school with a principal post ends with exactly one principal',
  parameters: ['hardPenalty'],
  rows({ ctx, lp, slacks, candidates }) {
    const into = new Map<string, Candidate[]>();
    const out = new Map<string, Candidate[]>();
    const push = (m: Map<string, Candidate[]>, k: string, c: Candidate) => {
      const list = m.get(k);
      if (list) list.push(c);
      else m.set(k, [c]);
    };
    for (const cd of candidates) {
      if (cd.kind !== 'leader_rotation' || !isLeaderPost(cd.teacher.post)) continue;
      push(into, `${cd.to.id}|${cd.teacher.post}`, cd);
      push(out, `${cd.from.id}|${cd.teacher.post}`, cd);
    }
    const cost = 3 * ctx.p.hardPenalty;
    for (const s of ctx.input.schools) {
      for (const post of LEADER_POST_KINDS) {
        const ins = into.get(`${s.id}|${post}`) ?? [];
        const outs = out.get(`${s.id}|${post}`) ?? [];
        const terms: [number, number][] = [...ins.map((c): [number, number] => [c.v, 1]), ...outs.map((c): [number, number] => [c.v, -1])];
        const pins = ins.filter((c) => c.pinned).map(pinOf);
        const held = holdersAt(ctx, s, post).length;
        const posts = postsOf(ctx, s, post);
        if (post === 'principal' && posts >= 1) {
          // exactly one principal after the moves: held + in − out = 1
          if (!terms.length && held === 1) continue;
          elasticRow(lp, slacks, terms, 1 - held, 1 - held, { rule: 'H10', ruleId: 'R08', cost, schoolId: s.id, pins, detail: post, target: held });
          continue;
        }
        // in − out ≤ the posts vacant today: a move goes into a vacant post or one another move vacates
        if (!ins.length) continue;
        elasticRow(lp, slacks, terms, -Infinity, Math.max(0, posts - held), {
          rule: 'H10',
          ruleId: 'R08',
          cost,
          schoolId: s.id,
          pins,
          detail: post,
          target: held,
        });
      }
    }
  },
  violations({ ctx, slacks, lines }) {
    const out: Violation[] = [];
    for (const { s: sl, value } of slacks) {
      const s = ctx.schoolById.get(sl.schoolId!)!;
      const post = sl.detail ?? 'principal';
      if (sl.side === 'below') {
        // only the principal row has a lower bound: the school ends without a principal
        const held = sl.target;
        out.push({
          rule: 'H10',
          ruleId: 'R08',
          schoolId: s.id,
          amount: Math.round(value),
          message: `School ${s.name} has no principal after the moves: ${held ? 'its principal rotates out and nobody rotates in' : 'the principal post is vacant today and no principal can rotate in'}`,
          messageZh: `${s.name}交流后无校长（${held ? '现任校长交流离校，无人接任' : '校长岗位现空缺，无可交流的校长'}）`,
          remedy: `appoint or rotate a principal into ${s.name}${held ? ', or keep its principal' : ''}`,
        });
        continue;
      }
      const into = lines.filter((l) => l.kind === 'leader_rotation' && l.toSchoolId === s.id && ctx.teacherById.get(l.teacherId)!.post === post);
      const pinned = into.filter((l) => l.reasons.includes('PINNED'));
      const names = pinned.map((l) => ctx.teacherById.get(l.teacherId)!.name);
      const posts = postsOf(ctx, s, post);
      const after = post === 'principal' ? principalsAfter(ctx, s, lines) : null;
      out.push({
        rule: 'H10',
        ruleId: 'R08',
        schoolId: s.id,
        amount: Math.round(value),
        ...pinFields(pinned.map((l) => ({ teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }))),
        message: `School ${s.name}: ${into.length} leaders rotate into its ${posts} ${postWord(post)} post${posts === 1 ? '' : 's'} (${sl.target} held today)${after !== null ? `, ${after} principals after the moves` : ''}${names.length ? `; pinned into it: ${names.join(', ')}` : ''}`,
        messageZh: `${s.name}${postZh(post)}岗位${posts}个、现有${sl.target}人，交流调入${into.length}人，超出岗位${names.length ? `（人事股指定调入：${names.join('、')}）` : ''}`,
        remedy: names.length
          ? `remove the pin of ${names.slice(1).join(' or ') || names[0]} to ${s.name} (one leader per post), or pin that leader to another school`
          : into.length
            ? `keep leader rotations into ${s.name}'s ${postWord(post)} posts to the posts vacant or vacated`
            : `rotate one ${postWord(post)} out of ${s.name}, or correct its leadership posts`,
      });
    }
    return out;
  },
};
