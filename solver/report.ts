/**
 * The compliance report: per sending school (eligible, required, proposed, backbone share,
 * pass/fail), the county view (R03), every broken hard rule in policy language with its remedy,
 * and the before/after indicators (R26 rural backbone share, R32 urban:rural bachelor ratio).
 * Pass/fail is recomputed from the returned lines, not taken from the model.
 */
import { isRuralClass } from './clocks.js';
import type { Context } from './context.js';
import type { RotationModel } from './rotation.js';
import { subjectZh } from './subjects.js';
import type { Compliance, Indicators, Line, SchoolCompliance, Violation } from './types.js';

const POST_ZH: Record<string, string> = { principal: '校长', vice_principal: '副校长', party_secretary: '党支部书记', teacher: '教师' };

export function complianceReport(ctx: Context, model: RotationModel, values: Float64Array, lines: Line[], uncovered: { school: { name: string; id: string }; subject: string; hours: number }[]): Compliance {
  const { p } = ctx;
  const teacherLines = new Map(lines.filter((l) => l.kind !== 'itinerant').map((l) => [l.teacherId, l]));
  const schools: SchoolCompliance[] = [];
  for (const [schoolId, q] of model.quota) {
    const s = ctx.schoolById.get(schoolId)!;
    const out = lines.filter((l) => (l.kind === 'rotation' || l.kind === 'leader_rotation') && l.fromSchoolId === schoolId && ctx.isReceiving(ctx.schoolById.get(l.toSchoolId)!));
    const backbone = out.filter((l) => ctx.teacherById.get(l.teacherId)!.backbone).length;
    const backboneRequired = Math.ceil(p.backboneShare * out.length - 1e-9);
    schools.push({
      schoolId, schoolName: s.name, eligible: q.eligible, required: q.required, proposed: out.length, backbone,
      backboneShare: out.length ? backbone / out.length : 0, backboneRequired,
      pass: out.length >= q.required && backbone >= backboneRequired,
    });
  }
  schools.sort((a, b) => Number(a.pass) - Number(b.pass) || a.schoolName.localeCompare(b.schoolName, 'zh'));
  const sum = (f: (s: SchoolCompliance) => number) => schools.reduce((n, s) => n + f(s), 0);
  const eligible = sum((s) => s.eligible);
  const proposed = sum((s) => s.proposed);
  const backbone = sum((s) => s.backbone);
  const county = {
    eligible, required: Math.ceil(p.rotationQuota * eligible - 1e-9), proposed, backbone,
    share: eligible ? proposed / eligible : 0, backboneShare: proposed ? backbone / proposed : 0,
    pass: proposed >= Math.ceil(p.rotationQuota * eligible - 1e-9) && backbone >= Math.ceil(p.backboneShare * proposed - 1e-9),
  };

  const violations: Violation[] = [];
  const subjectsOf = (schoolId: string) => {
    const counts = new Map<string, number>();
    for (const t of ctx.teachersAt.get(schoolId) ?? []) if (ctx.clocks.get(t.id)!.eligible) counts.set(t.subjects[0], (counts.get(t.subjects[0]) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => subjectZh(s)).join('、');
  };
  // H2/H3 from the recomputed figures, so nothing passes while the lines fall short
  const h2Groups = p.quotaScope === 'county' ? [] : schools;
  for (const s of h2Groups) {
    if (s.proposed < s.required) {
      const short = s.required - s.proposed;
      violations.push({
        rule: 'H2', ruleId: 'R01', schoolId: s.schoolId, amount: short,
        message: `School ${s.schoolName}: ${s.eligible} eligible teachers, at least ${s.required} must rotate (${Math.round(p.rotationQuota * 100)}%), only ${s.proposed} can be placed at a receiving school within ${p.maxMoveKm} km teaching ${subjectsOf(s.schoolId) || 'their subjects'}`,
        messageZh: `${s.schoolName}：符合交流条件教师${s.eligible}人，应交流不少于${s.required}人，仅能安排${s.proposed}人`,
        remedy: `add receiving posts (vacancies or 编制 room) in ${subjectsOf(s.schoolId) || 'these subjects'} at rural or weak schools, widen maxMoveKm, or pool the quota county-wide (quotaScope: county)`,
      });
    }
    if (s.backbone < s.backboneRequired) {
      violations.push({
        rule: 'H3', ruleId: 'R02', schoolId: s.schoolId, amount: s.backboneRequired - s.backbone,
        message: `School ${s.schoolName}: ${s.proposed} rotated, ${s.backbone} of them backbone teachers; at least ${s.backboneRequired} (${Math.round(p.backboneShare * 100)}%) must be backbone`,
        messageZh: `${s.schoolName}：交流${s.proposed}人，其中骨干教师${s.backbone}人，骨干教师不低于交流总数的${Math.round(p.backboneShare * 100)}%（应不少于${s.backboneRequired}人）`,
        remedy: 'make an eligible backbone teacher of this school available (no exemption, a receiving post in the subject), or lift an exclusion',
      });
    }
  }
  if (p.quotaScope === 'county' && !county.pass) {
    violations.push({
      rule: 'H2', ruleId: 'R01', amount: Math.max(0, county.required - proposed),
      message: `County: ${eligible} eligible teachers, at least ${county.required} must rotate and ${Math.ceil(p.backboneShare * proposed - 1e-9)} of them be backbone; ${proposed} rotated, ${backbone} backbone`,
      messageZh: `全县：符合交流条件教师${eligible}人，应交流不少于${county.required}人，实际${proposed}人（骨干${backbone}人）`,
      remedy: 'add receiving posts at rural or weak schools or widen maxMoveKm',
    });
  }
  for (const [teacherId, rule] of model.mustMove) {
    const line = teacherLines.get(teacherId);
    const t = ctx.teacherById.get(teacherId)!;
    const c = ctx.clocks.get(teacherId)!;
    const home = ctx.schoolById.get(t.schoolId)!;
    const met = line && (rule !== 'H5' || isRuralClass(ctx.schoolById.get(line.toSchoolId)!));
    if (met) continue;
    if (ctx.input.exclusions.some((e) => e.teacherId === teacherId && !e.toSchoolId)) {
      violations.push({
        rule, ruleId: rule === 'H4' ? 'R08' : rule === 'H5' ? 'R11' : 'R16', teacherId, schoolId: home.id, amount: 1,
        message: `${t.name} (${home.name}) must move under ${rule === 'H4' ? 'R08 (12 years in post)' : rule === 'H5' ? 'R11 (a rural year before the senior title)' : 'R16 (shadowing within 5 years)'}, but HR excluded the teacher from this plan`,
        messageZh: `${home.name}${t.name}按政策应交流，但已被人事股排除`,
        remedy: 'remove the exclusion, or record the exception and its reason',
      });
      continue;
    }
    if (rule === 'H4') {
      violations.push({
        rule, ruleId: 'R08', teacherId, schoolId: home.id, amount: 1,
        message: `${t.name} (${t.post.replace('_', ' ')}, ${home.name}) has held the same post for ${c.yearsInPost} years (at most ${p.leaderMaxYears}) and is not moved: no ${t.post.replace('_', ' ')} post at a fitting school within ${p.maxMoveKm} km is free`,
        messageZh: `${home.name}${POST_ZH[t.post]}${t.name}在同一岗位连续任职${c.yearsInPost}年，超过${p.leaderMaxYears}年，未能安排交流`,
        remedy: 'open a leader post of the same kind at another school, pin a move, or record an exception (一般不超过: a logged exception is allowed)',
      });
    } else if (rule === 'H5' && line?.reasons.includes('PINNED')) {
      // H9 over H5: HR pinned the applicant to a school that does not count as rural service
      const to = ctx.schoolById.get(line.toSchoolId)!;
      violations.push({
        rule, ruleId: 'R11', teacherId, schoolId: home.id, amount: 1,
        message: `${t.name} (${home.name}) plans to apply for the senior title in ${t.seniorTitleApplicationYear} without a rural year, and HR's pin sends the teacher to ${to.name}, which is neither rural nor weak (R11)`,
        messageZh: `${home.name}${t.name}拟于${t.seniorTitleApplicationYear}年申报高级职称，须有农村或薄弱学校任教经历，但人事股指定其到${to.name}（非乡村或薄弱学校）`,
        remedy: 'pin the teacher to a rural or weak school instead, or remove the pin',
      });
    } else if (rule === 'H5') {
      violations.push({
        rule, ruleId: 'R11', teacherId, schoolId: home.id, amount: 1,
        message: `${t.name} (${home.name}) plans to apply for the senior title in ${t.seniorTitleApplicationYear} with ${c.ruralYears} rural years (at least ${p.seniorTitleRuralYears} required) and cannot be placed at a rural or weak school teaching ${t.subjects.map(subjectZh).join('、')}`,
        messageZh: `${home.name}${t.name}拟于${t.seniorTitleApplicationYear}年申报高级职称，农村或薄弱学校任教经历不足${p.seniorTitleRuralYears}年，未能安排到乡村或薄弱学校`,
        remedy: `add a vacancy in ${t.subjects.map(subjectZh).join('、')} at a rural or weak school within ${p.maxMoveKm} km, or move the application year`,
      });
    } else {
      violations.push({
        rule, ruleId: 'R16', teacherId, schoolId: home.id, amount: 1,
        message: `${t.name} (${home.name}), hired ${t.hireDate}, must shadow at a county-town or township central school before the ${p.shadowWindowYears}-year window closes, and no host school has room`,
        messageZh: `${home.name}${t.name}（${t.hireDate}入职）须在${p.shadowWindowYears}年内跟岗学习1年，未能安排跟岗学校`,
        remedy: 'give a county-town or central school 编制 room for a shadowing teacher, or pin a host school',
      });
    }
  }
  for (const sl of model.slacks) {
    if (sl.rule !== 'H7' || values[sl.v] <= 1e-6) continue;
    const s = ctx.schoolById.get(sl.schoolId!)!;
    // name the pins into the school: they are what HR can undo (issue: which pin, which rule)
    const pinnedIn = lines.filter((l) => l.toSchoolId === s.id && l.reasons.includes('PINNED') && l.kind !== 'itinerant')
      .map((l) => ctx.teacherById.get(l.teacherId)!.name);
    const byPins = pinnedIn.length ? `; pinned into it: ${pinnedIn.join(', ')}` : '';
    violations.push({
      rule: 'H7', ruleId: 'R19', schoolId: s.id, amount: Math.round(values[sl.v]),
      message: `School ${s.name} ends ${Math.round(values[sl.v])} above its approved headcount (编制 ${s.approvedHeadcount}) after the moves${byPins}`,
      messageZh: `${s.name}交流后超出核定编制${Math.round(values[sl.v])}人${pinnedIn.length ? `（人事股指定调入：${pinnedIn.join('、')}）` : ''}`,
      remedy: pinnedIn.length
        ? `remove the pin of ${pinnedIn.join(' or ')} to ${s.name}, or raise the school's 编制 allocation within the county total`
        : 'raise the school\'s 编制 allocation within the county total',
    });
  }
  for (const bp of model.brokenPins) {
    const t = ctx.teacherById.get(bp.teacherId);
    const to = ctx.schoolById.get(bp.toSchoolId);
    violations.push({
      rule: 'H9', ruleId: 'R09', teacherId: bp.teacherId, schoolId: bp.toSchoolId, amount: 1,
      message: `The pin of ${t?.name ?? bp.teacherId} to ${to?.name ?? bp.toSchoolId} (${bp.kind}) cannot be kept: the teacher is ${bp.why} (H8)`,
      messageZh: `指定${t?.name ?? ''}到${to?.name ?? ''}的安排无法执行：该教师${bp.why.startsWith('exempt') ? '属暂缓交流情形' : '不在岗或非在编'}`,
      remedy: 'remove the pin, or correct the teacher\'s record (exemption, status, volunteer)',
    });
  }

  const notices: string[] = [];
  for (const s of ctx.input.schools) {
    const base = ctx.headcount(s);
    if (base > s.approvedHeadcount) notices.push(`${s.name}: ${base} staff already above 编制 ${s.approvedHeadcount} before any move`);
  }
  for (const u of uncovered.slice(0, 200)) notices.push(`${u.school.name}: ${u.hours} weekly hours of ${subjectZh(u.subject)} remain uncovered after 走教 (no teacher of the 学区 with spare hours within ${p.itinerantMaxKm} km)`);

  return { schools, county, violations, notices, indicators: { before: indicators(ctx, new Map()), after: indicators(ctx, teacherLines) } };
}

function indicators(ctx: Context, moves: Map<string, Line>): Indicators {
  let ruralN = 0, ruralBackbone = 0, ruralBachelor = 0, urbanN = 0, urbanBachelor = 0;
  for (const t of ctx.input.teachers) {
    if (!ctx.clocks.get(t.id)!.available) continue;
    const line = moves.get(t.id);
    const s = ctx.schoolById.get(line && line.kind !== 'shadowing' ? line.toSchoolId : t.schoolId);
    if (!s || !['primary', 'junior', 'nine_year'].includes(s.stage)) continue;
    const bachelor = ['bachelor', 'master', 'doctor'].includes(t.education);
    if (ctx.isReceiving(s)) {
      ruralN++;
      if (t.backbone) ruralBackbone++;
      if (bachelor) ruralBachelor++;
    } else {
      urbanN++;
      if (bachelor) urbanBachelor++;
    }
  }
  const ruralShare = ruralN ? ruralBachelor / ruralN : 0;
  const urbanShare = urbanN ? urbanBachelor / urbanN : 0;
  return {
    ruralBackboneShare: ruralN ? +(ruralBackbone / ruralN).toFixed(4) : 0,
    urbanRuralBachelorRatio: ruralShare ? +(urbanShare / ruralShare).toFixed(4) : 0,
  };
}
