/**
 * H2 (R01): every year a sending school of the compulsory stages rotates at least ⌈q · E⌉ of its
 * eligible teachers (E, the clocks' `eligible`) to receiving schools; `quotaScope: county` pools it.
 */
import type { Context } from '../context.js';
import { STAGE_ZH, subjectZh } from '../domain.js';
import type { Candidate } from '../rotation.js';
import type { SolverSchool, SolverTeacher, Violation } from '../types.js';
import type { Clocks } from '../clocks.js';
import { backboneShare } from './backbone-share.js';
import { elasticRow, type Rule } from './rule.js';

/** A rotation or leader rotation from a quota school to a receiving school counts for R01 (and R02). */
export const countsForQuota = (ctx: Context, c: Pick<Candidate, 'kind' | 'from' | 'to'>) =>
  (c.kind === 'rotation' || c.kind === 'leader_rotation') && ctx.isReceiving(c.to) && ctx.isQuotaSchool(c.from);

/** Who the quota concerns: eligible teachers of a quota school, and volunteers there with the tenure (R09 opt-in). */
export const inQuotaPool = (ctx: Context, t: SolverTeacher, c: Clocks, home: SolverSchool) =>
  ctx.isQuotaSchool(home) && (c.eligible || (t.volunteer && c.yearsAtSchool >= ctx.p.tenureThresholdYears));

export const requiredOf = (share: number, n: number) => Math.ceil(share * n - 1e-9);

/**
 * Why R01 did not move a teacher whom nothing else keeps at home (the teacher page's why-not): the
 * school sends no quota, the teacher is not yet in its pool (too few years at the school), or is in
 * it while the quota was met by the colleagues chosen, or could not be met. `figures`: the school's
 * (with `quotaScope: county`, the county's) required and proposed count from the stored report.
 */
export function quotaWhyNot(ctx: Context, c: Clocks, home: SolverSchool, figures: { required: number; proposed: number } | undefined): string {
  const { p } = ctx;
  if (!ctx.isSending(home)) return 'R01：所在学校为乡村或薄弱学校，是接收学校，不承担交流比例';
  if (!ctx.isQuotaSchool(home)) return `R01：所在学校的学段（${STAGE_ZH[home.stage]}）不在每年交流比例要求之内`;
  const y = c.yearsAtSchool;
  if (y < p.tenureThresholdYears) return `R01：在本校连续任教${y}年，不满${p.tenureThresholdYears}年，尚不符合交流条件`;
  const who = p.quotaScope === 'county' ? '全县' : '本校';
  if (!figures) return `R01：符合交流条件（在本校连续任教${y}年），本方案未安排其交流`;
  if (figures.proposed >= figures.required) {
    return `R01：符合交流条件（在本校连续任教${y}年），${who}应交流${figures.required}人，已安排${figures.proposed}人，交流比例已由其他教师完成`;
  }
  return `R01：符合交流条件（在本校连续任教${y}年），${who}应交流${figures.required}人，仅能安排${figures.proposed}人：接收学校没有与其学科、学段相符且在${p.maxMoveKm}公里内的岗位`;
}

/** The three subjects most of a school's eligible teachers teach, in Chinese: where receiving posts would help. */
function mainSubjects(ctx: Context, schoolId: string): string {
  const counts = new Map<string, number>();
  for (const t of ctx.teachersAt.get(schoolId) ?? []) if (ctx.clocks.get(t.id)!.eligible) counts.set(t.subjects[0], (counts.get(t.subjects[0]) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([s]) => subjectZh(s))
    .join('、');
}

export const rotationQuota: Rule = {
  id: 'H2',
  policy: ['R01', 'R03'],
  module: 'rotation-quota',
  kind: 'hard',
  title: 'each sending school rotates at least ⌈rotationQuota · eligible⌉ teachers to receiving schools (the county view is R03)',
  parameters: ['rotationQuota', 'quotaScope', 'quotaStages', 'tenureThresholdYears', 'hardPenalty'],
  rows(b) {
    const { ctx, lp, slacks, candidates, model } = b;
    const { p } = ctx;
    const moversOut = new Map<string, Candidate[]>();
    for (const cd of candidates) {
      if (!countsForQuota(ctx, cd)) continue;
      const list = moversOut.get(cd.from.id);
      if (list) list.push(cd);
      else moversOut.set(cd.from.id, [cd]);
    }
    for (const s of ctx.input.schools) {
      if (!ctx.isQuotaSchool(s)) continue;
      const eligible = (ctx.teachersAt.get(s.id) ?? []).filter((t) => ctx.clocks.get(t.id)!.eligible).length;
      model.quota.set(s.id, { eligible, required: requiredOf(p.rotationQuota, eligible) });
    }
    const groups: { id?: string; schools: string[] }[] =
      p.quotaScope === 'county' ? [{ schools: [...model.quota.keys()] }] : [...model.quota.keys()].map((id) => ({ id, schools: [id] }));
    for (const g of groups) {
      const required = g.schools.reduce((n, id) => n + model.quota.get(id)!.required, 0);
      const movers = g.schools.flatMap((id) => moversOut.get(id) ?? []);
      if (required > 0) {
        elasticRow(
          lp,
          slacks,
          movers.map((c): [number, number] => [c.v, 1]),
          required,
          Infinity,
          { rule: 'H2', ruleId: 'R01', cost: p.hardPenalty, schoolId: g.id },
        );
      }
      // R02 counts among the same movers: its row follows each quota row
      backboneShare.groupRow(b, g.id, movers);
    }
  },
  reasons(ctx, c, _must, quotaSchool, say) {
    if (quotaSchool && ctx.isReceiving(c.to) && c.kind !== 'shadowing') {
      say('R01_QUOTA', `本校交流比例要求（城镇学校、优质学校每年交流不低于符合条件教师的${Math.round(ctx.p.rotationQuota * 100)}%）`);
    }
  },
  // from the figures recomputed from the lines, so nothing passes while the lines fall short
  violations({ ctx, schools, county }) {
    const { p } = ctx;
    const out: Violation[] = [];
    if (p.quotaScope === 'county') {
      if (!county.pass) {
        out.push({
          rule: 'H2',
          ruleId: 'R01',
          amount: Math.max(0, county.required - county.proposed),
          message: `County: ${county.eligible} eligible teachers, at least ${county.required} must rotate and ${requiredOf(p.backboneShare, county.proposed)} of them be backbone; ${county.proposed} rotated, ${county.backbone} backbone`,
          messageZh: `全县：符合交流条件教师${county.eligible}人，应交流不少于${county.required}人，实际${county.proposed}人（骨干${county.backbone}人）`,
          remedy: 'add receiving posts at rural or weak schools or widen maxMoveKm',
        });
      }
      return out;
    }
    for (const s of schools) {
      if (s.proposed >= s.required) continue;
      const subjects = mainSubjects(ctx, s.schoolId);
      out.push({
        rule: 'H2',
        ruleId: 'R01',
        schoolId: s.schoolId,
        amount: s.required - s.proposed,
        message: `School ${s.schoolName}: ${s.eligible} eligible teachers, at least ${s.required} must rotate (${Math.round(p.rotationQuota * 100)}%), only ${s.proposed} can be placed at a receiving school within ${p.maxMoveKm} km teaching ${subjects || 'their subjects'}`,
        messageZh: `${s.schoolName}：符合交流条件教师${s.eligible}人，应交流不少于${s.required}人，仅能安排${s.proposed}人`,
        remedy: `add receiving posts (vacancies or 编制 room) in ${subjects || 'these subjects'} at rural or weak schools, widen maxMoveKm, or pool the quota county-wide (quotaScope: county)`,
      });
    }
    return out;
  },
};
