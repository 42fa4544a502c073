/**
 * Why each line is there, by rule id, and the same in words for principals (Chinese): each rule
 * module words its own reason (rules/index.ts REASONS gives the order). A reason is cited only
 * when its rule made the line: R01 only on the moves a school needed to reach its quota.
 */
import type { Context } from './context.js';
import { postZh, TEACHER_STATUS_ZH, type TeacherStatus } from './domain.js';
import { notMovedBecauseZh } from './exceptions.js';
import type { Candidate, RotationModel } from './rotation.js';
import { itinerantCover, REASONS, subjectVacancies } from './rules/index.js';
import { crossesTownCountry } from './rules/principal-two-terms.js';
import type { MustMoveRule } from './rules/rule.js';
import { tenureWhyNot } from './rules/long-tenure.js';
import { unmovableReason } from './rules/movable-only.js';
import { countsForQuota, quotaWhyNot } from './rules/rotation-quota.js';
import type { Compliance, LineKind } from './types.js';

/** R24: once the plan's lines are chosen, only as many lines into a subject as it has vacancies say 缺员 (S4 subjectVacancies.claimants). */
export function claimVacancies(ctx: Context, chosen: Candidate[]): void {
  ctx.vacancyClaimants = subjectVacancies.claimants(ctx, chosen);
}

/**
 * The moves R01 made: per quota school (or pooled, `quotaScope: county`) the first `required` of
 * its moves that count for the quota. Teachers no hard rule names come first (H4/H5 would move
 * the others anyway), then the longest at the school (S1, R06, who the model sends first), then
 * by id: deterministic. The school's further moves are there for their other reasons.
 */
export function movesTheQuotaNeeds(ctx: Context, model: Pick<RotationModel, 'quota' | 'mustMove'>, chosen: Candidate[]): Set<Candidate> {
  const needed = new Set<Candidate>();
  const bySchool = new Map<string, Candidate[]>();
  for (const c of chosen) {
    if (!model.quota.has(c.from.id) || !countsForQuota(ctx, c)) continue;
    const key = ctx.p.quotaScope === 'county' ? '' : c.from.id;
    bySchool.set(key, [...(bySchool.get(key) ?? []), c]);
  }
  const years = (c: Candidate) => ctx.clocks.get(c.teacher.id)!.yearsAtSchool;
  for (const [key, moves] of bySchool) {
    const schools = key === '' ? [...model.quota.keys()] : [key];
    const required = schools.reduce((n, id) => n + model.quota.get(id)!.required, 0);
    moves.sort(
      (a, b) =>
        Number(model.mustMove.has(a.teacher.id)) - Number(model.mustMove.has(b.teacher.id)) ||
        years(b) - years(a) ||
        (a.teacher.id < b.teacher.id ? -1 : a.teacher.id > b.teacher.id ? 1 : 0),
    );
    for (const c of moves.slice(0, required)) needed.add(c);
  }
  return needed;
}

/** `neededForQuota`: the move is one R01 made (movesTheQuotaNeeds); without it the line does not cite R01. */
export function reasonsForMove(
  ctx: Context,
  c: Candidate,
  must: MustMoveRule | undefined,
  quotaSchool: boolean,
  neededForQuota = quotaSchool,
): { reasons: string[]; zh: string[] } {
  const reasons: string[] = [];
  const zh: string[] = [];
  const say = (id: string, text: string) => {
    if (id === 'R01_QUOTA' && !neededForQuota) return;
    reasons.push(id);
    zh.push(text);
  };
  for (const rule of REASONS) rule.reasons!(ctx, c, must, quotaSchool, say);
  if (c.kind === 'leader_rotation') zh.push(leaderMoveZh(ctx, c));
  return { reasons, zh };
}

/**
 * What a leader line is (H10: a post of the same kind elsewhere): 城乡交流 (R07) only when it crosses
 * between town and country; otherwise it says which side it stays on.
 */
export function leaderMoveZh(ctx: Context, c: Pick<Candidate, 'teacher' | 'from' | 'to'>): string {
  const post = postZh(c.teacher.post);
  if (crossesTownCountry(ctx, c.from, c.to)) return `${post}岗位城乡交流（${ctx.isSending(c.from) ? '城镇到乡村' : '乡村到城镇'}）`;
  return `${post}岗位校际交流（${ctx.isSending(c.from) ? '城镇学校之间' : '乡村或薄弱学校之间'}）`;
}

/** `sameDistrict`: from and to in one 学区 (a pinned 走教 line may cross 学区, R21 is then not its reason). */
export function reasonsForItinerant(
  subject: string,
  hours: number,
  pinned: boolean,
  paired: boolean,
  sameDistrict: boolean,
): { reasons: string[]; zh: string[] } {
  return itinerantCover.reasonsFor(subject, hours, pinned, paired, sameDistrict);
}

/** What a why-not reads besides the snapshot: the proposal's stored report and who it moved. */
export interface WhyNotFacts {
  compliance: Pick<Compliance, 'schools' | 'county' | 'exceptions' | 'violations'>;
  /** the kind of each teacher's line in the proposal (the non-itinerant one where there are two) */
  moved: Map<string, LineKind>;
}

/**
 * Why a teacher of the snapshot has no line in the proposal, in the words of the rules that kept
 * them (the teacher page, issue #12): HR's exclusion (H9), the exceptions on record and the
 * violations naming them (Q12), H8's reasons (R09: exempt, not established, on leave, away), R01's
 * pool and quota, and S1's order (R06). Each rule module words its own part; reproducible from
 * the stored snapshot and report alone.
 */
export function whyNotMoved(ctx: Context, teacherId: string, facts: WhyNotFacts): string[] {
  const t = ctx.teacherById.get(teacherId);
  if (!t) return [];
  const c = ctx.clocks.get(t.id)!;
  const out: string[] = [];
  const say = (text: string) => {
    if (!out.includes(text)) out.push(text);
  };
  // H9: HR's decisions come first; a full exclusion is the whole answer, with the exceptions it made
  let excluded = false;
  for (const e of ctx.input.exclusions) {
    if (e.teacherId !== t.id) continue;
    if (e.toSchoolId) say(`人事股排除了到${ctx.schoolById.get(e.toSchoolId)?.name ?? e.toSchoolId}的安排`);
    else {
      excluded = true;
      say(`${notMovedBecauseZh(ctx, t, 'excluded')}，本方案不安排其交流`);
    }
  }
  // Q12: a hard rule (R08, R11, R16) names the teacher, who is not moved: on record with its reason
  const exceptions = facts.compliance.exceptions.filter((e) => e.teacherId === t.id);
  for (const e of exceptions) say(`${e.ruleId}：${e.messageZh}`);
  for (const v of facts.compliance.violations) {
    if (v.teacherId === t.id && !exceptions.some((e) => e.rule === v.rule)) say(`${v.ruleId}：${v.messageZh}`);
  }
  if (excluded) return out;
  if (t.status !== 'active' && t.status !== 'on_leave') {
    say(`${TEACHER_STATUS_ZH[t.status as TeacherStatus] ?? t.status}，不参加交流`);
    return out;
  }
  // H8 (R09): who may not be moved at all; an exempt volunteer may, but is not in R01's pool
  const unmovable = unmovableReason(t, c) ?? (c.exempt ? 'exempt' : null);
  if (unmovable) {
    const because = notMovedBecauseZh(ctx, t, unmovable);
    if (!out.some((s) => s.includes(because))) say(`R09：${because}`);
    return out;
  }
  const home = ctx.schoolById.get(t.schoolId);
  if (!home) return out;
  // R01: the school's quota; S1 (R06): who it sent first
  const figures = ctx.p.quotaScope === 'county' ? facts.compliance.county : facts.compliance.schools.find((s) => s.schoolId === home.id);
  say(quotaWhyNot(ctx, c, home, figures));
  const sent = (ctx.homePostsAt.get(home.id) ?? []).filter((m) => m.id !== t.id && facts.moved.get(m.id) === 'rotation');
  const order = c.eligible ? tenureWhyNot(ctx, t, sent) : null;
  if (order) say(order);
  return out;
}
