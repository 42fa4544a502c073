/**
 * S4 (R24): fill receiving schools' vacancies per subject; shortage subjects (紧缺学科) weigh
 * `shortageWeight`. The rows are per school and subject, shared with S8 (staffing-balance), which
 * owns the other side of each.
 */
import { subjectZh } from '../domain.js';
import { elasticRow, type Rule } from './rule.js';
import { staffingBalance } from './staffing-balance.js';

export const subjectVacancies: Rule = {
  id: 'S4',
  policy: ['R24'],
  module: 'subject-vacancies',
  kind: 'soft',
  title: 'fill receiving-school vacancies; shortage subjects count shortageWeight times',
  parameters: ['weightVacancy', 'shortageWeight', 'shortageSubjects', 'weightStaffing'],
  rows({ ctx, lp, slacks, candidates }) {
    const { p } = ctx;
    const bySubject = new Map<string, [number, number][]>();
    const term = (schoolId: string, subject: string, v: number, sign: number) => {
      const key = `${schoolId}|${subject}`;
      const list = bySubject.get(key);
      if (list) list.push([v, sign]);
      else bySubject.set(key, [[v, sign]]);
    };
    for (const cd of candidates) {
      term(cd.to.id, cd.subject, cd.v, 1);
      term(cd.from.id, cd.teacher.subjects[0], cd.v, -1);
    }
    for (const [key, terms] of bySubject) {
      const [schoolId, subject] = key.split('|');
      const s = ctx.schoolById.get(schoolId)!;
      const gap = ctx.need(s, subject) - ctx.staffIn(s, subject);
      // a shortfall at a receiving school is a vacancy (S4); at any other school it is S8's
      const shortCost = ctx.isReceiving(s) ? p.weightVacancy * (ctx.isShortage(subject) ? p.shortageWeight : 1) : p.weightStaffing;
      // in − out + short ≥ need − staff
      elasticRow(lp, slacks, terms, gap, Infinity, { rule: 'S4', ruleId: 'R24', cost: shortCost, schoolId, detail: subject });
      staffingBalance.surplusRow(lp, slacks, p, schoolId, subject, terms, gap);
    }
  },
  reasons(ctx, c, _must, _q, say) {
    if (c.kind === 'rotation' && ctx.need(c.to, c.subject) > ctx.staffIn(c.to, c.subject)) {
      if (ctx.isShortage(c.subject)) say('R24_SHORTAGE_SUBJECT', `补充紧缺学科（${subjectZh(c.subject)}）教师`);
      else say('R24_VACANCY', `补充${c.to.name}${subjectZh(c.subject)}学科缺员`);
    }
  },
};
