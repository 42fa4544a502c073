/**
 * The derived clocks, in one place. Every count is taken as of 31 August of the plan year Y (the
 * day before the moves take effect on 1 September Y) and counts whole academic years.
 */
import { academicYearStart, clockDay, isLeaderPost, YEAR_ENDS, YEAR_STARTS } from './domain.js';
import type { Parameters } from './parameters.js';
import { placementOn, type Placement } from './placement.js';
import type { SolverSchool, SolverTeacher } from './types.js';

const DAY = 86_400_000;
const toDay = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY);

/** Whole years from `from` to 1 September Y: a record starting 1 Sept Y-6 has 6 years. */
export function yearsUntilSeptember(from: string, year: number): number {
  const y = Number(from.slice(0, 4));
  return year - y - (from.slice(5) > YEAR_STARTS ? 1 : 0);
}

/** Age in whole years on 31 August Y; a birthday on 31 August counts as reached. */
export function ageOn31August(birthDate: string, year: number): number {
  return year - Number(birthDate.slice(0, 4)) - (birthDate.slice(5) > YEAR_ENDS ? 1 : 0);
}

/** R11: a school counts as rural when rural/township or flagged weak (薄弱). */
export function isRuralClass(s: Pick<SolverSchool, 'locality' | 'isWeak'>): boolean {
  return s.locality === 'rural' || s.locality === 'township' || s.isWeak;
}
export { isLeaderPost };

/** Kinds of ledger service that count as full-time service (走教 and 跟岗 do not, Q6). */
const FULL_TIME = new Set(['regular', 'rotation', 'leader_rotation']);

export interface Clocks {
  yearsAtSchool: number;
  yearsInPost: number;
  age: number;
  yearsToRetirement: number;
  /** R09: an exemption on record covering 1 September Y, or retirement within the window */
  exempt: boolean;
  exemptReason: string | null;
  /** active, established (在编), in post this year */
  available: boolean;
  /** R01 denominator: available, not exempt, ≥ tenure threshold years at the current school */
  eligible: boolean;
  /** may be moved: available and (not exempt or volunteered) */
  movable: boolean;
  ruralYears: number;
  leader: boolean;
  alreadyShadowed: boolean;
  /** away on a rotation/shadowing/leader rotation that covers 1 September Y */
  awayNow: boolean;
}

/** Each clock's name in Chinese, for the teacher page (GET /proposals/:id/teachers/:teacherId). */
export const CLOCK_LABEL_ZH: Record<keyof Clocks, string> = {
  yearsAtSchool: '在本校连续任教年限',
  yearsInPost: '现任岗位连续任职年限',
  age: '年龄（8月31日）',
  yearsToRetirement: '距法定退休年限',
  exempt: '暂缓交流（R09）',
  exemptReason: '暂缓交流原因',
  available: '在岗在编且未在外交流',
  eligible: '符合交流条件（计入本校交流比例，R01）',
  movable: '可安排交流',
  ruralYears: '农村或薄弱学校任教年限（R11）',
  leader: '学校领导岗位',
  alreadyShadowed: '已跟岗学习（R16）',
  awayNow: '正在外校交流或跟岗',
};

/**
 * R11/R17: rural service years are the whole years of full-time service at schools that were
 * rural/township/weak at that time, segments added up (overlaps counted once), plus prior years
 * from the personnel system. The current post counts when the current school is rural-class.
 */
export function ruralServiceYears(t: SolverTeacher, schoolById: Map<string, SolverSchool>, year: number, placement?: Placement): number {
  const asOf = toDay(clockDay(year));
  const spans: [number, number][] = [];
  for (const r of t.serviceRecords) {
    if (!r.ruralAtTheTime || !FULL_TIME.has(r.kind)) continue;
    const a = toDay(r.from);
    const b = Math.min(r.to ? toDay(r.to) : asOf, asOf);
    if (b >= a) spans.push([a, b]);
  }
  // the personnel system's post counts until a published leader rotation took the teacher elsewhere
  const home = schoolById.get(t.schoolId);
  if (home && isRuralClass(home)) {
    const a = toDay(t.schoolSince);
    const left = placement?.leftPersonnelPost ? toDay(placement.leftPersonnelPost) - 1 : asOf;
    const b = Math.min(asOf, left);
    if (b >= a) spans.push([a, b]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let days = 0;
  let cur: [number, number] | null = null;
  for (const s of spans) {
    if (cur && s[0] <= cur[1] + 1) cur[1] = Math.max(cur[1], s[1]);
    else {
      if (cur) days += cur[1] - cur[0] + 1;
      cur = [s[0], s[1]];
    }
  }
  if (cur) days += cur[1] - cur[0] + 1;
  // a whole academic year has 365 or 366 days
  return Math.floor(days / 365) + t.priorRuralYears;
}

/**
 * The clocks of a teacher for plan year Y, on the placement of 1 September Y before the plan's moves
 * (placement.ts): a teacher back from a rotation on that day starts again at 0 continuous years.
 */
export function clocksOf(
  t: SolverTeacher,
  schoolById: Map<string, SolverSchool>,
  year: number,
  p: Parameters,
  placement: Placement = placementOn(t, academicYearStart(year), p.longRotationMovesPost),
): Clocks {
  const sept1 = academicYearStart(year);
  const age = ageOn31August(t.birthDate, year);
  const retirementAge = t.gender === 'F' ? p.retirementAgeFemale : p.retirementAgeMale;
  const yearsToRetirement = retirementAge - age;
  const exemption = t.exemptions.find((e) => e.from <= sept1 && (e.to === null || e.to >= sept1));
  const retiring = yearsToRetirement < p.retirementExemptYears;
  const exempt = Boolean(exemption) || retiring;
  const awayNow = placement.awayRecord !== null;
  const available = t.status === 'active' && t.established && !awayNow;
  const yearsAtSchool = yearsUntilSeptember(placement.since, year);
  return {
    yearsAtSchool,
    yearsInPost: yearsUntilSeptember(placement.postSince, year),
    age,
    yearsToRetirement,
    exempt,
    exemptReason: exemption ? exemption.reason : retiring ? 'retirement' : null,
    available,
    eligible: available && !exempt && yearsAtSchool >= p.tenureThresholdYears,
    movable: available && (!exempt || t.volunteer),
    ruralYears: ruralServiceYears(t, schoolById, year, placement),
    leader: isLeaderPost(placement.homePost),
    alreadyShadowed: t.serviceRecords.some((r) => r.kind === 'shadowing'),
    awayNow,
  };
}
