/** S8: every school's staffing per subject stays near its need: a surplus anywhere, and a shortfall at a non-receiving school (subject-vacancies' row), cost `weightStaffing` per teacher. */
import type { LpModel } from '../lp.js';
import type { Parameters } from '../parameters.js';
import { elasticRow, type Rule, type SlackRecord } from './rule.js';

export const staffingBalance: Rule & {
  surplusRow(lp: LpModel, slacks: SlackRecord[], p: Parameters, schoolId: string, subject: string, terms: [number, number][], gap: number): void;
} = {
  id: 'S8',
  policy: [],
  module: 'staffing-balance',
  kind: 'soft',
  title: 'staffing per school and subject near its need: surplus anywhere and shortfall at sending schools cost',
  parameters: ['weightStaffing'],
  /** in − out − surplus ≤ need − staff */
  surplusRow(lp, slacks, p, schoolId, subject, terms, gap) {
    elasticRow(lp, slacks, terms, -Infinity, gap, { rule: 'S8', ruleId: 'S8', cost: p.weightStaffing, schoolId, detail: subject });
  },
};
