import { clocksOf, isRuralClass, type Clocks } from './clocks.js';
import { academicYearStart } from './domain.js';
import { distanceKm } from './geo.js';
import type { Parameters } from './parameters.js';
import { POST_STAYS_HOME_MAX_YEARS, placementOn, type Placement } from './placement.js';
import type { LineKind, SolverInput, SolverSchool, SolverTeacher } from './types.js';

/**
 * What every phase of the solve reads: the input indexed, each teacher placed on 1 September Y
 * before the plan's moves (placement.ts: the ledger of earlier years decides), the clocks computed once.
 *
 * `teachers` are the input's teachers as of that day: `schoolId` is the home post's school (where
 * the 编制 sits, Q16), `post`/`postSince` the post held, `schoolSince` the last arrival or return.
 * Every phase reads these, never `input.teachers`. Where they work is `placement`'s `workingSchoolId`.
 */
export class Context {
  readonly schoolById: Map<string, SolverSchool>;
  readonly teachers: SolverTeacher[];
  readonly teacherById: Map<string, SolverTeacher>;
  readonly placement: Map<string, Placement>;
  readonly clocks: Map<string, Clocks>;
  /** teachers working at each school on 1 September Y, before the plan's moves (hosted ones at the host) */
  readonly teachersAt = new Map<string, SolverTeacher[]>();
  /** teachers whose home post (编制) is at each school on 1 September Y, away or not */
  readonly homePostsAt = new Map<string, SolverTeacher[]>();
  // distances by school index, filled on first use (NaN: not yet computed); the build asks millions of times
  private readonly schoolIndex: Map<string, number>;
  private readonly dist: Float64Array;
  private readonly staffBySubject = new Map<string, Map<string, number>>();
  /**
   * S4 (R24): the teachers whose chosen line may claim a vacancy (the 缺员 reasons), set once the
   * plan's lines are chosen (explain.ts claimVacancies); null before, when each line is judged alone.
   */
  vacancyClaimants: Set<string> | null = null;

  constructor(
    readonly input: SolverInput,
    readonly p: Parameters,
  ) {
    this.schoolById = new Map(input.schools.map((s) => [s.id, s]));
    this.schoolIndex = new Map(input.schools.map((s, i) => [s.id, i]));
    this.dist = new Float64Array(input.schools.length * input.schools.length).fill(NaN);
    const day = academicYearStart(input.year);
    this.placement = new Map();
    this.clocks = new Map();
    this.teachers = input.teachers.map((t) => {
      const pl = placementOn(t, day, p.longRotationMovesPost);
      this.placement.set(t.id, pl);
      this.clocks.set(t.id, clocksOf(t, this.schoolById, input.year, p, pl));
      const same = pl.homeSchoolId === t.schoolId && pl.homePost === t.post && pl.postSince === t.postSince && pl.since === t.schoolSince;
      return same ? t : { ...t, schoolId: pl.homeSchoolId, post: pl.homePost, postSince: pl.postSince, schoolSince: pl.since };
    });
    this.teacherById = new Map(this.teachers.map((t) => [t.id, t]));
    const push = (m: Map<string, SolverTeacher[]>, k: string, t: SolverTeacher) => {
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    };
    for (const t of this.teachers) {
      const pl = this.placement.get(t.id)!;
      push(this.teachersAt, pl.workingSchoolId, t);
      push(this.homePostsAt, pl.homeSchoolId, t);
    }
  }
  get year() {
    return this.input.year;
  }
  /** Sending schools: urban (城区) or high-quality (优质). */
  isSending(s: SolverSchool): boolean {
    return s.locality === 'urban' || s.isHighQuality;
  }
  /** Receiving schools: rural/township or weak (薄弱), and not themselves sending. */
  isReceiving(s: SolverSchool): boolean {
    return isRuralClass(s) && !this.isSending(s);
  }
  /** R01/R02 apply to sending schools of the compulsory stages (Q17). */
  isQuotaSchool(s: SolverSchool): boolean {
    return this.isSending(s) && (this.p.quotaStages as string[]).includes(s.stage);
  }
  /** A village school or teaching point (村小、教学点), whose new teachers shadow (R16). */
  isVillageSchool(s: SolverSchool): boolean {
    return s.isTeachingPoint || (s.locality === 'rural' && !s.isCentral);
  }
  /** Hosts for shadowing: county-town schools and township central schools (R16). */
  isShadowHost(s: SolverSchool): boolean {
    return s.locality === 'urban' || (s.locality === 'township' && s.isCentral);
  }
  km(a: SolverSchool, b: SolverSchool): number {
    const i = this.schoolIndex.get(a.id);
    const j = this.schoolIndex.get(b.id);
    if (i === undefined || j === undefined) return distanceKm(a, b, this.p.unknownDistanceKm);
    const n = this.input.schools.length;
    let d = this.dist[i * n + j];
    if (Number.isNaN(d)) {
      d = distanceKm(a, b, this.p.unknownDistanceKm);
      this.dist[i * n + j] = d;
      this.dist[j * n + i] = d;
    }
    return d;
  }
  paired(a: SolverSchool, b: SolverSchool): boolean {
    return a.pairedSchoolIds.includes(b.id) || b.pairedSchoolIds.includes(a.id);
  }
  need(s: SolverSchool, subject: string): number {
    return s.needs.find((n) => n.subject === subject)?.teachers ?? 0;
  }
  /**
   * Teachers working at a school in a subject (their first subject) on 1 September Y, before this
   * plan's moves: teachers hosted from earlier years count at the host, own teachers away do not,
   * teachers returning that day count at home (model.md "Placement over time"). Active ones only,
   * established or not: the need figures count everyone who teaches.
   */
  staffIn(s: SolverSchool, subject: string): number {
    let bySubject = this.staffBySubject.get(s.id);
    if (!bySubject) {
      bySubject = new Map();
      for (const t of this.teachersAt.get(s.id) ?? []) {
        if (this.countsWorking(t)) bySubject.set(t.subjects[0], (bySubject.get(t.subjects[0]) ?? 0) + 1);
      }
      this.staffBySubject.set(s.id, bySubject);
    }
    return bySubject.get(subject) ?? 0;
  }
  /**
   * S4/S8 (R24): need minus the teachers working at the school in the subject on 1 September Y,
   * after `departing` of them leave on this plan's lines; above zero a vacancy, below a surplus.
   * The 缺员 reasons, subjectAt and the S4 rows all read this one figure.
   */
  staffingGap(s: SolverSchool, subject: string, departing = 0): number {
    return this.need(s, subject) - (this.staffIn(s, subject) - departing);
  }
  /** Whether the teacher counts in staffIn where they work (and in the staffing report): active, established or not. */
  countsWorking(t: SolverTeacher): boolean {
    return t.status === 'active';
  }
  /** Whether the teacher's home post counts in 编制 (H7, R19): established, active or on leave. */
  holdsPost(t: SolverTeacher): boolean {
    return t.established && (t.status === 'active' || t.status === 'on_leave');
  }
  /** H7 (R19, Q16): established teachers, active or on leave, whose home post is at the school on 1 September Y, before any move. */
  headcount(s: SolverSchool): number {
    return (this.homePostsAt.get(s.id) ?? []).filter((t) => this.holdsPost(t)).length;
  }
  /** The working school of a teacher on 1 September Y before the plan's moves (placement.ts). */
  workingSchoolId(t: SolverTeacher): string {
    return this.placement.get(t.id)?.workingSchoolId ?? t.schoolId;
  }
  /** Q16: whether a move of this kind takes the home post (编制) along: a leader rotation always; a rotation only when longer than three years and the plan says so. */
  movesPost(kind: LineKind): boolean {
    if (kind === 'leader_rotation') return true;
    return kind === 'rotation' && this.p.longRotationMovesPost && this.p.rotationYears > POST_STAYS_HOME_MAX_YEARS;
  }
  isShortage(subject: string): boolean {
    return (this.p.shortageSubjects as string[]).includes(subject);
  }
}
