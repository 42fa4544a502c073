/** S6: a teacher's preferred schools (a higher rank more), and a cost per km beyond the teacher's maximum distance. */
import type { Rule } from './rule.js';

export const preferences: Rule = {
  id: 'S6',
  policy: [],
  module: 'preferences',
  kind: 'soft',
  title: 'honour teacher preferences: ranked preferred schools, a maximum distance',
  parameters: ['weightPreference', 'weightBeyondMaxKm'],
  moveReward(ctx, t, _from, _to, _kind, km, prefRank, r) {
    if (prefRank !== null) r += ctx.p.weightPreference * (1 + 1 / prefRank);
    if (t.preferences.maxKm !== null && km > t.preferences.maxKm) r -= ctx.p.weightBeyondMaxKm * (km - t.preferences.maxKm);
    return r;
  },
  reasons(_ctx, c, _must, _q, say) {
    if (c.preferenceRank !== null) say('PREFERENCE', `本人意向学校（第${c.preferenceRank}志愿）`);
  },
};
