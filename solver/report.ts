/**
 * The compliance report: per sending school (eligible, required, proposed, backbone share,
 * pass/fail), the county view (R03), every broken hard rule in policy language with its remedy,
 * and the before/after indicators (R26 rural backbone share, R32 urban:rural bachelor ratio).
 * Pass/fail is recomputed from the returned lines, not taken from the model. Each violation is
 * worded by its rule's module (rules/); every non-zero slack of a hard rule is handed to its rule.
 */
import type { Context } from './context.js';
import { subjectZh } from './domain.js';
import { exceptionsOnRecord } from './exceptions.js';
import type { RotationModel } from './rotation.js';
import { ruleById, ruralUplift, schoolLossCap, VIOLATIONS } from './rules/index.js';
import { requiredOf } from './rules/rotation-quota.js';
import type { ReportInput, SlackRecord } from './rules/rule.js';
import type { Compliance, Line, SchoolCompliance, SchoolStaffing, Violation } from './types.js';

/** What the 走教 phase hands the report. */
export interface ItinerantOutcome {
  uncovered: { school: { name: string; id: string }; subject: string; hours: number }[];
  /** the 走教 rows' non-zero slacks (H11) */
  slacks: { s: SlackRecord; value: number }[];
  /** 走教 pins that cannot be kept (H9) */
  brokenPins: RotationModel['brokenPins'];
}

/**
 * Every school's staffing on 1 September Y before and after the lines (model.md "Placement over
 * time"): a full-time line (rotation, leader rotation, shadowing) moves where its teacher works; only
 * a line that takes the post along (Q16, ctx.movesPost) moves the home post (编制, H7). 走教 moves neither.
 */
export function staffingReport(ctx: Context, lines: Line[]): SchoolStaffing[] {
  const rows = new Map<string, SchoolStaffing>();
  for (const s of ctx.input.schools) {
    const working = (ctx.teachersAt.get(s.id) ?? []).filter((t) => ctx.countsWorking(t)).length;
    const posts = ctx.headcount(s);
    rows.set(s.id, {
      schoolId: s.id,
      approvedHeadcount: s.approvedHeadcount,
      homePostsBefore: posts,
      homePostsAfter: posts,
      workingBefore: working,
      workingAfter: working,
    });
  }
  for (const l of lines) {
    if (l.kind === 'itinerant') continue;
    const t = ctx.teacherById.get(l.teacherId);
    if (!t) continue;
    const from = rows.get(ctx.workingSchoolId(t));
    const to = rows.get(l.toSchoolId);
    if (ctx.countsWorking(t) && from && to) {
      from.workingAfter--;
      to.workingAfter++;
    }
    const home = rows.get(t.schoolId);
    if (ctx.holdsPost(t) && ctx.movesPost(l.kind) && home && to) {
      home.homePostsAfter--;
      to.homePostsAfter++;
    }
  }
  return [...rows.values()];
}

export function complianceReport(ctx: Context, model: RotationModel, values: Float64Array, lines: Line[], itinerant: ItinerantOutcome): Compliance {
  const { p } = ctx;
  const teacherLines = new Map(lines.filter((l) => l.kind !== 'itinerant').map((l) => [l.teacherId, l]));
  const schools: SchoolCompliance[] = [];
  // R01: the rotations out of each school to a receiving school, grouped in one pass over the lines
  const outOf = new Map<string, Line[]>();
  for (const l of lines) {
    if ((l.kind !== 'rotation' && l.kind !== 'leader_rotation') || !ctx.isReceiving(ctx.schoolById.get(l.toSchoolId)!)) continue;
    const list = outOf.get(l.fromSchoolId);
    if (list) list.push(l);
    else outOf.set(l.fromSchoolId, [l]);
  }
  for (const [schoolId, q] of model.quota) {
    const s = ctx.schoolById.get(schoolId)!;
    const out = outOf.get(schoolId) ?? [];
    const backbone = out.filter((l) => ctx.teacherById.get(l.teacherId)!.backbone).length;
    const backboneRequired = requiredOf(p.backboneShare, out.length);
    schools.push({
      schoolId,
      schoolName: s.name,
      eligible: q.eligible,
      required: q.required,
      proposed: out.length,
      backbone,
      backboneShare: out.length ? backbone / out.length : 0,
      backboneRequired,
      backboneMinShare: p.backboneShare,
      pass: out.length >= q.required && backbone >= backboneRequired,
    });
  }
  schools.sort((a, b) => Number(a.pass) - Number(b.pass) || a.schoolName.localeCompare(b.schoolName, 'zh'));
  const sum = (f: (s: SchoolCompliance) => number) => schools.reduce((n, s) => n + f(s), 0);
  const eligible = sum((s) => s.eligible);
  const proposed = sum((s) => s.proposed);
  const backbone = sum((s) => s.backbone);
  const county = {
    eligible,
    required: requiredOf(p.rotationQuota, eligible),
    proposed,
    backbone,
    share: eligible ? proposed / eligible : 0,
    backboneShare: proposed ? backbone / proposed : 0,
    pass: proposed >= requiredOf(p.rotationQuota, eligible) && backbone >= requiredOf(p.backboneShare, proposed),
  };

  // every non-zero slack, by rule: the rotation model's and the 走教 models'
  const nonZero = new Map<string, { s: SlackRecord; value: number }[]>();
  const keep = (s: SlackRecord, value: number) => {
    if (value <= 1e-6 || ruleById.get(s.rule)?.kind !== 'hard') return;
    nonZero.set(s.rule, [...(nonZero.get(s.rule) ?? []), { s, value }]);
  };
  for (const s of model.slacks) keep(s, values[s.v]);
  for (const { s, value } of itinerant.slacks) keep(s, value);
  const input = (rule: string): ReportInput => ({ ctx, model, values, lines, teacherLines, schools, county, slacks: nonZero.get(rule) ?? [] });

  const violations: Violation[] = [];
  // H4, H5, H6: the teachers a rule names, from the lines (a pin that breaks the rule is named by it)
  for (const [teacherId, rule] of model.mustMove) {
    const line = teacherLines.get(teacherId);
    if (line && rule.meets(ctx, { to: ctx.schoolById.get(line.toSchoolId)!, kind: line.kind as never })) continue;
    const t = ctx.teacherById.get(teacherId)!;
    const home = ctx.schoolById.get(t.schoolId)!;
    if (ctx.input.exclusions.some((e) => e.teacherId === teacherId && !e.toSchoolId)) {
      violations.push({
        rule: rule.id,
        ruleId: rule.policy[0],
        teacherId,
        schoolId: home.id,
        amount: 1,
        message: `${t.name} (${home.name}) must move under ${rule.because(p)}, but HR excluded the teacher from this plan`,
        messageZh: `${home.name}${t.name}按政策应交流，但已被人事股排除`,
        remedy: 'remove the exclusion, or record the exception and its reason',
      });
      continue;
    }
    violations.push(rule.unmet(ctx, t, line));
  }
  for (const rule of VIOLATIONS) violations.push(...rule.violations!(input(rule.id)));
  const brokenItinerant = ruleById.get('H9')!;
  if (itinerant.brokenPins.length) violations.push(...brokenItinerant.violations!({ ...input('H9'), model: { ...model, brokenPins: itinerant.brokenPins } }));
  // keep the H-order of model.md: H2, H3, H4 … H11
  const order = (v: Violation) => Number(v.rule.slice(1));
  violations.sort((a, b) => order(a) - order(b));

  const notices: string[] = [];
  for (const s of ctx.input.schools) {
    const base = ctx.headcount(s);
    if (base > s.approvedHeadcount) notices.push(`${s.name}: ${base} staff already above 编制 ${s.approvedHeadcount} before any move`);
  }
  // every uncovered subject is listed, no silent cap: one line per school and subject, bounded by the county itself
  for (const u of itinerant.uncovered)
    notices.push(
      `${u.school.name}: ${u.hours} weekly hours of ${subjectZh(u.subject)} remain uncovered after 走教 (no teacher of the 学区 with spare hours within ${p.itinerantMaxKm} km)`,
    );

  return {
    schools,
    staffing: staffingReport(ctx, lines),
    county,
    losses: schoolLossCap.losses(ctx, lines, model.quota, itinerant.uncovered),
    violations,
    notices,
    exceptions: exceptionsOnRecord(ctx, model, teacherLines),
    indicators: { before: ruralUplift.indicators(ctx, new Map()), after: ruralUplift.indicators(ctx, teacherLines) },
  };
}
