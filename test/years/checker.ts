// An independent checker of one planned year (issue 11, "Year after year").
//
// It shares NO code with the project: nothing is imported from solver/ or src/. It reads only what
// the REST API answers (schools, teachers, each teacher's service ledger, the proposal's lines and
// its compliance report, the plan's effective parameters), does its own date arithmetic on
// 'YYYY-MM-DD' strings, and says where the proposal contradicts the spec (shared/spec/model.md
// "Placement over time", "Who is who", H1–H9; policy-rules Q16, R01, R02, R08, R11, R16, R19, R24).
//
// Its readings of the spec, written down so a disagreement can be argued with:
// - Home post on 1 September Y: the teacher's school and post in the personnel data, unless a
//   leader_rotation record (a post of its own, R08) covers the date, whose school and post win.
//   A rotation of ≤ 3 years keeps the post at home (人走关系留, Q16); longer ones count at the host.
// - Working school on 1 September Y: the host of a rotation / leader_rotation / shadowing record
//   covering the date, else home. A record ending 31 August Y is a return: the teacher works at
//   home on 1 September Y. 走教 (itinerant) never moves the working school.
// - 编制 (H7, R19) counts established (在编) teachers, active or on leave, at their home posts after
//   this plan's moves; non-established staff hold no 编制.
// - Staffing against need (S4/S8, the 缺员 reasons) counts active teachers where they work on
//   1 September Y, in their first subject, after this plan's departures and before its arrivals.
// - Counts of years are whole academic years as of 31 August Y.

export type Locality = 'urban' | 'township' | 'rural';
export type Post = 'teacher' | 'vice_principal' | 'principal' | 'party_secretary';
export type RecordKind = 'regular' | 'rotation' | 'leader_rotation' | 'shadowing' | 'itinerant';

export interface ApiSchool {
  id: string;
  name: string;
  stage: string;
  locality: Locality;
  isHighQuality: boolean;
  isWeak: boolean;
  isTeachingPoint: boolean;
  isCentral: boolean;
  approvedHeadcount: number;
  needs: { subject: string; teachers: number }[];
}
export interface ApiTeacher {
  id: string;
  name: string;
  gender: 'F' | 'M';
  birthDate: string;
  hireDate: string;
  schoolId: string;
  schoolSince: string;
  post: Post;
  postSince: string;
  subjects: string[];
  established: boolean;
  status: 'active' | 'on_leave' | 'retired' | 'left';
  backbone: string | null;
  education: string;
  seniorTitleApplicationYear: number | null;
  priorRuralYears: number;
  exemptions: { reason: string; from: string; to: string | null }[];
  volunteer: boolean;
}
export interface ApiServiceRecord {
  schoolId: string;
  post: Post;
  kind: RecordKind;
  from: string;
  to: string | null;
  ruralAtTheTime: boolean;
}
export interface ApiLine {
  teacherId: string;
  teacher: { subject: string | null };
  kind: 'rotation' | 'leader_rotation' | 'shadowing' | 'itinerant';
  fromSchoolId: string;
  toSchoolId: string;
  startDate: string;
  endDate: string;
  reasons: string[];
  explanation: string;
}
export interface ApiViolation {
  rule: string;
  ruleId: string;
  schoolId?: string | null;
  teacherId?: string | null;
  message: string;
}
/** a person a hard rule names who cannot be moved, on record under the rule with the reason (model.md, Q12) */
export interface ApiException {
  rule: string;
  ruleId: string;
  teacherId: string;
  reason: string;
  message?: string;
}
export interface ApiCompliance {
  violations: ApiViolation[];
  notices?: string[];
  exceptions?: ApiException[];
}
export interface Parameters {
  rotationQuota: number;
  backboneShare: number;
  tenureThresholdYears: number;
  leaderMaxYears: number;
  seniorTitleRuralYears: number;
  shadowWindowYears: number;
  retirementExemptYears: number;
  retirementAgeMale: number;
  retirementAgeFemale: number;
  /** Q17: the stages whose sending schools carry R01/R02 */
  quotaStages: string[];
  /** Q3: 'school' enforces R01/R02 per sending school, 'county' pools them */
  quotaScope: 'school' | 'county';
  /** issue #21 (H12): the most a school may lose in one year, a share of the teachers working there */
  maxSchoolLossShare: number;
}
export const DEFAULT_PARAMETERS: Parameters = {
  rotationQuota: 0.1,
  backboneShare: 0.2,
  tenureThresholdYears: 6,
  leaderMaxYears: 12,
  seniorTitleRuralYears: 1,
  shadowWindowYears: 5,
  retirementExemptYears: 5,
  retirementAgeMale: 60,
  retirementAgeFemale: 55,
  quotaStages: ['primary', 'junior', 'nine_year'],
  quotaScope: 'school',
  maxSchoolLossShare: 0.15,
};

export interface YearInput {
  year: number;
  parameters?: Partial<Parameters>;
  schools: ApiSchool[];
  teachers: ApiTeacher[];
  /** each teacher's whole service ledger, by teacher id (missing: no records) */
  records: Map<string, ApiServiceRecord[]>;
  lines: ApiLine[];
  compliance: ApiCompliance;
}

export type FindingKind =
  | 'headcountAboveApproved' // H7: a school above 编制 after the moves, not reported
  | 'vacancyClaimWithoutVacancy' // a 缺员 line into a subject already at or above need on 1 September (before this plan's arrivals)
  | 'vacancyClaimBeyondVacancies' // a 缺员 line into a subject below need, but more such lines than vacancies
  | 'sentOutOnReturn' // a teacher returning on 1 September Y sent out again that day
  | 'sentOutWhileAway' // a teacher still away on 1 September Y given another move
  | 'principalCount' // a school with zero or two+ principals after the moves, not reported
  | 'hardRuleUnreported' // a teacher R08 / R11 / R16 names with no line and no violation
  | 'quotaUnreported' // H2 (R01): a sending school below ⌈q·eligible⌉, not reported
  | 'backboneUnreported' // H3 (R02): a sending school below the backbone share, not reported
  | 'schoolLossAboveCap'; // issue #21: a school loses more than the cap allows, not reported
export const FINDING_KINDS: FindingKind[] = [
  'headcountAboveApproved',
  'vacancyClaimWithoutVacancy',
  'vacancyClaimBeyondVacancies',
  'sentOutOnReturn',
  'sentOutWhileAway',
  'principalCount',
  'hardRuleUnreported',
  'quotaUnreported',
  'backboneUnreported',
  'schoolLossAboveCap',
];

export interface Finding {
  kind: FindingKind;
  schoolId?: string;
  teacherId?: string;
  rule?: string;
  detail: string;
}
export interface YearFigures {
  year: number;
  /** R01 denominator summed over the quota schools (sending schools of the quota stages, Q17) */
  eligible: number;
  /** Σ ⌈q · eligible⌉ over sending schools */
  required: number;
  /** rotations and leader rotations from quota schools to receiving schools */
  rotated: number;
  /** backbone share of `rotated` */
  backboneShare: number;
  /** R26: backbone share of active teachers working at rural/township schools after the moves */
  ruralBackboneShare: number;
  /** R32: bachelor-or-higher share where people work, urban schools over rural/township schools */
  urbanRuralBachelorRatio: number;
  /** schools whose home-post headcount is above 编制 after the moves (reported or not): H7 as the spec counts it (Q16) */
  headcountBreaches: number;
  /** schools where more established staff WORK after the moves than their 编制 allows (a figure, not a finding: Q16 keeps posts at home) */
  workingAboveApproved: number;
  /** Σ over receiving schools and subjects of the active teachers working there beyond the need, after the moves */
  surplusAtReceiving: number;
  /** full-time lines whose reasons or explanation claim a vacancy (R24 / 缺员) */
  vacancyClaims: number;
  /** schools with no principal working there on 1 September Y before this plan's moves */
  schoolsWithoutPrincipalBefore: number;
  /** schools with no principal working there after the moves (teaching points included) */
  schoolsWithoutPrincipal: number;
  /** schools with two or more principals working there after the moves */
  schoolsWithSeveralPrincipals: number;
  /** teachers away on 1 September Y on a rotation/shadowing of an earlier year */
  awayFromEarlierYears: number;
  /** teachers returning on 1 September Y */
  returning: number;
  /** issue #21: the largest share of a school's working teachers (at least 10 of them) leaving for the year */
  largestLossShare: number;
  /** schools losing more than the cap allows (reported or not) */
  schoolsAboveLossCap: number;
}
export interface YearReport {
  figures: YearFigures;
  findings: Finding[];
  counts: Record<FindingKind, number>;
}

// ---- date arithmetic of its own (dates are 'YYYY-MM-DD'; string order is date order)

/** Whole years from `from` to `until` (exclusive): 2015-09-01 → 2027-09-01 is 12. */
export function wholeYears(from: string, until: string): number {
  if (until <= from) return 0;
  const [fy, fmd] = [Number(from.slice(0, 4)), from.slice(5)];
  const [uy, umd] = [Number(until.slice(0, 4)), until.slice(5)];
  return uy - fy - (umd < fmd ? 1 : 0);
}
/** The day after a date (enough for the ends of records: 31 August → 1 September, month ends, leap years). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
export const covers = (r: { from: string; to: string | null }, date: string) => r.from <= date && (r.to === null || date <= r.to);
const MOVE_KINDS = new Set<ApiLine['kind']>(['rotation', 'leader_rotation', 'shadowing']);
const LEADER_POSTS = new Set<Post>(['principal', 'vice_principal', 'party_secretary']);
const latestFirst = (a: ApiServiceRecord, b: ApiServiceRecord) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0);

export const isSending = (s: ApiSchool) => s.locality === 'urban' || s.isHighQuality;
export const isReceiving = (s: ApiSchool) => isRuralClass(s) && !isSending(s);
/** R11 is met at any rural, township or weak (薄弱) school, a weak town school included */
export const isRuralClass = (s: ApiSchool) => s.locality === 'rural' || s.locality === 'township' || s.isWeak;
/** R16: a village school (村小, rural and not a central school) or a teaching point (教学点) */
export const isVillage = (s: ApiSchool) => s.isTeachingPoint || (s.locality === 'rural' && !s.isCentral);

/** Where a teacher's post is and where they work on a date, from the personnel data and the ledger. */
export function placement(t: ApiTeacher, records: ApiServiceRecord[], date: string) {
  const sorted = [...records].sort(latestFirst);
  const leader = sorted.find((r) => r.kind === 'leader_rotation' && covers(r, date));
  const home = leader ? { schoolId: leader.schoolId, post: leader.post, since: leader.from } : { schoolId: t.schoolId, post: t.post, since: t.postSince };
  const away = sorted.find((r) => (r.kind === 'rotation' || r.kind === 'shadowing') && covers(r, date) && r.schoolId !== home.schoolId);
  // Q16: a rotation of more than three years takes the post along
  const longRotation = away && away.kind === 'rotation' && away.to !== null && wholeYears(away.from, dayAfter(away.to)) > 3;
  return {
    homeSchoolId: longRotation ? away.schoolId : home.schoolId,
    post: home.post,
    postSince: home.since,
    workingSchoolId: away ? away.schoolId : home.schoolId,
    away: away ?? null,
  };
}

/** Whole academic years of rural/weak service on the ledger up to 31 August Y, plus imported prior years (R11). */
export function ruralYears(t: ApiTeacher, records: ApiServiceRecord[], year: number, schools?: Map<string, ApiSchool>): number {
  const end = `${year}-08-31`;
  let sum = t.priorRuralYears ?? 0;
  for (const r of records) {
    if (!r.ruralAtTheTime || r.kind === 'itinerant' || r.kind === 'shadowing' || r.from > end) continue;
    const to = r.to === null || r.to > end ? end : r.to;
    sum += wholeYears(r.from, dayAfter(to));
  }
  // the personnel system's own post is full-time service too (it is not in the ledger): at a rural or
  // weak school it counts from the arrival until a leader rotation took the teacher elsewhere, or to 31 August Y
  const home = schools?.get(t.schoolId);
  if (home && isRuralClass(home) && t.schoolSince <= end) {
    const left = records.filter((r) => r.kind === 'leader_rotation' && r.from > t.schoolSince && r.from <= end && r.schoolId !== t.schoolId).map((r) => r.from);
    const until = left.length ? [...left].sort()[0] : dayAfter(end);
    const covered = records.some((r) => r.schoolId === t.schoolId && r.ruralAtTheTime && r.from <= t.schoolSince && (r.to === null || r.to >= end));
    if (!covered) sum += wholeYears(t.schoolSince, until);
  }
  return sum;
}

/** Age in whole years on a date. */
const ageOn = (birth: string, date: string) => wholeYears(birth, dayAfter(date));

export function checkYear(input: YearInput): YearReport {
  const p: Parameters = { ...DEFAULT_PARAMETERS, ...input.parameters };
  const Y = input.year;
  const sept1 = `${Y}-09-01`;
  const aug31 = `${Y}-08-31`;
  const schools = new Map(input.schools.map((s) => [s.id, s]));
  const teacherById = new Map(input.teachers.map((t) => [t.id, t]));
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const recordsOf = (id: string) => input.records.get(id) ?? [];
  const linesOf = new Map<string, ApiLine[]>();
  for (const l of input.lines) linesOf.set(l.teacherId, [...(linesOf.get(l.teacherId) ?? []), l]);
  const moveOf = (id: string) => (linesOf.get(id) ?? []).find((l) => MOVE_KINDS.has(l.kind)) ?? null;
  const violations = input.compliance.violations ?? [];
  const notices = input.compliance.notices ?? [];
  const schoolReported = (s: ApiSchool, rules: string[]) =>
    violations.some((v) => v.schoolId === s.id && (rules.length === 0 || rules.includes(v.rule) || rules.includes(v.ruleId)));
  const exceptions = input.compliance.exceptions ?? [];
  // reported: a violation naming the teacher under the rule, or an exception on record under it with its reason
  const teacherReported = (id: string, rule: string, ruleId: string) =>
    violations.some((v) => v.teacherId === id && (v.rule === rule || v.ruleId === ruleId)) ||
    exceptions.some((e) => e.teacherId === id && (e.rule === rule || e.ruleId === ruleId) && e.reason.length > 0);
  const holdsPost = (t: ApiTeacher) => t.status === 'active' || t.status === 'on_leave';

  const place = new Map(input.teachers.map((t) => [t.id, placement(t, recordsOf(t.id), sept1)]));
  let awayFromEarlierYears = 0;
  let returning = 0;

  // ---- who returns, who is still away, and who is sent out again
  for (const t of input.teachers) {
    const pl = place.get(t.id)!;
    if (pl.away) awayFromEarlierYears++;
    const back = recordsOf(t.id).find((r) => (r.kind === 'rotation' || r.kind === 'shadowing') && r.to === aug31);
    if (back) returning++;
    const move = moveOf(t.id);
    if (!move) continue;
    if (pl.away)
      add({
        kind: 'sentOutWhileAway',
        teacherId: t.id,
        schoolId: move.toSchoolId,
        detail: `${t.name} is away at ${schools.get(pl.away.schoolId)?.name} until ${pl.away.to} and is given a ${move.kind} to ${schools.get(move.toSchoolId)?.name}`,
      });
    else if (back)
      add({
        kind: 'sentOutOnReturn',
        teacherId: t.id,
        schoolId: move.toSchoolId,
        detail: `${t.name} returns from ${schools.get(back.schoolId)?.name} on ${sept1} and is sent on a ${move.kind} to ${schools.get(move.toSchoolId)?.name} the same day`,
      });
  }

  // ---- after the moves: home posts (编制) and working schools
  const after = new Map<string, { homeSchoolId: string; workingSchoolId: string; post: Post }>();
  for (const t of input.teachers) {
    const pl = place.get(t.id)!;
    const move = moveOf(t.id);
    let { homeSchoolId, workingSchoolId } = pl;
    if (move) {
      workingSchoolId = move.toSchoolId;
      // a leader rotation is a post at the new school (R08); a rotation longer than three years takes the post (Q16)
      if (move.kind === 'leader_rotation' || (move.kind === 'rotation' && wholeYears(move.startDate, dayAfter(move.endDate)) > 3))
        homeSchoolId = move.toSchoolId;
    }
    after.set(t.id, { homeSchoolId, workingSchoolId, post: pl.post });
  }

  // ---- H7 (R19): 编制 counts home posts
  const headcount = new Map<string, number>();
  for (const t of input.teachers) {
    if (!t.established || !holdsPost(t)) continue;
    const h = after.get(t.id)!.homeSchoolId;
    headcount.set(h, (headcount.get(h) ?? 0) + 1);
  }
  let headcountBreaches = 0;
  for (const s of input.schools) {
    const n = headcount.get(s.id) ?? 0;
    if (n <= s.approvedHeadcount) continue;
    headcountBreaches++;
    const noticed = notices.some((x) => x.includes(s.name) && x.includes('编制'));
    if (!schoolReported(s, ['H7', 'R19']) && !noticed)
      add({
        kind: 'headcountAboveApproved',
        schoolId: s.id,
        detail: `${s.name}: ${n} posts at home after the moves, 编制 ${s.approvedHeadcount}, no H7 violation`,
      });
  }

  // ---- 缺员 claims: staffing where people work on 1 September, after departures, before arrivals
  const key = (schoolId: string, subject: string) => `${schoolId}|${subject}`;
  const base = new Map<string, number>();
  for (const t of input.teachers) {
    if (t.status !== 'active' || !t.subjects.length) continue;
    if (moveOf(t.id)) continue; // leaves its working school; counted with the arrivals below
    const k = key(place.get(t.id)!.workingSchoolId, t.subjects[0]);
    base.set(k, (base.get(k) ?? 0) + 1);
  }
  const claims = new Map<string, ApiLine[]>();
  for (const l of input.lines) {
    if (!MOVE_KINDS.has(l.kind)) continue;
    if (!(l.reasons.includes('R24_VACANCY') || l.reasons.includes('R24_SHORTAGE_SUBJECT') || l.explanation.includes('缺员'))) continue;
    const t = teacherById.get(l.teacherId);
    const subject = l.teacher.subject ?? t?.subjects[0];
    if (!subject) continue;
    const k = key(l.toSchoolId, subject);
    claims.set(k, [...(claims.get(k) ?? []), l]);
  }
  const vacancyClaims = [...claims.values()].reduce((n, ls) => n + ls.length, 0);
  for (const [k, ls] of claims) {
    const [schoolId, subject] = k.split('|');
    const s = schools.get(schoolId);
    const need = s?.needs.find((n) => n.subject === subject)?.teachers ?? 0;
    const staff = base.get(k) ?? 0;
    const vacancies = Math.max(0, need - staff);
    // claims beyond the vacancies fill nothing; which of them is arbitrary, the count is not
    const sorted = [...ls].sort((a, b) => (a.teacherId < b.teacherId ? -1 : 1));
    for (const l of sorted.slice(vacancies))
      add({
        kind: vacancies === 0 ? 'vacancyClaimWithoutVacancy' : 'vacancyClaimBeyondVacancies',
        teacherId: l.teacherId,
        schoolId,
        detail: `${s?.name} ${subject}: ${staff} working on ${sept1} before arrivals, need ${need}, ${ls.length} lines claim a vacancy`,
      });
  }

  // ---- figures where people work after the moves: 编制 used and staff beyond need at receiving schools
  const workingEstablished = new Map<string, number>();
  const workingBySubject = new Map<string, number>();
  for (const t of input.teachers) {
    const w = after.get(t.id)!.workingSchoolId;
    if (t.established && holdsPost(t)) workingEstablished.set(w, (workingEstablished.get(w) ?? 0) + 1);
    if (t.status === 'active' && t.subjects.length) {
      const subject = moveOf(t.id)?.teacher.subject ?? t.subjects[0];
      workingBySubject.set(key(w, subject), (workingBySubject.get(key(w, subject)) ?? 0) + 1);
    }
  }
  const workingAboveApproved = input.schools.filter((s) => (workingEstablished.get(s.id) ?? 0) > s.approvedHeadcount).length;
  let surplusAtReceiving = 0;
  for (const s of input.schools) {
    if (!isReceiving(s)) continue;
    const subjects = new Set([
      ...s.needs.map((x) => x.subject),
      ...[...workingBySubject.keys()].filter((k) => k.startsWith(`${s.id}|`)).map((k) => k.split('|')[1]),
    ]);
    for (const subject of subjects)
      surplusAtReceiving += Math.max(0, (workingBySubject.get(key(s.id, subject)) ?? 0) - (s.needs.find((x) => x.subject === subject)?.teachers ?? 0));
  }

  // ---- principals: exactly one working at each school after the moves, unless reported
  const principals = new Map<string, number>();
  for (const t of input.teachers) {
    const a = after.get(t.id)!;
    if (a.post !== 'principal' || t.status !== 'active') continue;
    principals.set(a.workingSchoolId, (principals.get(a.workingSchoolId) ?? 0) + 1);
  }
  const principalsBefore = new Set(
    input.teachers.filter((t) => t.status === 'active' && place.get(t.id)!.post === 'principal').map((t) => place.get(t.id)!.workingSchoolId),
  );
  const schoolsWithoutPrincipalBefore = input.schools.filter((s) => !principalsBefore.has(s.id)).length;
  let schoolsWithoutPrincipal = 0;
  let schoolsWithSeveralPrincipals = 0;
  for (const s of input.schools) {
    const n = principals.get(s.id) ?? 0;
    if (n === 1) continue;
    if (n === 0) schoolsWithoutPrincipal++;
    else schoolsWithSeveralPrincipals++;
    const named = [...violations.map((v) => v.message ?? ''), ...notices].some((m) => m.includes(s.name) && /principal|校长/.test(m));
    if (!schoolReported(s, []) && !named)
      add({
        kind: 'principalCount',
        schoolId: s.id,
        detail: `${s.name}: ${n} principals working there on ${sept1} after the moves, no violation names the school`,
      });
  }

  // ---- teachers a hard rule names: a line, or an exception on record (Q12)
  const exempt = (t: ApiTeacher) => {
    if (t.exemptions.some((e) => covers(e, sept1))) return true;
    const age = ageOn(t.birthDate, aug31);
    return (t.gender === 'M' ? p.retirementAgeMale : p.retirementAgeFemale) - age < p.retirementExemptYears;
  };
  for (const t of input.teachers) {
    if (!holdsPost(t)) continue;
    const pl = place.get(t.id)!;
    const recs = recordsOf(t.id);
    const lines = linesOf.get(t.id) ?? [];
    const home = schools.get(pl.homeSchoolId);
    const working = schools.get(pl.workingSchoolId);
    // H4 (R08): a leader ≥ leaderMaxYears in the same post at the same school is moved
    if (
      LEADER_POSTS.has(pl.post) &&
      !pl.away &&
      wholeYears(pl.postSince, sept1) >= p.leaderMaxYears &&
      !lines.some((l) => MOVE_KINDS.has(l.kind)) &&
      !teacherReported(t.id, 'H4', 'R08')
    )
      add({
        kind: 'hardRuleUnreported',
        rule: 'R08',
        teacherId: t.id,
        schoolId: pl.homeSchoolId,
        detail: `${t.name}: ${pl.post} at ${home?.name} since ${pl.postSince} (${wholeYears(pl.postSince, sept1)} years), no move and no H4 exception`,
      });
    // H5 (R11): applying by Y+1 without the rural year, not already working at a rural or weak school
    if (
      t.seniorTitleApplicationYear !== null &&
      t.seniorTitleApplicationYear <= Y + 1 &&
      ruralYears(t, recs, Y, schools) < p.seniorTitleRuralYears &&
      working &&
      // R11 counts a year at a rural or a weak school (乡村学校或薄弱学校): working at either, the coming year counts
      !isRuralClass(working) &&
      !lines.some((l) => MOVE_KINDS.has(l.kind) && schools.get(l.toSchoolId) && isRuralClass(schools.get(l.toSchoolId)!)) &&
      !teacherReported(t.id, 'H5', 'R11')
    )
      add({
        kind: 'hardRuleUnreported',
        rule: 'R11',
        teacherId: t.id,
        schoolId: pl.homeSchoolId,
        detail: `${t.name}: applies for a senior title in ${t.seniorTitleApplicationYear} with ${ruralYears(t, recs, Y, schools)} rural years, no move to a receiving school and no H5 exception`,
      });
    // H6 (R16): a village / teaching-point teacher in the last year of the shadowing window, never shadowed
    const village = home && isVillage(home);
    const windowEnd = `${Number(t.hireDate.slice(0, 4)) + p.shadowWindowYears}${t.hireDate.slice(4)}`; // first day after the window
    if (
      village &&
      wholeYears(t.hireDate, sept1) < p.shadowWindowYears &&
      windowEnd <= `${Y + 1}-09-01` &&
      !recs.some((r) => r.kind === 'shadowing') &&
      !lines.some((l) => l.kind === 'shadowing') &&
      !teacherReported(t.id, 'H6', 'R16')
    )
      add({
        kind: 'hardRuleUnreported',
        rule: 'R16',
        teacherId: t.id,
        schoolId: pl.homeSchoolId,
        detail: `${t.name}: hired ${t.hireDate} at ${home?.name}, window closes ${windowEnd}, never shadowed, no shadowing line and no H6 exception`,
      });
  }

  // ---- H2 (R01) and H3 (R02) at every sending school of the quota stages (Q17), or pooled (Q3)
  let eligibleTotal = 0;
  let requiredTotal = 0;
  let rotatedTotal = 0;
  let backboneTotal = 0;
  const quotaSchools = input.schools.filter((s) => isSending(s) && p.quotaStages.includes(s.stage));
  const requiredAt = new Map<string, number>();
  const perSchool = p.quotaScope !== 'county';
  for (const s of quotaSchools) {
    let eligible = 0;
    for (const t of input.teachers) {
      const pl = place.get(t.id)!;
      if (pl.homeSchoolId !== s.id || pl.workingSchoolId !== s.id || t.status !== 'active' || !t.established) continue;
      if (exempt(t) && !t.volunteer) continue;
      // continuous years count from the last arrival or return, whichever is later
      let since = t.schoolSince;
      for (const r of recordsOf(t.id)) {
        if (r.kind === 'leader_rotation' && r.schoolId === s.id && r.from > since && r.from <= sept1) since = r.from;
        if ((r.kind === 'rotation' || r.kind === 'shadowing') && r.to !== null && r.to < sept1 && dayAfter(r.to) > since) since = dayAfter(r.to);
      }
      if (wholeYears(since, sept1) >= p.tenureThresholdYears) eligible++;
    }
    const required = Math.ceil(p.rotationQuota * eligible - 1e-9);
    requiredAt.set(s.id, required);
    const out = input.lines.filter(
      (l) =>
        l.fromSchoolId === s.id &&
        (l.kind === 'rotation' || l.kind === 'leader_rotation') &&
        schools.get(l.toSchoolId) &&
        isReceiving(schools.get(l.toSchoolId)!),
    );
    const backbone = out.filter((l) => teacherById.get(l.teacherId)?.backbone).length;
    eligibleTotal += eligible;
    requiredTotal += required;
    rotatedTotal += out.length;
    backboneTotal += backbone;
    if (perSchool && out.length < required && !schoolReported(s, ['H2', 'R01']))
      add({
        kind: 'quotaUnreported',
        schoolId: s.id,
        detail: `${s.name}: ${eligible} eligible, ${required} required, ${out.length} rotated to receiving schools, no H2 violation`,
      });
    if (perSchool && backbone + 1e-9 < p.backboneShare * out.length && !schoolReported(s, ['H3', 'R02']))
      add({
        kind: 'backboneUnreported',
        schoolId: s.id,
        detail: `${s.name}: ${backbone} backbone of ${out.length} rotated (< ${p.backboneShare * 100}%), no H3 violation`,
      });
  }
  const anyReported = (rule: string, ruleId: string) => violations.some((v) => v.rule === rule || v.ruleId === ruleId);
  if (!perSchool && rotatedTotal < requiredTotal && !anyReported('H2', 'R01'))
    add({ kind: 'quotaUnreported', detail: `county: ${eligibleTotal} eligible, ${requiredTotal} required, ${rotatedTotal} rotated, no H2 violation` });
  if (!perSchool && backboneTotal + 1e-9 < p.backboneShare * rotatedTotal && !anyReported('H3', 'R02'))
    add({ kind: 'backboneUnreported', detail: `county: ${backboneTotal} backbone of ${rotatedTotal} rotated, no H3 violation` });

  // ---- issue #21: no school loses more than max(1, ⌊cap · working teachers⌋, its own R01 quota) in one year.
  // Leaving: a rotation, leader rotation or shadowing line of an active teacher working there on
  // 1 September Y (走教 keeps the teacher home); counted where the teacher works before the moves.
  const workingBefore = new Map<string, number>();
  const leavingFrom = new Map<string, number>();
  for (const t of input.teachers) {
    if (t.status !== 'active') continue;
    const w = place.get(t.id)!.workingSchoolId;
    workingBefore.set(w, (workingBefore.get(w) ?? 0) + 1);
    if (moveOf(t.id)) leavingFrom.set(w, (leavingFrom.get(w) ?? 0) + 1);
  }
  let largestLossShare = 0;
  let schoolsAboveLossCap = 0;
  for (const s of input.schools) {
    const leaving = leavingFrom.get(s.id) ?? 0;
    const working = workingBefore.get(s.id) ?? 0;
    if (!leaving) continue;
    if (working >= 10) largestLossShare = Math.max(largestLossShare, leaving / working);
    if (p.maxSchoolLossShare >= 1) continue;
    const allowed = Math.max(1, Math.floor(p.maxSchoolLossShare * working + 1e-9), perSchool ? (requiredAt.get(s.id) ?? 0) : 0);
    if (leaving <= allowed) continue;
    schoolsAboveLossCap++;
    const reported = violations.some((v) => v.schoolId === s.id && v.rule === 'H12');
    if (!reported)
      add({
        kind: 'schoolLossAboveCap',
        schoolId: s.id,
        detail: `${s.name}: ${leaving} of ${working} working teachers leave (${Math.round((leaving / working) * 100)}%), the cap allows ${allowed}, no H12 violation`,
      });
  }

  // ---- R26 / R32 indicators where people work after the moves
  let rural = 0,
    ruralBackbone = 0,
    ruralBachelor = 0,
    urban = 0,
    urbanBachelor = 0;
  const bachelorOrMore = (e: string) => e === 'bachelor' || e === 'master' || e === 'doctor';
  for (const t of input.teachers) {
    if (t.status !== 'active') continue;
    const w = schools.get(after.get(t.id)!.workingSchoolId);
    if (!w) continue;
    if (w.locality === 'urban') {
      urban++;
      if (bachelorOrMore(t.education)) urbanBachelor++;
    } else {
      rural++;
      if (t.backbone) ruralBackbone++;
      if (bachelorOrMore(t.education)) ruralBachelor++;
    }
  }
  const share = (a: number, b: number) => (b ? a / b : 0);
  const figures: YearFigures = {
    year: Y,
    eligible: eligibleTotal,
    required: requiredTotal,
    rotated: rotatedTotal,
    backboneShare: round(share(backboneTotal, rotatedTotal)),
    ruralBackboneShare: round(share(ruralBackbone, rural)),
    urbanRuralBachelorRatio: round(share(share(urbanBachelor, urban), share(ruralBachelor, rural))),
    headcountBreaches,
    workingAboveApproved,
    surplusAtReceiving,
    vacancyClaims,
    schoolsWithoutPrincipalBefore,
    schoolsWithoutPrincipal,
    schoolsWithSeveralPrincipals,
    awayFromEarlierYears,
    returning,
    largestLossShare: round(largestLossShare),
    schoolsAboveLossCap,
  };
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<FindingKind, number>;
  return { figures, findings, counts };
}
const round = (x: number) => Math.round(x * 1000) / 1000;
