/** H3 (R02): backbone teachers (骨干教师) are at least `backboneShare` of those rotated out of each quota school (or the county pool). */
import type { Candidate } from '../rotation.js';
import type { Violation } from '../types.js';
import { elasticRow, type ModelBuild, type Rule } from './rule.js';

export const backboneShare: Rule & { groupRow(b: ModelBuild, schoolId: string | undefined, movers: Candidate[]): void } = {
  id: 'H3',
  policy: ['R02'],
  module: 'backbone-share',
  kind: 'hard',
  title: 'backbone teachers are at least backboneShare of the teachers rotated out of a sending school',
  parameters: ['backboneShare', 'hardPenalty'],
  /** Σ backbone moves ≥ b · Σ moves, over the movers of one quota group (rotation-quota builds the groups) */
  groupRow({ ctx, lp, slacks }, schoolId, movers) {
    const { p } = ctx;
    if (!movers.length || p.backboneShare <= 0) return;
    elasticRow(
      lp,
      slacks,
      movers.map((c): [number, number] => [c.v, (c.teacher.backbone ? 1 : 0) - p.backboneShare]),
      0,
      Infinity,
      { rule: 'H3', ruleId: 'R02', cost: p.hardPenalty, schoolId, target: 0 },
    );
  },
  reasons(ctx, c, _must, quotaSchool, say) {
    if (quotaSchool && ctx.isReceiving(c.to) && c.kind !== 'shadowing' && c.teacher.backbone)
      say('R02_BACKBONE_SHARE', `骨干教师交流比例要求（不低于交流总数的${Math.round(ctx.p.backboneShare * 100)}%）`);
  },
  violations({ ctx, schools }) {
    const { p } = ctx;
    if (p.quotaScope === 'county') return []; // the county H2 violation words both
    const out: Violation[] = [];
    for (const s of schools) {
      if (s.backbone >= s.backboneRequired) continue;
      out.push({
        rule: 'H3',
        ruleId: 'R02',
        schoolId: s.schoolId,
        amount: s.backboneRequired - s.backbone,
        message: `School ${s.schoolName}: ${s.proposed} rotated, ${s.backbone} of them backbone teachers; at least ${s.backboneRequired} (${Math.round(p.backboneShare * 100)}%) must be backbone`,
        messageZh: `${s.schoolName}：交流${s.proposed}人，其中骨干教师${s.backbone}人，骨干教师不低于交流总数的${Math.round(p.backboneShare * 100)}%（应不少于${s.backboneRequired}人）`,
        remedy: 'make an eligible backbone teacher of this school available (no exemption, a receiving post in the subject), or lift an exclusion',
      });
    }
    return out;
  },
};
