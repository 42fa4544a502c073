import { clocksOf, isRuralClass, type Clocks } from './clocks.js';
import { distanceKm } from './geo.js';
import type { Parameters } from './parameters.js';
import type { SolverInput, SolverSchool, SolverTeacher } from './types.js';

/** What every phase of the solve reads: the input indexed, the clocks computed once. */
export class Context {
  readonly schoolById: Map<string, SolverSchool>;
  readonly teacherById: Map<string, SolverTeacher>;
  readonly clocks: Map<string, Clocks>;
  readonly teachersAt = new Map<string, SolverTeacher[]>();
  // distances by school index, filled on first use (NaN: not yet computed); the build asks millions of times
  private readonly schoolIndex: Map<string, number>;
  private readonly dist: Float64Array;
  private readonly staffBySubject = new Map<string, Map<string, number>>();

  constructor(
    readonly input: SolverInput,
    readonly p: Parameters,
  ) {
    this.schoolById = new Map(input.schools.map((s) => [s.id, s]));
    this.schoolIndex = new Map(input.schools.map((s, i) => [s.id, i]));
    this.dist = new Float64Array(input.schools.length * input.schools.length).fill(NaN);
    this.teacherById = new Map(input.teachers.map((t) => [t.id, t]));
    this.clocks = new Map(input.teachers.map((t) => [t.id, clocksOf(t, this.schoolById, input.year, p)]));
    for (const t of input.teachers) {
      const list = this.teachersAt.get(t.schoolId);
      if (list) list.push(t);
      else this.teachersAt.set(t.schoolId, [t]);
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
  /** Teachers in post at a school in a subject (their first subject), before any move. */
  staffIn(s: SolverSchool, subject: string): number {
    let bySubject = this.staffBySubject.get(s.id);
    if (!bySubject) {
      bySubject = new Map();
      for (const t of this.teachersAt.get(s.id) ?? []) {
        if (this.clocks.get(t.id)!.available) bySubject.set(t.subjects[0], (bySubject.get(t.subjects[0]) ?? 0) + 1);
      }
      this.staffBySubject.set(s.id, bySubject);
    }
    return bySubject.get(subject) ?? 0;
  }
  /** Everyone counted against 编制 at a school before any move (active or on leave, not away). */
  headcount(s: SolverSchool): number {
    return (this.teachersAt.get(s.id) ?? []).filter((t) => (t.status === 'active' || t.status === 'on_leave') && !this.clocks.get(t.id)!.awayNow).length;
  }
  isShortage(subject: string): boolean {
    return (this.p.shortageSubjects as string[]).includes(subject);
  }
}
