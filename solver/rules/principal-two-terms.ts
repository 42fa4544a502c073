/**
 * S2 (R07): a principal or vice-principal after two full terms at one school rotates between town and
 * country (原则上). Terms count in the post (任职): from the post's start, or from the leader rotation
 * that brought the leader to this school (placement.ts postSince), not from years at the school.
 */
import type { Clocks } from '../clocks.js';
import type { Context } from '../context.js';
import { isPrincipalPost, postZh } from '../domain.js';
import type { SolverSchool, SolverTeacher } from '../types.js';
import type { Rule } from './rule.js';

/** Who it concerns: principalTerms full terms of principalTermYears in the post at the current school. */
export const twoTermsServed = (ctx: Context, t: SolverTeacher, c: Clocks) =>
  isPrincipalPost(t.post) && c.yearsInPost >= ctx.p.principalTermYears * ctx.p.principalTerms;
/** 城乡交流: the move crosses between sending (town) and receiving (country) schools. */
export const crossesTownCountry = (ctx: Context, from: SolverSchool, to: SolverSchool) => ctx.isSending(from) !== ctx.isSending(to);

export const principalTwoTerms: Rule = {
  id: 'S2',
  policy: ['R07'],
  module: 'principal-two-terms',
  kind: 'soft',
  title: 'a principal or vice-principal after two full terms at one school rotates town↔country',
  parameters: ['principalTermYears', 'principalTerms', 'weightPrincipalTerms'],
  moveReward(ctx, t, from, to, kind, _km, _rank, r) {
    if (kind === 'leader_rotation' && twoTermsServed(ctx, t, ctx.clocks.get(t.id)!) && crossesTownCountry(ctx, from, to)) r += ctx.p.weightPrincipalTerms;
    return r;
  },
  reasons(ctx, c, _must, _q, say) {
    const clocks = ctx.clocks.get(c.teacher.id)!;
    // R07 asks for 城乡交流 (which the line's own description then says, explain.ts): a leader line that stays in
    // town or in the country is there for another rule (R08, R11)
    if (c.kind === 'leader_rotation' && twoTermsServed(ctx, c.teacher, clocks) && crossesTownCountry(ctx, c.from, c.to))
      say('R07_PRINCIPAL_TERMS', `在本校${postZh(c.teacher.post)}岗位连续任职满${ctx.p.principalTerms}个任期（${clocks.yearsInPost}年）`);
  },
};
