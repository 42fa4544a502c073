/**
 * Why each line is there, by rule id, and the same in words for principals (Chinese).
 */
import { isRuralClass, yearsUntilSeptember } from './clocks.js';
import type { Context } from './context.js';
import type { Candidate } from './rotation.js';
import { subjectZh } from './subjects.js';

export function reasonsForMove(ctx: Context, c: Candidate, must: 'H4' | 'H5' | 'H6' | undefined, quotaSchool: boolean, backboneCounted: boolean): { reasons: string[]; zh: string[] } {
  const { p } = ctx;
  const t = c.teacher;
  const clocks = ctx.clocks.get(t.id)!;
  const reasons: string[] = [];
  const zh: string[] = [];
  const say = (id: string, text: string) => {
    reasons.push(id);
    zh.push(text);
  };
  if (c.pinned) say('PINNED', '人事股指定');
  if (c.kind === 'leader_rotation') {
    if (must === 'H4') say('R08_LEADER_TENURE', `在同一岗位连续任职${clocks.yearsInPost}年，领导人员在同一岗位任职一般不超过${p.leaderMaxYears}年`);
    if ((t.post === 'principal' || t.post === 'vice_principal') && clocks.yearsAtSchool >= p.principalTermYears * p.principalTerms) {
      say('R07_PRINCIPAL_TERMS', `在本校连续任职满${p.principalTerms}个任期（${clocks.yearsAtSchool}年），城乡交流`);
    }
  }
  if (c.kind === 'shadowing') say('R16_SHADOWING', `新任村小、教学点教师${p.shadowWindowYears}年内须到县城学校或乡镇中心校跟岗学习1年（已入职${yearsUntilSeptember(t.hireDate, ctx.year)}年）`);
  if (c.kind === 'rotation') {
    if (must === 'H5') say('R11_TITLE_PREREQUISITE', `拟于${t.seniorTitleApplicationYear}年申报高级职称，须有${p.seniorTitleRuralYears}年以上农村或薄弱学校任教经历`);
    else if (t.seniorTitleApplicationYear !== null && clocks.ruralYears < p.seniorTitleRuralYears && isRuralClass(c.to)) say('R11_TITLE_SOON', `${t.seniorTitleApplicationYear}年拟申报高级职称，尚无农村任教经历，优先安排`);
    if (t.volunteer) say('R09_VOLUNTEER', '本人申请交流');
  }
  if (quotaSchool && ctx.isReceiving(c.to) && c.kind !== 'shadowing') {
    say('R01_QUOTA', `本校交流比例要求（城镇学校、优质学校每年交流不低于符合条件教师的${Math.round(p.rotationQuota * 100)}%）`);
    if (backboneCounted && t.backbone) say('R02_BACKBONE_SHARE', `骨干教师交流比例要求（不低于交流总数的${Math.round(p.backboneShare * 100)}%）`);
  }
  if (c.kind !== 'shadowing' && clocks.yearsAtSchool >= p.tenureThresholdYears) say('R06_LONG_TENURE', `在本校连续任教${clocks.yearsAtSchool}年`);
  if (c.kind === 'rotation' && ctx.need(c.to, c.subject) > ctx.staffIn(c.to, c.subject)) {
    if (ctx.isShortage(c.subject)) say('R24_SHORTAGE_SUBJECT', `补充紧缺学科（${subjectZh(c.subject)}）教师`);
    else say('R24_VACANCY', `补充${c.to.name}${subjectZh(c.subject)}学科缺员`);
  }
  if (c.from.districtId === c.to.districtId) say('R21_SAME_DISTRICT', '同一学区内交流');
  if (ctx.paired(c.from, c.to)) say('R30_PAIRING', '结对共建学校');
  if (c.preferenceRank !== null) say('PREFERENCE', `本人意向学校（第${c.preferenceRank}志愿）`);
  return { reasons, zh };
}

export function reasonsForItinerant(subject: string, hours: number, pinned: boolean, paired: boolean): { reasons: string[]; zh: string[] } {
  const reasons = [...(pinned ? ['PINNED'] : []), 'R22_ITINERANT', 'R21_SAME_DISTRICT', 'R24_SHORTAGE_SUBJECT', ...(paired ? ['R30_PAIRING'] : [])];
  const zh = [...(pinned ? ['人事股指定'] : []), `学区内走教，每周${hours}课时`, '同一学区内', `补充紧缺学科（${subjectZh(subject)}）课时`, ...(paired ? ['结对共建学校'] : [])];
  return { reasons, zh };
}
