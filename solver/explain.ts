/**
 * Why each line is there, by rule id, and the same in words for principals (Chinese): each rule
 * module words its own reason (rules/index.ts REASONS gives the order).
 */
import type { Context } from './context.js';
import type { Candidate } from './rotation.js';
import { itinerantCover, REASONS, subjectVacancies } from './rules/index.js';
import type { MustMoveRule } from './rules/rule.js';

/** R24: once the plan's lines are chosen, only as many lines into a subject as it has vacancies say 缺员 (S4 subjectVacancies.claimants). */
export function claimVacancies(ctx: Context, chosen: Candidate[]): void {
  ctx.vacancyClaimants = subjectVacancies.claimants(ctx, chosen);
}

export function reasonsForMove(ctx: Context, c: Candidate, must: MustMoveRule | undefined, quotaSchool: boolean): { reasons: string[]; zh: string[] } {
  const reasons: string[] = [];
  const zh: string[] = [];
  const say = (id: string, text: string) => {
    reasons.push(id);
    zh.push(text);
  };
  for (const rule of REASONS) rule.reasons!(ctx, c, must, quotaSchool, say);
  return { reasons, zh };
}

export function reasonsForItinerant(subject: string, hours: number, pinned: boolean, paired: boolean): { reasons: string[]; zh: string[] } {
  return itinerantCover.reasonsFor(subject, hours, pinned, paired);
}
