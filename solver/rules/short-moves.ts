/** S5 (R21, R30): short moves: a cost per km, a bonus inside the same 学区 and along a 结对 pairing. */
import type { Rule } from './rule.js';

export const shortMoves: Rule = {
  id: 'S5',
  policy: ['R21', 'R30'],
  module: 'short-moves',
  kind: 'soft',
  title: 'short moves; the same 学区; pairing (结对) edges',
  parameters: ['weightKm', 'weightSameDistrict', 'weightPairing', 'maxMoveKm', 'candidateSchoolsPerTeacher', 'unknownDistanceKm'],
  moveReward(ctx, _t, from, to, _kind, km, _rank, r) {
    r -= ctx.p.weightKm * km;
    if (from.districtId === to.districtId) r += ctx.p.weightSameDistrict;
    if (ctx.paired(from, to)) r += ctx.p.weightPairing;
    return r;
  },
  reasons(ctx, c, _must, _q, say) {
    if (c.from.districtId === c.to.districtId) say('R21_SAME_DISTRICT', '同一学区内交流');
    if (ctx.paired(c.from, c.to)) say('R30_PAIRING', '结对共建学校');
  },
};
