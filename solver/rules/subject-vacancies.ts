/**
 * S4 (R24): fill receiving schools' vacancies per subject; shortage subjects (紧缺学科) weigh
 * `shortageWeight`. The rows are per school and subject, shared with S8 (staffing-balance), which
 * owns the other side of each.
 */
import type { Context } from '../context.js';
import { subjectZh } from '../domain.js';
import type { Candidate } from '../rotation.js';
import { elasticRow, type Rule } from './rule.js';
import { staffingBalance } from './staffing-balance.js';

export const subjectVacancies: Rule & { claimants(ctx: Context, chosen: Candidate[]): Set<string> } = {
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
      const gap = ctx.staffingGap(s, subject);
      // a shortfall at a receiving school is a vacancy (S4); at any other school it is S8's
      const shortCost = ctx.isReceiving(s) ? p.weightVacancy * (ctx.isShortage(subject) ? p.shortageWeight : 1) : p.weightStaffing;
      // in − out + short ≥ need − staff
      elasticRow(lp, slacks, terms, gap, Infinity, { rule: 'S4', ruleId: 'R24', cost: shortCost, schoolId, detail: subject });
      staffingBalance.surplusRow(lp, slacks, p, schoolId, subject, terms, gap);
    }
  },
  /**
   * R24: which chosen rotations fill a vacancy. A subject's vacancies on 1 September Y are its need
   * minus the teachers working there after this plan's departures (every full-time line leaves its
   * teacher's working school, first subject) and before its arrivals; only that many lines into the
   * subject claim one, the first by teacher id (deterministic), the others fill nothing.
   */
  claimants(ctx, chosen) {
    const departing = new Map<string, number>();
    for (const c of chosen) {
      if (!ctx.countsWorking(c.teacher)) continue;
      const key = `${ctx.workingSchoolId(c.teacher)}|${c.teacher.subjects[0]}`;
      departing.set(key, (departing.get(key) ?? 0) + 1);
    }
    const into = new Map<string, Candidate[]>();
    for (const c of chosen) {
      if (c.kind !== 'rotation') continue;
      const key = `${c.to.id}|${c.subject}`;
      const list = into.get(key);
      if (list) list.push(c);
      else into.set(key, [c]);
    }
    const out = new Set<string>();
    for (const [key, list] of into) {
      const { to, subject } = list[0];
      const vacancies = Math.max(0, ctx.staffingGap(to, subject, departing.get(key) ?? 0));
      list.sort((a, b) => (a.teacher.id < b.teacher.id ? -1 : a.teacher.id > b.teacher.id ? 1 : 0));
      for (const c of list.slice(0, vacancies)) out.add(c.teacher.id);
    }
    return out;
  },
  reasons(ctx, c, _must, _q, say) {
    if (c.kind !== 'rotation') return;
    // judged with the plan's other lines once they are chosen; alone, a line claims if the subject is short at all
    const claims = ctx.vacancyClaimants ? ctx.vacancyClaimants.has(c.teacher.id) : ctx.staffingGap(c.to, c.subject) > 0;
    if (claims) {
      if (ctx.isShortage(c.subject)) say('R24_SHORTAGE_SUBJECT', `补充紧缺学科（${subjectZh(c.subject)}）教师`);
      else say('R24_VACANCY', `补充${c.to.name}${subjectZh(c.subject)}学科缺员`);
    }
  },
};
