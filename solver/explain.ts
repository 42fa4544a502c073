/**
 * Why each line is there, by rule id, and the same in words for principals (Chinese): each rule
 * module words its own reason (rules/index.ts REASONS gives the order). A reason is cited only
 * when its rule made the line: R01 only on the moves a school needed to reach its quota.
 */
import type { Context } from './context.js';
import { postZh } from './domain.js';
import type { Candidate, RotationModel } from './rotation.js';
import { itinerantCover, REASONS, subjectVacancies } from './rules/index.js';
import { crossesTownCountry } from './rules/principal-two-terms.js';
import type { MustMoveRule } from './rules/rule.js';
import { countsForQuota } from './rules/rotation-quota.js';

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
