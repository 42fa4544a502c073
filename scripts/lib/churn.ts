import { Context } from '../../solver/context.js';
import { resolveParameters } from '../../solver/parameters.js';
import type { Exclusion, Line, Pin, SolverInput } from '../../solver/types.js';

/** A result's lines as the next solve's previous proposal (S9), as src/services/snapshot.ts passes them. */
export function previousOf(lines: Line[]) {
  return lines.map((l) => ({
    teacherId: l.teacherId,
    kind: l.kind,
    fromSchoolId: l.fromSchoolId,
    toSchoolId: l.toSchoolId,
    subject: l.subject,
    hoursPerWeek: l.hoursPerWeek,
  }));
}

/** What a line is, for counting churn: teacher, kind, schools, subject, hours (走教 included). */
const lineKey = (l: Line) => `${l.teacherId}|${l.kind}|${l.toSchoolId}`;
const lineValue = (l: Line) => `${l.fromSchoolId}|${l.subject ?? ''}|${l.hoursPerWeek ?? ''}`;

/** The lines that differ between two results: added, removed, or changed in school or hours. */
export function lineChanges(before: Line[], after: Line[]): { teacherId: string; what: 'added' | 'removed' | 'changed'; line: Line }[] {
  const a = new Map(before.map((l) => [lineKey(l), l]));
  const b = new Map(after.map((l) => [lineKey(l), l]));
  const out: { teacherId: string; what: 'added' | 'removed' | 'changed'; line: Line }[] = [];
  for (const [k, l] of b) {
    const old = a.get(k);
    if (!old) out.push({ teacherId: l.teacherId, what: 'added', line: l });
    else if (lineValue(old) !== lineValue(l)) out.push({ teacherId: l.teacherId, what: 'changed', line: l });
  }
  for (const [k, l] of a) if (!b.has(k)) out.push({ teacherId: l.teacherId, what: 'removed', line: l });
  return out;
}

/**
 * One pin and one exclusion as HR would make them on a first proposal, chosen deterministically:
 * the exclusion takes out the first rotation (by teacher id) from a sending school; the pin sends a
 * teacher of another sending school who has no line and may be moved (H8), to where a colleague of
 * the same first subject rotates (a post the model itself found for that subject).
 */
export function churnEdits(input: SolverInput, lines: Line[]): { pin: Pin; exclusion: Exclusion } {
  const school = new Map(input.schools.map((s) => [s.id, s]));
  const teacher = new Map(input.teachers.map((t) => [t.id, t]));
  const sending = (id: string) => {
    const s = school.get(id)!;
    return (s.locality === 'urban' || s.isHighQuality) && (s.stage === 'primary' || s.stage === 'junior');
  };
  const rotations = lines.filter((l) => l.kind === 'rotation' && sending(l.fromSchoolId)).sort((x, y) => x.teacherId.localeCompare(y.teacherId));
  const excluded = rotations[0];
  const withLine = new Set(lines.map((l) => l.teacherId));
  const ctx = new Context(input, resolveParameters(input.parameters));
  for (const l of rotations) {
    if (l.fromSchoolId === excluded.fromSchoolId) continue;
    const subject = teacher.get(l.teacherId)!.subjects[0];
    const t = input.teachers
      .filter((x) => x.schoolId === l.fromSchoolId && !withLine.has(x.id) && ctx.clocks.get(x.id)!.movable && x.post === 'teacher' && x.subjects[0] === subject)
      .sort((x, y) => x.id.localeCompare(y.id))[0];
    if (t) return { pin: { teacherId: t.id, toSchoolId: l.toSchoolId, kind: 'rotation' }, exclusion: { teacherId: excluded.teacherId } };
  }
  throw new Error('no teacher to pin');
}
