/**
 * Why each line is there, by rule id, and the same in words for principals (Chinese): each rule
 * module words its own reason (rules/index.ts REASONS gives the order).
 */
import type { Context } from './context.js';
import type { Candidate } from './rotation.js';
import { itinerantCover, REASONS } from './rules/index.js';
import { crossesTownCountry } from './rules/principal-two-terms.js';
import type { MustMoveRule } from './rules/rule.js';
import { postZh } from './domain.js';

export function reasonsForMove(ctx: Context, c: Candidate, must: MustMoveRule | undefined, quotaSchool: boolean): { reasons: string[]; zh: string[] } {
  const reasons: string[] = [];
  const zh: string[] = [];
  const say = (id: string, text: string) => {
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

export function reasonsForItinerant(subject: string, hours: number, pinned: boolean, paired: boolean): { reasons: string[]; zh: string[] } {
  return itinerantCover.reasonsFor(subject, hours, pinned, paired);
}
