/**
 * S7 (R26, R32): backbone and bachelor-degree teachers to rural schools; the report's before/after
 * indicators (R26 rural backbone share, R32 urban:rural bachelor ratio) are this rule's measure,
 * counted over active teachers where they work.
 */
import type { Context } from '../context.js';
import { COMPULSORY_STAGES, hasBachelor } from '../domain.js';
import type { Indicators, Line } from '../types.js';
import type { Rule } from './rule.js';

export const ruralUplift: Rule & { indicators(ctx: Context, moves: Map<string, Line>): Indicators } = {
  id: 'S7',
  policy: ['R26', 'R32'],
  module: 'rural-uplift',
  kind: 'soft',
  title: 'backbone and bachelor-degree teachers to rural schools',
  parameters: ['weightRuralUplift'],
  teacherReward(ctx, t, to, r) {
    if (ctx.isReceiving(to)) {
      if (t.backbone) r += ctx.p.weightRuralUplift;
      if (hasBachelor(t.education)) r += ctx.p.weightRuralUplift / 2;
    }
    return r;
  },
  indicators(ctx, moves) {
    let ruralN = 0,
      ruralBackbone = 0,
      ruralBachelor = 0,
      urbanN = 0,
      urbanBachelor = 0;
    // counted where people work on 1 September Y (model.md "Placement over time"): teachers hosted
    // from earlier years at the host, own teachers away not at home; this plan's full-time lines
    // (rotation, leader rotation, shadowing) move their teacher to the host
    for (const t of ctx.teachers) {
      if (!ctx.countsWorking(t)) continue;
      const line = moves.get(t.id);
      const s = ctx.schoolById.get(line && line.kind !== 'itinerant' ? line.toSchoolId : ctx.workingSchoolId(t));
      // R26 and R32 speak of compulsory-school teachers
      if (!s || !(COMPULSORY_STAGES as readonly string[]).includes(s.stage)) continue;
      const bachelor = hasBachelor(t.education);
      if (ctx.isReceiving(s)) {
        ruralN++;
        if (t.backbone) ruralBackbone++;
        if (bachelor) ruralBachelor++;
      } else {
        urbanN++;
        if (bachelor) urbanBachelor++;
      }
    }
    const ruralShare = ruralN ? ruralBachelor / ruralN : 0;
    const urbanShare = urbanN ? urbanBachelor / urbanN : 0;
    return {
      ruralBackboneShare: ruralN ? +(ruralBackbone / ruralN).toFixed(4) : 0,
      urbanRuralBachelorRatio: ruralShare ? +(urbanShare / ruralShare).toFixed(4) : 0,
    };
  },
};
