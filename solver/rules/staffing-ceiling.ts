/**
 * H7 (R19): no school ends above its approved headcount (编制), or above where it already stands.
 * 编制 counts home posts (Q16 人走关系留): only a move that takes the post along changes it, a
 * leader rotation (a new post) or, when the plan says so, a rotation longer than three years.
 */
import type { Violation } from '../types.js';
import { elasticRow, pinFields, type Rule } from './rule.js';

export const staffingCeiling: Rule = {
  id: 'H7',
  policy: ['R19'],
  module: 'staffing-ceiling',
  kind: 'hard',
  title: 'no school ends above max(approved headcount 编制, its headcount today)',
  parameters: ['hardPenalty'],
  rows({ ctx, lp, slacks, candidates }) {
    const flows = new Map<string, [number, number][]>();
    const flow = (schoolId: string, v: number, sign: number) => {
      const list = flows.get(schoolId);
      if (list) list.push([v, sign]);
      else flows.set(schoolId, [[v, sign]]);
    };
    for (const cd of candidates) {
      if (!ctx.movesPost(cd.kind)) continue;
      flow(cd.to.id, cd.v, 1);
      flow(cd.from.id, cd.v, -1);
    }
    for (const [schoolId, terms] of flows) {
      if (!terms.some(([, sign]) => sign > 0)) continue;
      const s = ctx.schoolById.get(schoolId)!;
      const base = ctx.headcount(s);
      const room = Math.max(s.approvedHeadcount, base) - base;
      elasticRow(lp, slacks, terms, -Infinity, room, { rule: 'H7', ruleId: 'R19', cost: ctx.p.hardPenalty, schoolId });
    }
  },
  violations({ ctx, slacks, lines }) {
    const out: Violation[] = [];
    for (const { s: sl, value } of slacks) {
      const s = ctx.schoolById.get(sl.schoolId!)!;
      const over = Math.round(value);
      // name the pins into the school that were kept: they are what HR can undo
      const pinnedLines = lines.filter((l) => l.toSchoolId === s.id && l.reasons.includes('PINNED') && ctx.movesPost(l.kind));
      const pinnedIn = pinnedLines.map((l) => ctx.teacherById.get(l.teacherId)!.name);
      const byPins = pinnedIn.length ? `; pinned into it: ${pinnedIn.join(', ')}` : '';
      out.push({
        rule: 'H7',
        ruleId: 'R19',
        schoolId: s.id,
        amount: over,
        ...pinFields(pinnedLines.map((l) => ({ teacherId: l.teacherId, toSchoolId: l.toSchoolId, kind: l.kind }))),
        message: `School ${s.name} ends ${over} above its approved headcount (编制 ${s.approvedHeadcount}) after the moves${byPins}`,
        messageZh: `${s.name}交流后超出核定编制${over}人${pinnedIn.length ? `（人事股指定调入：${pinnedIn.join('、')}）` : ''}`,
        remedy: pinnedIn.length
          ? `remove the pin of ${pinnedIn.join(' or ')} to ${s.name}, or raise the school's 编制 allocation within the county total`
          : "raise the school's 编制 allocation within the county total",
      });
    }
    return out;
  },
};
