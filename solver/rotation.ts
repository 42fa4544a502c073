/**
 * Phase 1: rotation (交流轮岗), leader rotation and shadowing (跟岗) for the whole county in one
 * model (县管校聘 pools the county). Hard rules are elastic: each has a slack costing
 * `hardPenalty`, so a proposal always comes back and every non-zero slack is a named violation.
 */
import { isRuralClass, yearsUntilSeptember } from './clocks.js';
import type { Context } from './context.js';
import { schoolTakes } from './geo.js';
import { LpModel, solveLp, type LpSolution } from './lp.js';
import type { LineKind, SolverSchool, SolverTeacher } from './types.js';

export interface Candidate {
  v: number;
  /** the teacher, or for a group the first of its members */
  teacher: SolverTeacher;
  /** a group of interchangeable teachers, best first: v is how many of them make this move */
  members?: SolverTeacher[];
  from: SolverSchool;
  to: SolverSchool;
  kind: Exclude<LineKind, 'itinerant'>;
  subject: string;
  km: number;
  pinned: boolean;
  preferenceRank: number | null;
}

/** What a slack stands for, to report it in words if it is non-zero. */
export interface Slack {
  v: number;
  rule: 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'H7';
  schoolId?: string;
  teacherId?: string;
  /** H2: the required count; H7: the room left */
  target: number;
}

export interface RotationModel {
  lp: LpModel;
  candidates: Candidate[];
  slacks: Slack[];
  /** per quota school: eligible and required (R01) */
  quota: Map<string, { eligible: number; required: number }>;
  /** teachers a hard rule names, with the rule */
  mustMove: Map<string, 'H4' | 'H5' | 'H6'>;
  /** pins that H8 forbids (the teacher may not be moved at all) */
  brokenPins: { teacherId: string; toSchoolId: string; kind: LineKind; why: string }[];
}

/** Small deterministic costs that break ties between equal plans, so the same input gives the same lines. */
const EPS = 1e-6;

export function buildRotationModel(ctx: Context): RotationModel {
  const { p, input } = ctx;
  const year = ctx.year;
  const lp = new LpModel();
  const candidates: Candidate[] = [];
  const slacks: Slack[] = [];
  const mustMove = new Map<string, 'H4' | 'H5' | 'H6'>();
  const brokenPins: RotationModel['brokenPins'] = [];
  const excludedAll = new Set(input.exclusions.filter((e) => !e.toSchoolId).map((e) => e.teacherId));
  const excludedPair = new Set(input.exclusions.filter((e) => e.toSchoolId).map((e) => `${e.teacherId}|${e.toSchoolId}`));
  const pinOf = new Map(input.pins.filter((x) => x.kind !== 'itinerant').map((x) => [x.teacherId, x]));
  const previous = new Set((input.previousLines ?? []).filter((l) => l.kind !== 'itinerant').map((l) => `${l.teacherId}|${l.kind}|${l.toSchoolId}`));
  const hasPrevious = (input.previousLines?.length ?? 0) > 0;
  const previousTeachers = new Set((input.previousLines ?? []).map((l) => l.teacherId));
  const excludedTeachers = new Set(input.exclusions.map((e) => e.teacherId));
  const teacherGroups = new Map<string, SolverTeacher[]>();
  const schools = input.schools;
  const receiving = schools.filter((s) => ctx.isReceiving(s));
  const ruralClass = schools.filter((s) => isRuralClass(s));
  const hosts = schools.filter((s) => ctx.isShadowHost(s));
  let tie = 0;

  /** The teacher's own part of a move's reward (the same wherever a rotation goes, if it goes to a receiving school). */
  const teacherReward = (t: SolverTeacher, to: SolverSchool, kind: Candidate['kind']) => {
    const c = ctx.clocks.get(t.id)!;
    let r = 0;
    if (kind === 'rotation') {
      // S1 (R06): longer tenure first
      if (c.yearsAtSchool >= p.tenureThresholdYears) r += p.weightTenure * (c.yearsAtSchool - p.tenureThresholdYears + 1);
      // S3 (R11): title application 2-3 years away and no rural years yet
      const app = t.seniorTitleApplicationYear;
      if (app !== null && app > year + 1 && app <= year + 3 && c.ruralYears < p.seniorTitleRuralYears && ctx.isReceiving(to)) r += p.weightTitleSoon;
      // S7 (R26, R32): backbone and bachelor-degree teachers to rural schools
      if (ctx.isReceiving(to)) {
        if (t.backbone) r += p.weightRuralUplift;
        if (['bachelor', 'master', 'doctor'].includes(t.education)) r += p.weightRuralUplift / 2;
      }
    }
    return r;
  };
  /** The move's part: the same for every teacher of a school making it. */
  const moveReward = (t: SolverTeacher, from: SolverSchool, to: SolverSchool, kind: Candidate['kind'], km: number, prefRank: number | null) => {
    const c = ctx.clocks.get(t.id)!;
    let r = -p.weightMove;
    // S2 (R07): a principal after two full terms moves between town and country
    if (kind === 'leader_rotation' && (t.post === 'principal' || t.post === 'vice_principal') && c.yearsAtSchool >= p.principalTermYears * p.principalTerms && ctx.isSending(from) !== ctx.isSending(to)) r += p.weightPrincipalTerms;
    // S5 (R21, R30): near, same 学区, along a pairing
    r -= p.weightKm * km;
    if (from.districtId === to.districtId) r += p.weightSameDistrict;
    if (ctx.paired(from, to)) r += p.weightPairing;
    // S6: preferences
    if (prefRank !== null) r += p.weightPreference * (1 + 1 / prefRank);
    if (t.preferences.maxKm !== null && km > t.preferences.maxKm) r -= p.weightBeyondMaxKm * (km - t.preferences.maxKm);
    return r;
  };

  const add = (t: SolverTeacher, from: SolverSchool, to: SolverSchool, kind: Candidate['kind'], subject: string, pinned: boolean) => {
    if (!pinned && (excludedAll.has(t.id) || excludedPair.has(`${t.id}|${to.id}`))) return;
    const km = ctx.km(from, to);
    const rank = t.preferences.schoolIds.indexOf(to.id);
    const prefRank = rank >= 0 ? rank + 1 : null;
    let cost = -(teacherReward(t, to, kind) + moveReward(t, from, to, kind, km, prefRank)) + EPS * tie++;
    // S9: every line that differs from the previous proposal costs; keeping one saves that cost
    if (hasPrevious) cost += previous.has(`${t.id}|${kind}|${to.id}`) ? -p.weightStability : p.weightStability;
    const v = lp.addVar({ cost, lb: pinned ? 1 : 0, ub: 1, integer: true });
    candidates.push({ v, teacher: t, from, to, kind, subject, km, pinned, preferenceRank: prefRank });
  };

  /** The k best-fitting schools for a teacher, nearest first, plus preferred and pinned ones. */
  const nearest = (t: SolverTeacher, from: SolverSchool, pool: SolverSchool[], fits: (s: SolverSchool) => boolean) => {
    const fitting: { s: SolverSchool; km: number }[] = [];
    for (const s of pool) {
      if (s.id === from.id) continue;
      const km = ctx.km(from, s);
      if (km <= p.maxMoveKm && fits(s)) fitting.push({ s, km });
    }
    fitting.sort((a, b) => a.km - b.km || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
    const chosen = fitting.slice(0, p.candidateSchoolsPerTeacher).map((f) => f.s);
    if (t.preferences.schoolIds.length === 0) return chosen;
    for (const { s } of fitting) if (t.preferences.schoolIds.includes(s.id) && !chosen.includes(s)) chosen.push(s);
    return chosen;
  };
  /** The subject a teacher would teach at a school: the one with the largest vacancy, shortage first. */
  const subjectAt = (t: SolverTeacher, s: SolverSchool): string | null => {
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const subj of t.subjects) {
      const need = ctx.need(s, subj);
      if (need <= 0) continue;
      const score = (need - ctx.staffIn(s, subj)) * (ctx.isShortage(subj) ? p.shortageWeight : 1);
      if (score > bestScore) (best = subj), (bestScore = score);
    }
    return best;
  };

  /**
   * A group's moves. Every member's cost of a move is the move's part (the same for all) plus the
   * member's own part, so an optimal plan sends the members with the best own part: one integer
   * count per destination, and a rank variable per member whose costs rise with the rank (a
   * convex cost the LP fills in order). This keeps the model's optimum while removing symmetry.
   */
  const groupMoves = (members: SolverTeacher[]) => {
    const first = members[0];
    const home = ctx.schoolById.get(first.schoolId)!;
    const dests = nearest(first, home, receiving, (s) => schoolTakes(s.stage, first.stages) && subjectAt(first, s) !== null);
    if (!dests.length) return;
    const own = members.map((t) => ({ t, r: teacherReward(t, dests[0], 'rotation') })).sort((a, b) => b.r - a.r || a.t.id.localeCompare(b.t.id));
    const sorted = own.map((x) => x.t);
    const counts: [number, number][] = [];
    for (const to of dests) {
      const km = ctx.km(home, to);
      const v = lp.addVar({ cost: -moveReward(first, home, to, 'rotation', km, null) + EPS * tie++, lb: 0, ub: members.length, integer: true });
      candidates.push({ v, teacher: sorted[0], members: sorted, from: home, to, kind: 'rotation', subject: subjectAt(first, to)!, km, pinned: false, preferenceRank: null });
      counts.push([v, 1]);
    }
    const ranks: [number, number][] = own.map((x, i) => [lp.addVar({ cost: -x.r + EPS * i, lb: 0, ub: 1 }), -1]);
    lp.addRow([...counts, ...ranks], 0, 0);
  };

  // H5 (R11): the senior title next year needs a rural year, and this is the last chance
  const seniorTitleDue = (t: SolverTeacher, home: SolverSchool) =>
    t.seniorTitleApplicationYear !== null && t.seniorTitleApplicationYear <= ctx.year + 1 && ctx.clocks.get(t.id)!.ruralYears < p.seniorTitleRuralYears && !ctx.isReceiving(home);

  // ---- candidates, teacher by teacher (in input order: deterministic)
  for (const t of input.teachers) {
    const c = ctx.clocks.get(t.id)!;
    const home = ctx.schoolById.get(t.schoolId);
    if (!home) continue;
    const pin = pinOf.get(t.id);
    if (pin) {
      const to = ctx.schoolById.get(pin.toSchoolId);
      // H8 before H9: nobody exempt, inactive or non-established is moved, pinned or not
      if (!c.movable) {
        brokenPins.push({ ...pin, why: !c.available ? 'not in post (inactive, non-established or away)' : `exempt (${c.exemptReason}) and not a volunteer` });
      } else if (to) {
        add(t, home, to, pin.kind as Candidate['kind'], subjectAt(t, to) ?? t.subjects[0], true);
        // a pin does not silence R11: an applicant pinned to a town school still lacks the rural year
        if (seniorTitleDue(t, home) && !isRuralClass(to)) mustMove.set(t.id, 'H5');
        continue;
      }
    }
    // an exclusion removes the teacher's moves, not the rules that ask for one: H4-H6 still name them
    if (!c.movable) continue;
    if (c.leader) {
      // H4 (R08) and S2 (R07): leader rotation to the same post at another school
      const mustGo = c.yearsInPost >= p.leaderMaxYears;
      const terms = (t.post === 'principal' || t.post === 'vice_principal') && c.yearsAtSchool >= p.principalTermYears * p.principalTerms;
      if (mustGo) mustMove.set(t.id, 'H4');
      if (mustGo || terms) {
        for (const s of nearest(t, home, schools, (s) => schoolTakes(s.stage, t.stages) && (mustGo || ctx.isSending(s) !== ctx.isSending(home)))) {
          add(t, home, s, 'leader_rotation', t.subjects[0], false);
        }
      }
      continue;
    }
    // H6 (R16): a new village teacher whose five-year window closes this year shadows now
    const sinceHire = yearsUntilSeptember(t.hireDate, ctx.year);
    if (ctx.isVillageSchool(home) && !c.alreadyShadowed && sinceHire < p.shadowWindowYears && sinceHire >= p.shadowWindowYears - 1) {
      mustMove.set(t.id, 'H6');
      for (const s of nearest(t, home, hosts, (s) => schoolTakes(s.stage, t.stages))) add(t, home, s, 'shadowing', t.subjects[0], false);
      continue;
    }
    const titleDue = seniorTitleDue(t, home);
    if (titleDue) mustMove.set(t.id, 'H5');
    const quotaPool = ctx.isQuotaSchool(home) && (c.eligible || (t.volunteer && c.yearsAtSchool >= p.tenureThresholdYears));
    const volunteer = t.volunteer && ctx.isSending(home);
    if (!titleDue && !quotaPool && !volunteer) continue;
    // interchangeable teachers (same school, subjects, stages, backbone; nothing personal in play)
    // are one group: the model decides how many go where, then the best of them go (exact: see groupMoves)
    const personal = titleDue || t.preferences.schoolIds.length > 0 || t.preferences.maxKm !== null || previousTeachers.has(t.id) || excludedTeachers.has(t.id);
    if (!personal) {
      const key = `${home.id}|${t.subjects.join(',')}|${t.stages.join(',')}|${t.backbone ? 1 : 0}|${t.volunteer ? 1 : 0}`;
      const g = teacherGroups.get(key);
      if (g) g.push(t);
      else teacherGroups.set(key, [t]);
      continue;
    }
    // R11 is met at any rural or weak school (乡村学校或办学条件薄弱学校), a weak town school included
    const pool = titleDue ? ruralClass : receiving;
    for (const s of nearest(t, home, pool, (s) => schoolTakes(s.stage, t.stages) && subjectAt(t, s) !== null)) {
      add(t, home, s, 'rotation', subjectAt(t, s)!, false);
    }
  }

  for (const members of teacherGroups.values()) groupMoves(members);

  const byTeacher = new Map<string, Candidate[]>();
  for (const cd of candidates) {
    if (cd.members) continue; // a group's rank variables already hold each member to one move
    const list = byTeacher.get(cd.teacher.id);
    if (list) list.push(cd);
    else byTeacher.set(cd.teacher.id, [cd]);
  }
  const slack = (rule: Slack['rule'], target: number, ids: { schoolId?: string; teacherId?: string }) => {
    const v = lp.addVar({ cost: p.hardPenalty, lb: 0, ub: Infinity });
    slacks.push({ v, rule, target, ...ids });
    return v;
  };

  // H1: at most one rotation, leader rotation or shadowing per teacher
  for (const list of byTeacher.values()) if (list.length > 1) lp.addRow(list.map((c) => [c.v, 1]), -Infinity, 1);

  // H4, H5, H6: the named teachers move (to a receiving school for H5)
  for (const [teacherId, rule] of mustMove) {
    const list = (byTeacher.get(teacherId) ?? []).filter((c) => rule !== 'H5' || isRuralClass(c.to));
    const s = slack(rule, 1, { teacherId });
    lp.addRow([...list.map((c): [number, number] => [c.v, 1]), [s, 1]], 1, 1);
  }

  // H2 (R01) and H3 (R02): per sending school, or pooled county-wide
  const quota = new Map<string, { eligible: number; required: number }>();
  const moversOut = new Map<string, Candidate[]>();
  for (const cd of candidates) {
    if ((cd.kind === 'rotation' || cd.kind === 'leader_rotation') && ctx.isReceiving(cd.to) && ctx.isQuotaSchool(cd.from)) {
      const list = moversOut.get(cd.from.id);
      if (list) list.push(cd);
      else moversOut.set(cd.from.id, [cd]);
    }
  }
  for (const s of schools) {
    if (!ctx.isQuotaSchool(s)) continue;
    const eligible = (ctx.teachersAt.get(s.id) ?? []).filter((t) => ctx.clocks.get(t.id)!.eligible).length;
    quota.set(s.id, { eligible, required: Math.ceil(p.rotationQuota * eligible - 1e-9) });
  }
  const groups: { id?: string; schools: string[] }[] = p.quotaScope === 'county' ? [{ schools: [...quota.keys()] }] : [...quota.keys()].map((id) => ({ id, schools: [id] }));
  for (const g of groups) {
    const required = g.schools.reduce((n, id) => n + quota.get(id)!.required, 0);
    const movers = g.schools.flatMap((id) => moversOut.get(id) ?? []);
    if (required > 0) {
      const s = slack('H2', required, { schoolId: g.id });
      lp.addRow([...movers.map((c): [number, number] => [c.v, 1]), [s, 1]], required, Infinity);
    }
    if (movers.length && p.backboneShare > 0) {
      // Σ backbone moves ≥ b · Σ moves
      const s = slack('H3', 0, { schoolId: g.id });
      lp.addRow([...movers.map((c): [number, number] => [c.v, (c.teacher.backbone ? 1 : 0) - p.backboneShare]), [s, 1]], 0, Infinity);
    }
  }

  // one incoming leader per post and school
  const leaderSlots = new Map<string, Candidate[]>();
  for (const cd of candidates) {
    if (cd.kind !== 'leader_rotation') continue;
    const key = `${cd.to.id}|${cd.teacher.post}`;
    const list = leaderSlots.get(key);
    if (list) list.push(cd);
    else leaderSlots.set(key, [cd]);
  }
  for (const list of leaderSlots.values()) if (list.length > 1) lp.addRow(list.map((c) => [c.v, 1]), -Infinity, 1);

  // H7 (R19): no school ends above its 编制 (or above where it already stands)
  const flows = new Map<string, [number, number][]>();
  const flow = (schoolId: string, v: number, sign: number) => {
    const list = flows.get(schoolId);
    if (list) list.push([v, sign]);
    else flows.set(schoolId, [[v, sign]]);
  };
  for (const cd of candidates) {
    flow(cd.to.id, cd.v, 1);
    flow(cd.from.id, cd.v, -1);
  }
  for (const [schoolId, terms] of flows) {
    if (!terms.some(([, sign]) => sign > 0)) continue;
    const s = ctx.schoolById.get(schoolId)!;
    const base = ctx.headcount(s);
    const room = Math.max(s.approvedHeadcount, base) - base;
    const sl = slack('H7', room, { schoolId });
    lp.addRow([...terms, [sl, -1]], -Infinity, room);
  }

  // S4 (R24) and S8: per school and subject, the staffing after the moves against the need
  const bySubject = new Map<string, [number, number][]>();
  const term = (schoolId: string, subject: string, v: number, sign: number) => {
    const key = `${schoolId}|${subject}`;
    const list = bySubject.get(key);
    if (list) list.push([v, sign]);
    else bySubject.set(key, [[v, sign]]);
  };
  for (const cd of candidates) {
    term(cd.to.id, cd.subject, cd.v, 1);
    term(cd.from.id, cd.teacher.subjects[0], cd.v, -1);
  }
  for (const [key, terms] of bySubject) {
    const [schoolId, subject] = key.split('|');
    const s = ctx.schoolById.get(schoolId)!;
    const gap = ctx.need(s, subject) - ctx.staffIn(s, subject);
    const shortCost = ctx.isReceiving(s) ? p.weightVacancy * (ctx.isShortage(subject) ? p.shortageWeight : 1) : p.weightStaffing;
    const short = lp.addVar({ cost: shortCost, lb: 0 });
    const surplus = lp.addVar({ cost: p.weightStaffing, lb: 0 });
    // in − out + short ≥ need − staff ;  in − out − surplus ≤ need − staff
    lp.addRow([...terms, [short, 1]], gap, Infinity);
    lp.addRow([...terms, [surplus, -1]], -Infinity, gap);
  }

  return { lp, candidates, slacks, quota, mustMove, brokenPins };
}

/** One move per teacher: a group's counts become its best members, nearest destination first. */
export function chosenMoves(model: RotationModel, values: Float64Array): Candidate[] {
  const out: Candidate[] = [];
  const groupsSeen = new Map<SolverTeacher[], { c: Candidate; n: number }[]>();
  for (const c of model.candidates) {
    const n = Math.round(values[c.v]);
    if (n <= 0) continue;
    if (!c.members) out.push(c);
    else groupsSeen.set(c.members, [...(groupsSeen.get(c.members) ?? []), { c, n }]);
  }
  for (const [members, moves] of groupsSeen) {
    moves.sort((a, b) => a.c.km - b.c.km || a.c.to.id.localeCompare(b.c.to.id));
    let i = 0;
    for (const { c, n } of moves) for (let k = 0; k < n && i < members.length; k++) out.push({ ...c, teacher: members[i++], members: undefined });
  }
  return out;
}

export async function solveRotation(ctx: Context, model: RotationModel): Promise<LpSolution> {
  return solveLp(model.lp, ctx.input.engine ?? 'highs', { timeLimitSeconds: ctx.input.timeLimitSeconds, mipGap: ctx.p.mipGap });
}
