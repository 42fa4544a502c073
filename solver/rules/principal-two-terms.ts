/** S2 (R07): a principal or vice-principal after two full terms at one school rotates between town and country (原则上). */
import type { Clocks } from '../clocks.js';
import type { Context } from '../context.js';
import { isPrincipalPost } from '../domain.js';
import type { SolverSchool, SolverTeacher } from '../types.js';
import type { Rule } from './rule.js';

/** Who it concerns: principalTerms full terms of principalTermYears at the current school. */
export const twoTermsServed = (ctx: Context, t: SolverTeacher, c: Clocks) =>
  isPrincipalPost(t.post) && c.yearsAtSchool >= ctx.p.principalTermYears * ctx.p.principalTerms;
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
    if (c.kind === 'leader_rotation' && twoTermsServed(ctx, c.teacher, clocks))
      say('R07_PRINCIPAL_TERMS', `在本校连续任职满${ctx.p.principalTerms}个任期（${clocks.yearsAtSchool}年），城乡交流`);
  },
};
