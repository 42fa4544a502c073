// Issue #21, schools that stay teachable, on generated counties: the shape built to be gutted
// (backlog: full town schools of long-serving teachers, rural schools short of shortage subjects)
// loses more than 15% of a school without the cap and no more with it; and on several shapes and
// seeds the independent checker (test/years/checker.ts, which shares no code with solver/) finds
// no school losing more than the cap unreported.
import { describe, expect, it } from 'vitest';
import { importToSolverInput } from '../../scripts/lib/import-to-solver-input.js';
import { resolveParameters, solve } from '../../solver/index.js';
import type { SolverInput, SolverResult } from '../../solver/types.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { checkYear, type YearInput } from '../years/checker.js';

const YEAR = 2027;
const TEACHERS = 1500;

/** What the checker reads from the API, taken from the solver's own input and result. */
function asYear(input: SolverInput, r: SolverResult): YearInput {
  const teacherById = new Map(input.teachers.map((t) => [t.id, t]));
  return {
    year: input.year,
    parameters: resolveParameters(input.parameters) as unknown as YearInput['parameters'],
    schools: input.schools.map((s) => ({ ...s, needs: s.needs.map((n) => ({ subject: n.subject, teachers: n.teachers })) })),
    teachers: input.teachers.map((t) => ({ ...t, status: t.status as 'active' })),
    records: new Map(input.teachers.map((t) => [t.id, t.serviceRecords.map((x) => ({ ...x, post: x.post as 'teacher' }))])),
    lines: r.lines.map((l) => ({ ...l, teacher: { subject: l.subject ?? teacherById.get(l.teacherId)!.subjects[0] } })),
    compliance: r.compliance,
  };
}

const county = (shape: ShapeName, seed: number) => importToSolverInput(generateCounty({ seed, teachers: TEACHERS, year: YEAR, shape }), YEAR);

describe('H12 on a county built to be gutted (backlog shape)', () => {
  it('without the cap a school of 10+ teachers loses more than 15%; with it none does, and the checker agrees', { timeout: 300_000 }, async () => {
    const input = county('backlog', 1);
    const off = await solve({ ...input, parameters: { maxSchoolLossShare: 1 } }, { itinerantWorkers: 0 });
    expect(checkYear(asYear({ ...input, parameters: { maxSchoolLossShare: 1 } }, off)).figures.largestLossShare).toBeGreaterThan(0.2);
    const on = await solve(input, { itinerantWorkers: 0 });
    const report = checkYear(asYear(input, on));
    expect(report.findings.filter((f) => f.kind === 'schoolLossAboveCap')).toEqual([]);
    // schools of ten or more: the cap's own share; smaller ones may always send one
    expect(report.figures.largestLossShare).toBeLessThanOrEqual(0.15);
    expect(on.compliance.losses.filter((l) => l.teachers >= 20).every((l) => l.leaving <= Math.max(l.allowed, 0.15 * l.teachers))).toBe(true);
  });
});

describe('H12 on several shapes and seeds: the independent checker finds no school above the cap unreported', () => {
  const cases: [ShapeName, number][] = [
    ['huilai', 2],
    ['ties', 1],
    ['suburban', 3],
    ['leaders', 4],
  ];
  it.each(cases)('%s seed %i', { timeout: 300_000 }, async (shape, seed) => {
    const input = county(shape, seed);
    const r = await solve(input, { itinerantWorkers: 0 });
    const report = checkYear(asYear(input, r));
    expect(report.findings.filter((f) => f.kind === 'schoolLossAboveCap').map((f) => f.detail)).toEqual([]);
    // every school above the cap is one the policy's own hard rules or pins forced, and says so
    for (const v of r.compliance.violations.filter((x) => x.rule === 'H12')) expect(v.messageZh).toMatch(/政策要求必须交流|人事股指定/);
    // and the checker's own count agrees: every school above the cap is one the report names under H12
    expect(report.figures.schoolsAboveLossCap).toBe(r.compliance.violations.filter((x) => x.rule === 'H12').length);
  });
});
