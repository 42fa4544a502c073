// Issue #12 point 4 on a county of another shape than the API test's (test/routes/churn.test.ts):
// the solver alone, a generated 3,000-teacher Weihai-shaped county (few large districts). A re-solve
// with nothing changed gives identical lines, 走教 hours included; after one pin and one exclusion,
// every changed line is one of the two teachers' own or at a school they touch, counted here.
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import type { Line } from '../../solver/types.js';
import { churnEdits, previousOf } from '../../scripts/lib/churn.js';
import { importToSolverInput } from '../../scripts/lib/import-to-solver-input.js';
import { generateCounty } from '../../src/demo/generate-county.js';

const full = (l: Line) => `${l.teacherId}|${l.kind}|${l.fromSchoolId}>${l.toSchoolId}|${l.subject}|${l.hoursPerWeek}`;
/** The lines in one result and not the other, both ways. */
const differing = (a: Line[], b: Line[]) => {
  const ka = new Set(a.map(full));
  const kb = new Set(b.map(full));
  return [...a.filter((l) => !kb.has(full(l))), ...b.filter((l) => !ka.has(full(l)))];
};

describe('S9 on a generated 3,000-teacher weihai county (issue #12)', () => {
  it('nothing changed: identical lines; one pin and one exclusion: their lines and moves at the schools they touch', { timeout: 240_000 }, async () => {
    const input = importToSolverInput(generateCounty({ seed: 1, teachers: 3000, year: 2027, shape: 'weihai' }), 2027);
    const v1 = await solve(input);
    expect(v1.lines.filter((l) => l.kind === 'itinerant').length).toBeGreaterThan(50);
    const again = await solve({ ...input, previousLines: previousOf(v1.lines) });
    expect(differing(v1.lines, again.lines)).toEqual([]);

    const { pin, exclusion } = churnEdits(input, v1.lines);
    const edited = { ...input, pins: [pin], exclusions: [exclusion] };
    const v2 = await solve({ ...edited, previousLines: previousOf(v1.lines) });
    const home = new Map(input.teachers.map((t) => [t.id, t.schoolId]));
    const excludedLine = v1.lines.find((l) => l.teacherId === exclusion.teacherId)!;
    const touched = new Set([home.get(pin.teacherId), pin.toSchoolId, home.get(exclusion.teacherId), excludedLine.toSchoolId]);
    const changed = differing(v1.lines, v2.lines);
    // the pinned teacher's new line and the excluded teacher's old one are among them
    expect(changed.some((l) => l.teacherId === pin.teacherId && l.toSchoolId === pin.toSchoolId)).toBe(true);
    expect(changed.some((l) => l.teacherId === exclusion.teacherId)).toBe(true);
    expect(v2.lines.some((l) => l.teacherId === exclusion.teacherId)).toBe(false);
    const others = changed.filter((l) => l.teacherId !== pin.teacherId && l.teacherId !== exclusion.teacherId);
    for (const l of others) expect(touched.has(l.fromSchoolId) || touched.has(l.toSchoolId), full(l)).toBe(true);
    // a colleague added at a touched school goes because its quota needs it: it sends no more than it must
    for (const s of touched) {
      const q = v2.compliance.schools.find((x) => x.schoolId === s);
      const added = others.filter((l) => l.fromSchoolId === s && v2.lines.includes(l) && l.kind === 'rotation').length;
      if (q && added) expect(q.proposed).toBeLessThanOrEqual(q.required + (pin.teacherId && home.get(pin.teacherId) === s ? 1 : 0));
    }
    // and nothing changed after that: identical again
    const v3 = await solve({ ...edited, previousLines: previousOf(v2.lines) });
    expect(differing(v2.lines, v3.lines)).toEqual([]);
  });
});
