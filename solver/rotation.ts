/**
 * Phase 1: rotation (交流轮岗), leader rotation and shadowing (跟岗) for the whole county in one
 * model (县管校聘 pools the county). The rules live in ./rules/, one module each: this builder
 * makes the candidate moves (pruned, interchangeable teachers aggregated) and asks the rules for
 * their costs and rows. Every rule row is elastic (rules/rule.ts `elasticRow`): a slack costing
 * `hardPenalty`, so a proposal always comes back and every non-zero slack is a named violation.
 */
import { isRuralClass } from './clocks.js';
import type { Context } from './context.js';
import { schoolTakes } from './geo.js';
import { LpModel, solveLp, type LpSolution } from './lp.js';
import { MOVE_REWARDS, ROWS_AFTER_MUST_MOVE, ROWS_BEFORE_MUST_MOVE, stability, TEACHER_REWARDS } from './rules/index.js';
import { leaderDue, leaderTwelveYears } from './rules/leader-twelve-years.js';
import { volunteers } from './rules/movable-only.js';
import { LEADER_POST_KINDS, vacantPosts } from './rules/one-leader-per-post.js';
import { rotationPins, type BrokenPin } from './rules/pins-and-exclusions.js';
import { crossesTownCountry, twoTermsServed } from './rules/principal-two-terms.js';
import { inQuotaPool } from './rules/rotation-quota.js';
import { elasticRow, type ModelBuild, type MustMoveRule, type SlackRecord } from './rules/rule.js';
import { seniorTitleDue, seniorTitleRuralYear } from './rules/senior-title-rural-year.js';
import { shadowingDue, villageShadowing } from './rules/village-shadowing.js';
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

export interface RotationModel {
  lp: LpModel;
  candidates: Candidate[];
  /** every slack of every elastic row, with its rule */
  slacks: SlackRecord[];
  /** per quota school: eligible and required (R01) */
  quota: Map<string, { eligible: number; required: number }>;
  /** teachers a rule names as having to move (H4, H5, H6), with the rule, in input order */
  mustMove: Map<string, MustMoveRule>;
  /** pins that cannot be kept (H8 forbids the move, unknown teacher or school, replaced by a later pin) */
  brokenPins: BrokenPin[];
}

/** Small deterministic costs that break ties between equal plans, so the same input gives the same lines. */
const EPS = 1e-6;

export function buildRotationModel(ctx: Context): RotationModel {
  const { p, input } = ctx;
  const lp = new LpModel();
  const candidates: Candidate[] = [];
  const slacks: SlackRecord[] = [];
  const mustMove = new Map<string, MustMoveRule>();
  const excludedAll = new Set(input.exclusions.filter((e) => !e.toSchoolId).map((e) => e.teacherId));
  const excludedPair = new Set(input.exclusions.filter((e) => e.toSchoolId).map((e) => `${e.teacherId}|${e.toSchoolId}`));
  const { pinOf, broken: brokenPins } = rotationPins(ctx);
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

  /** The teacher's own part of a move's reward (the same wherever a rotation goes, if it goes to a receiving school): S1, S3, S7. */
  const teacherReward = (t: SolverTeacher, to: SolverSchool, kind: Candidate['kind']) => {
    let r = 0;
    if (kind === 'rotation') for (const rule of TEACHER_REWARDS) r = rule.teacherReward!(ctx, t, to, r);
    return r;
  };
  /** The move's part, the same for every teacher of a school making it: every move costs `weightMove`; S2, S5, S6. */
  const moveReward = (t: SolverTeacher, from: SolverSchool, to: SolverSchool, kind: Candidate['kind'], km: number, prefRank: number | null) => {
    let r = -p.weightMove;
    for (const rule of MOVE_REWARDS) r = rule.moveReward!(ctx, t, from, to, kind, km, prefRank, r);
    return r;
  };

  const add = (t: SolverTeacher, from: SolverSchool, to: SolverSchool, kind: Candidate['kind'], subject: string, pinned: boolean) => {
    if (!pinned && (excludedAll.has(t.id) || excludedPair.has(`${t.id}|${to.id}`))) return;
    const km = ctx.km(from, to);
    const rank = t.preferences.schoolIds.indexOf(to.id);
    const prefRank = rank >= 0 ? rank + 1 : null;
    let cost = -(teacherReward(t, to, kind) + moveReward(t, from, to, kind, km, prefRank)) + EPS * tie++;
    // S9: every line that differs from the previous proposal costs; keeping one saves that cost
    if (hasPrevious) cost += stability.cost(p, hasPrevious, previous.has(`${t.id}|${kind}|${to.id}`));
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
      const score = ctx.staffingGap(s, subj) * (ctx.isShortage(subj) ? p.shortageWeight : 1);
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
      // S9: a group's members have no line in the previous proposal (a teacher with one is on their
      // own, \`personal\`), so each member sent is a new line and costs what any new line costs;
      // without it a re-solve swapped a kept line for a group member's at no S9 cost
      const fresh = stability.cost(p, hasPrevious, false);
      const v = lp.addVar({ cost: -moveReward(first, home, to, 'rotation', km, null) + fresh + EPS * tie++, lb: 0, ub: members.length, integer: true });
      candidates.push({
        v,
        teacher: sorted[0],
        members: sorted,
        from: home,
        to,
        kind: 'rotation',
        subject: subjectAt(first, to)!,
        km,
        pinned: false,
        preferenceRank: null,
      });
      counts.push([v, 1]);
    }
    const ranks: [number, number][] = own.map((x, i) => [lp.addVar({ cost: -x.r + EPS * i, lb: 0, ub: 1 }), -1]);
    lp.addRow([...counts, ...ranks], 0, 0);
  };

  // H10: the leader posts a leader rotation may go into: vacant on 1 September Y, or held by a leader who may leave this round
  const openPosts = new Set<string>();
  for (const s of schools) for (const post of LEADER_POST_KINDS) if (vacantPosts(ctx, s, post) > 0) openPosts.add(`${s.id}|${post}`);
  for (const t of ctx.teachers) {
    const c = ctx.clocks.get(t.id)!;
    const home = ctx.schoolById.get(t.schoolId);
    if (!c.leader || !home) continue;
    const pin = pinOf.get(t.id);
    const mayLeave = pin
      ? pin.kind === 'leader_rotation'
      : c.movable && !excludedAll.has(t.id) && (leaderDue(ctx, c) || twoTermsServed(ctx, t, c) || seniorTitleDue(ctx, t, home));
    if (mayLeave) openPosts.add(`${home.id}|${t.post}`);
  }

  // ---- candidates, teacher by teacher (in input order: deterministic); who each rule concerns comes from its module
  for (const t of ctx.teachers) {
    const c = ctx.clocks.get(t.id)!;
    const home = ctx.schoolById.get(t.schoolId);
    if (!home) continue;
    const pin = pinOf.get(t.id);
    if (pin) {
      // H9: a kept pin (pins-and-exclusions checked H8 and the school) is the teacher's one move
      const to = ctx.schoolById.get(pin.toSchoolId)!;
      add(t, home, to, pin.kind as Candidate['kind'], subjectAt(t, to) ?? t.subjects[0], true);
      // a pin does not silence R11 or R16: an applicant pinned to a town school still lacks the rural
      // year, a new village teacher pinned to a rotation has still not shadowed
      const pinned = { to, kind: pin.kind as Candidate['kind'] };
      if (seniorTitleDue(ctx, t, home) && !seniorTitleRuralYear.meets(ctx, pinned)) mustMove.set(t.id, seniorTitleRuralYear);
      else if (!c.leader && shadowingDue(ctx, t, c, home) && !villageShadowing.meets(ctx, pinned)) mustMove.set(t.id, villageShadowing);
      continue;
    }
    // an exclusion removes the teacher's moves, not the rules that ask for one: H4-H6 still name them.
    // H8 keeps the others here; a rule naming one of them is an exception on record (exceptions.ts, Q12)
    if (!c.movable) continue;
    if (c.leader) {
      // H4 (R08), H5 (R11) and S2 (R07): leader rotation to a post of the same kind at another school,
      // one that is vacant or may be vacated this round (H10 decides which)
      const mustGo = leaderDue(ctx, c);
      const terms = twoTermsServed(ctx, t, c);
      const titleDue = seniorTitleDue(ctx, t, home);
      // R11 names leaders too; a rural or weak school meets R08 as well, so H5 is the row to keep
      if (titleDue) mustMove.set(t.id, seniorTitleRuralYear);
      else if (mustGo) mustMove.set(t.id, leaderTwelveYears);
      if (mustGo || terms || titleDue) {
        const fits = (s: SolverSchool) =>
          schoolTakes(s.stage, t.stages) && openPosts.has(`${s.id}|${t.post}`) && (titleDue ? isRuralClass(s) : mustGo || crossesTownCountry(ctx, home, s));
        for (const s of nearest(t, home, schools, fits)) add(t, home, s, 'leader_rotation', t.subjects[0], false);
      }
      continue;
    }
    // H6 (R16): a new village teacher whose five-year window closes this year shadows now
    if (shadowingDue(ctx, t, c, home)) {
      mustMove.set(t.id, villageShadowing);
      for (const s of nearest(t, home, hosts, (s) => schoolTakes(s.stage, t.stages))) add(t, home, s, 'shadowing', t.subjects[0], false);
      continue;
    }
    const titleDue = seniorTitleDue(ctx, t, home);
    if (titleDue) mustMove.set(t.id, seniorTitleRuralYear);
    if (!titleDue && !inQuotaPool(ctx, t, c, home) && !volunteers(ctx, t, home)) continue;
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
  const quota = new Map<string, { eligible: number; required: number }>();
  const b: ModelBuild = { ctx, lp, candidates, slacks, byTeacher, model: { quota, mustMove } };

  // ---- rows, rule by rule (rules/index.ts gives the order)
  for (const rule of ROWS_BEFORE_MUST_MOVE) rule.rows!(b);
  // H4, H5, H6: each named teacher moves (as the rule asks: H5 to a rural or weak school)
  for (const [teacherId, rule] of mustMove) {
    const list = (byTeacher.get(teacherId) ?? []).filter((c) => rule.meets(ctx, c));
    const pins = list.filter((c) => c.pinned).map((c) => ({ teacherId, toSchoolId: c.to.id, kind: c.kind }));
    elasticRow(
      lp,
      slacks,
      list.map((c): [number, number] => [c.v, 1]),
      1,
      1,
      { rule: rule.id, ruleId: rule.policy[0], cost: p.hardPenalty, side: 'below', teacherId, pins },
    );
  }
  for (const rule of ROWS_AFTER_MUST_MOVE) rule.rows!(b);

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
