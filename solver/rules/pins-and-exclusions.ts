/**
 * H9: HR's pins are kept and its exclusions left out. A pin is a fixed variable (lb = 1); a pin the
 * model cannot carry out (H8 forbids the move, the teacher or school is unknown, a later pin of the
 * same teacher replaced it) is reported by name with the remedy. A pin never silences another rule:
 * the rule's violation names the pin (H5, H7, H10, H11).
 */
import type { Context } from '../context.js';
import { PINNED_ZH } from '../domain.js';
import type { Pin, Violation } from '../types.js';
import { pinFields, type Rule } from './rule.js';

export interface BrokenPin extends Pin {
  why: 'not_in_post' | 'exempt' | 'unknown_teacher' | 'unknown_school' | 'replaced';
}

/** The rotation-phase pins (one per teacher: the last one given wins) and those that cannot be kept. */
export function rotationPins(ctx: Context): { pinOf: Map<string, Pin>; broken: BrokenPin[] } {
  const pinOf = new Map<string, Pin>();
  const broken: BrokenPin[] = [];
  for (const pin of ctx.input.pins) {
    if (pin.kind === 'itinerant') continue;
    const earlier = pinOf.get(pin.teacherId);
    if (earlier) broken.push({ ...earlier, why: 'replaced' });
    pinOf.set(pin.teacherId, pin);
  }
  for (const [teacherId, pin] of pinOf) {
    const t = ctx.teacherById.get(teacherId);
    const c = ctx.clocks.get(teacherId);
    // H8 before H9: nobody exempt, inactive or non-established is moved, pinned or not
    if (!t || !c || !ctx.schoolById.has(t.schoolId)) broken.push({ ...pin, why: 'unknown_teacher' });
    else if (!c.movable) broken.push({ ...pin, why: !c.available ? 'not_in_post' : 'exempt' });
    else if (!ctx.schoolById.has(pin.toSchoolId)) broken.push({ ...pin, why: 'unknown_school' });
    else continue;
    pinOf.delete(teacherId);
  }
  return { pinOf, broken };
}

/** The wording of a pin that cannot be kept, shared with the 走教 phase. */
export function brokenPinViolation(ctx: Context, bp: BrokenPin): Violation {
  const t = ctx.teacherById.get(bp.teacherId);
  const to = ctx.schoolById.get(bp.toSchoolId);
  const c = ctx.clocks.get(bp.teacherId);
  const tName = t?.name ?? bp.teacherId;
  const sName = to?.name ?? bp.toSchoolId;
  const why = {
    not_in_post: ['not in post (inactive, non-established or away)', '不在岗或非在编'],
    exempt: [`exempt (${c?.exemptReason}) and not a volunteer`, '属暂缓交流情形'],
    unknown_teacher: ['not in this snapshot of the county', '不在本次名单中'],
    unknown_school: ['pinned to a school not in this snapshot', '指定学校不在本次名单中'],
    replaced: ['pinned again: a later pin of the same teacher is kept', '另有一条指定安排'],
  }[bp.why];
  return {
    rule: 'H9',
    ruleId: bp.why === 'exempt' || bp.why === 'not_in_post' ? 'R09' : 'PINNED',
    teacherId: bp.teacherId,
    schoolId: bp.toSchoolId,
    amount: 1,
    ...pinFields([{ teacherId: bp.teacherId, toSchoolId: bp.toSchoolId, kind: bp.kind }]),
    message: `The pin of ${tName} to ${sName} (${bp.kind}) cannot be kept: the teacher is ${why[0]}${bp.why === 'exempt' || bp.why === 'not_in_post' ? ' (H8)' : ''}`,
    messageZh: `指定${t?.name ?? ''}到${to?.name ?? ''}的安排无法执行：${bp.why === 'exempt' || bp.why === 'not_in_post' ? '该教师' : ''}${why[1]}`,
    remedy:
      bp.why === 'replaced'
        ? `remove the pin of ${tName} to ${sName} (the other pin of the teacher is kept)`
        : "remove the pin, or correct the teacher's record (exemption, status, volunteer)",
  };
}

export const pinsAndExclusions: Rule = {
  id: 'H9',
  policy: [],
  module: 'pins-and-exclusions',
  kind: 'hard',
  title: 'pinned lines appear as pinned; excluded lines do not appear; a pin that cannot be kept is named',
  parameters: [],
  reasons(_ctx, c, _must, _q, say) {
    if (c.pinned) say('PINNED', PINNED_ZH);
  },
  violations({ ctx, model }) {
    return model.brokenPins.map((bp) => brokenPinViolation(ctx, bp));
  },
};
