/**
 * H11 (R22, R21): 走教 within its limits. A teacher teaches at no more than itinerantMaxSchools − 1
 * host schools and never above maxWeeklyHours in all; a school gets no more hours than it misses;
 * a pinned 走教 line teaches at least one hour. Every one of these rows is elastic: a pin for a
 * teacher with no spare hours, or two pins of one teacher, is a violation naming the pin, not a
 * model with no solution.
 */
import type { LpModel } from '../lp.js';
import type { Parameters } from '../parameters.js';
import { subjectZh } from '../domain.js';
import type { Pin, SolverSchool, SolverTeacher, Violation } from '../types.js';
import { elasticRow, pinFields, type Rule, type SlackRecord } from './rule.js';

/** A 走教 candidate as the rows see it. */
export interface ItinerantCandidate {
  teacher: SolverTeacher;
  to: SolverSchool;
  subject: string;
  h: number;
  u: number;
  pinned: boolean;
}
const pinOf = (c: ItinerantCandidate): Pin => ({ teacherId: c.teacher.id, toSchoolId: c.to.id, kind: 'itinerant' });

export const itinerantLimits: Rule & {
  pinnedMinimum(lp: LpModel, slacks: SlackRecord[], p: Parameters, c: ItinerantCandidate): void;
  teacherRows(lp: LpModel, slacks: SlackRecord[], p: Parameters, list: ItinerantCandidate[]): void;
  shortageRow(lp: LpModel, slacks: SlackRecord[], p: Parameters, school: SolverSchool, subject: string, hours: number, list: ItinerantCandidate[]): void;
} = {
  id: 'H11',
  policy: ['R22', 'R21'],
  module: 'itinerant-limits',
  kind: 'hard',
  title: '走教: at most itinerantMaxSchools − 1 host schools and maxWeeklyHours in all per teacher; no more hours than a school misses',
  parameters: ['itinerantMaxSchools', 'maxWeeklyHours', 'itinerantMaxKm', 'hardPenalty'],
  pinnedMinimum(lp, slacks, p, c) {
    elasticRow(lp, slacks, [[c.h, 1]], 1, Infinity, {
      rule: 'H11',
      ruleId: 'R22',
      cost: p.hardPenalty,
      teacherId: c.teacher.id,
      schoolId: c.to.id,
      pins: [pinOf(c)],
      detail: 'pinned',
    });
  },
  teacherRows(lp, slacks, p, list) {
    const t = list[0].teacher;
    const pins = list.filter((c) => c.pinned).map(pinOf);
    const spare = Math.max(0, p.maxWeeklyHours - t.weeklyHours);
    elasticRow(
      lp,
      slacks,
      list.map((c) => [c.u, 1]),
      -Infinity,
      p.itinerantMaxSchools - 1,
      { rule: 'H11', ruleId: 'R22', cost: p.hardPenalty, teacherId: t.id, pins, detail: 'hosts' },
    );
    elasticRow(
      lp,
      slacks,
      list.map((c) => [c.h, 1]),
      -Infinity,
      spare,
      { rule: 'H11', ruleId: 'R22', cost: p.hardPenalty, teacherId: t.id, pins, detail: 'hours' },
    );
  },
  shortageRow(lp, slacks, p, school, subject, hours, list) {
    elasticRow(
      lp,
      slacks,
      list.map((c) => [c.h, 1]),
      -Infinity,
      hours,
      { rule: 'H11', ruleId: 'R22', cost: p.hardPenalty, schoolId: school.id, pins: list.filter((c) => c.pinned).map(pinOf), detail: `shortage:${subject}` },
    );
  },
  violations({ ctx, slacks }) {
    const { p } = ctx;
    const out: Violation[] = [];
    for (const { s, value } of slacks) {
      const t = s.teacherId ? ctx.teacherById.get(s.teacherId) : undefined;
      const school = s.schoolId ? ctx.schoolById.get(s.schoolId) : undefined;
      const pins = s.pins ?? [];
      const pinNames = pins.map((x) => `${ctx.teacherById.get(x.teacherId)?.name ?? x.teacherId} → ${ctx.schoolById.get(x.toSchoolId)?.name ?? x.toSchoolId}`);
      const remedy = pins.length ? `remove the pin (走教) of ${pinNames.join(' or ')}` : 'no action: the 走教 limits hold';
      const amount = Math.round(value * 100) / 100;
      if (s.detail === 'pinned') {
        out.push({
          rule: 'H11',
          ruleId: 'R22',
          teacherId: t?.id,
          schoolId: school?.id,
          amount,
          ...pinFields(pins),
          message: `The 走教 pin of ${t?.name} to ${school?.name} cannot be kept: the teacher has ${Math.max(0, p.maxWeeklyHours - (t?.weeklyHours ?? 0))} spare weekly hours (${t?.weeklyHours} of at most ${p.maxWeeklyHours}) left for it`,
          messageZh: `指定${t?.name ?? ''}到${school?.name ?? ''}走教的安排无法执行：该教师周课时已达上限（${p.maxWeeklyHours}节）或已用于其他走教`,
          remedy,
        });
      } else if (s.detail === 'hosts') {
        out.push({
          rule: 'H11',
          ruleId: 'R22',
          teacherId: t?.id,
          amount,
          ...pinFields(pins),
          message: `${t?.name} is pinned to 走教 at ${Math.round(value) + s.target} schools, above the ${s.target} host school(s) allowed (itinerantMaxSchools ${p.itinerantMaxSchools}, home included)${pins.length ? `: ${pinNames.join(', ')}` : ''}`,
          messageZh: `${t?.name ?? ''}走教学校超过${p.itinerantMaxSchools}所（含本校）`,
          remedy,
        });
      } else if (s.detail === 'hours') {
        out.push({
          rule: 'H11',
          ruleId: 'R22',
          teacherId: t?.id,
          amount,
          ...pinFields(pins),
          message: `${t?.name} teaches ${amount} weekly hours above ${p.maxWeeklyHours} with 走教 added`,
          messageZh: `${t?.name ?? ''}加上走教课时后周课时超过${p.maxWeeklyHours}节`,
          remedy,
        });
      } else {
        const subject = (s.detail ?? '').replace('shortage:', '');
        out.push({
          rule: 'H11',
          ruleId: 'R22',
          schoolId: school?.id,
          amount,
          ...pinFields(pins),
          message: `${school?.name} gets ${amount} weekly hours of ${subject} 走教 more than it misses (${s.target})`,
          messageZh: `${school?.name ?? ''}${subjectZh(subject)}走教课时超过缺额${s.target}节`,
          remedy,
        });
      }
    }
    return out;
  },
};
