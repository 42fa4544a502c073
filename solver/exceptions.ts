/**
 * Exceptions on record (Q12): every teacher whom a hard rule (H4 R08, H5 R11, H6 R16) names but who
 * is not moved as it asks, with the reason. 原则上/一般 allow an exception, never a silent one: a
 * teacher the model cannot move (exempt, not established, on leave, away, a shadowing window that
 * already closed) is listed here, and one HR excluded or pinned elsewhere is listed here as well
 * as named by the rule's violation. Who each rule names comes from the rule's own module.
 */
import type { Context } from './context.js';
import { EXEMPTION_REASON_ZH, postZh, type ExemptionReason } from './domain.js';
import type { RotationModel } from './rotation.js';
import { leaderException } from './rules/leader-twelve-years.js';
import { seniorTitleException } from './rules/senior-title-rural-year.js';
import { shadowingException } from './rules/village-shadowing.js';
import type { ExceptionReason, ExceptionRecord, Line, SolverSchool, SolverTeacher } from './types.js';

type HardRule = ExceptionRecord['rule'];
const POLICY: Record<HardRule, ExceptionRecord['ruleId']> = { H4: 'R08', H5: 'R11', H6: 'R16' };

export function exceptionsOnRecord(ctx: Context, model: RotationModel, teacherLines: Map<string, Line>): ExceptionRecord[] {
  const out: ExceptionRecord[] = [];
  const excluded = new Set(ctx.input.exclusions.filter((e) => !e.toSchoolId).map((e) => e.teacherId));
  for (const t of ctx.teachers) {
    const home = ctx.schoolById.get(t.schoolId);
    if (!home) continue;
    const c = ctx.clocks.get(t.id)!;
    const record = (rule: HardRule, reason: ExceptionReason) => out.push(worded(ctx, t, home, rule, reason));
    const must = model.mustMove.get(t.id);
    if (must) {
      // movable and named: moved as asked, or an HR decision (also a violation), or no room (a violation only)
      const line = teacherLines.get(t.id);
      if (line && must.meets(ctx, { to: ctx.schoolById.get(line.toSchoolId)!, kind: line.kind as never })) continue;
      if (excluded.has(t.id)) record(must.id as HardRule, 'excluded');
      else if (line?.reasons.includes('PINNED')) record(must.id as HardRule, 'pinned_elsewhere');
      continue;
    }
    const h4 = leaderException(ctx, t, c);
    if (h4) record('H4', h4);
    const h5 = seniorTitleException(ctx, t, c, home);
    if (h5) record('H5', h5);
    const h6 = shadowingException(ctx, t, c, home);
    if (h6) record('H6', h6);
  }
  const order = (e: ExceptionRecord) => Number(e.rule.slice(1));
  return out.sort((a, b) => order(a) - order(b));
}

/**
 * Why a teacher is not moved, in the policy's words: the exceptions on record and the teacher page's
 * why-not (explain.ts whyNotMoved) say it alike.
 */
export function notMovedBecauseZh(ctx: Context, t: SolverTeacher, reason: ExceptionReason): string {
  const { p } = ctx;
  const c = ctx.clocks.get(t.id)!;
  const exemptZh =
    c.exemptReason === 'retirement' ? `距法定退休不足${p.retirementExemptYears}年` : (EXEMPTION_REASON_ZH[c.exemptReason as ExemptionReason] ?? '');
  const becauseZh: Record<ExceptionReason, string> = {
    exempt: `按规定不参加交流（${exemptZh}）`,
    not_established: '非在编人员',
    on_leave: '长期离岗中',
    away: '正在外校交流或跟岗',
    window_closed: `入职已满${p.shadowWindowYears}年，跟岗期限已过`,
    excluded: '已被人事股排除',
    pinned_elsewhere: '人事股另有指定',
  };
  return becauseZh[reason];
}

function worded(ctx: Context, t: SolverTeacher, home: SolverSchool, rule: HardRule, reason: ExceptionReason): ExceptionRecord {
  const { p } = ctx;
  const c = ctx.clocks.get(t.id)!;
  const because: Record<ExceptionReason, string> = {
    exempt: `is exempt (${c.exemptReason})`,
    not_established: 'is not established (非在编)',
    on_leave: 'is on leave',
    away: 'is away on an earlier move',
    window_closed: `was hired ${t.hireDate}: the ${p.shadowWindowYears}-year window closed without shadowing`,
    excluded: 'was excluded by HR',
    pinned_elsewhere: 'is pinned by HR to a move the rule does not accept',
  };
  const asks: Record<HardRule, { en: string; zh: string }> = {
    H4: {
      en: `has held the ${t.post.replace('_', ' ')} post for ${c.yearsInPost} years (at most ${p.leaderMaxYears}, R08)`,
      zh: `${postZh(t.post)}在同一岗位连续任职${c.yearsInPost}年，一般不超过${p.leaderMaxYears}年`,
    },
    H5: {
      en: `applies for the senior title in ${t.seniorTitleApplicationYear} with ${c.ruralYears} rural years (at least ${p.seniorTitleRuralYears}, R11)`,
      zh: `拟于${t.seniorTitleApplicationYear}年申报高级职称，农村或薄弱学校任教经历不足${p.seniorTitleRuralYears}年`,
    },
    H6: {
      en: `was hired ${t.hireDate} at a village school and has not shadowed (R16, within ${p.shadowWindowYears} years)`,
      zh: `村小、教学点新任教师（${t.hireDate}入职），${p.shadowWindowYears}年内须跟岗学习1年，尚未跟岗`,
    },
  };
  return {
    rule,
    ruleId: POLICY[rule],
    teacherId: t.id,
    schoolId: home.id,
    reason,
    message: `${t.name} (${home.name}) ${asks[rule].en} and ${because[reason]}: an exception on record, its reason to be given (Q12)`,
    messageZh: `${home.name}${t.name}${asks[rule].zh}；${notMovedBecauseZh(ctx, t, reason)}，作为例外登记，须说明理由`,
  };
}
