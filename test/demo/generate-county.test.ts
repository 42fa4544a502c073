import { describe, expect, it } from 'vitest';
import { generateCounty } from '../../src/demo/generate-county.js';
import { ImportBodySchema } from '../../src/schemas/master-data.js';

const YEAR = 2027;
/** whole academic years from a date to 31 August YEAR */
const yearsSince = (d: string) => YEAR - Number(d.slice(0, 4)) - (d.slice(5) > '08-31' ? 1 : 0);

describe('generated demo county', () => {
  const county = generateCounty({ seed: 1, teachers: 12000, year: YEAR });
  const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));

  it('is a valid import body whose every reference resolves', () => {
    expect(ImportBodySchema.safeParse(county).success).toBe(true);
    const districts = new Set(county.districts.map((d) => d.externalId));
    for (const s of county.schools) {
      expect(districts.has(s.districtExternalId)).toBe(true);
      for (const p of s.pairedSchoolExternalIds ?? []) expect(schoolBy.has(p)).toBe(true);
    }
    for (const t of county.teachers) {
      expect(schoolBy.has(t.schoolExternalId)).toBe(true);
      for (const p of t.preferences?.schoolExternalIds ?? []) expect(schoolBy.has(p)).toBe(true);
      for (const r of t.serviceRecords ?? []) expect(schoolBy.has(r.schoolExternalId)).toBe(true);
    }
    for (const list of [county.districts, county.schools, county.teachers]) {
      expect(new Set(list.map((x) => x.externalId)).size).toBe(list.length);
    }
  });

  it('is sized like Huilai: 15 districts, 200-260 schools, exactly 12,000 teachers, about 15% backbone', () => {
    expect(county.districts).toHaveLength(15);
    expect(county.schools.length).toBeGreaterThanOrEqual(200);
    expect(county.schools.length).toBeLessThanOrEqual(260);
    expect(county.teachers).toHaveLength(12000);
    const backbone = county.teachers.filter((t) => t.backbone).length / county.teachers.length;
    expect(backbone).toBeGreaterThan(0.12);
    expect(backbone).toBeLessThan(0.18);
    expect(county.schools.filter((s) => s.stage === 'senior').length).toBeGreaterThanOrEqual(6);
    expect(county.schools.filter((s) => s.isTeachingPoint).length).toBeGreaterThan(0);
  });

  it('makes every rule bind somewhere', () => {
    const urban = (t: { schoolExternalId: string }) => schoolBy.get(t.schoolExternalId)!.locality === 'urban';
    // R01 pool: town teachers with 6+ years at their school
    expect(county.teachers.filter((t) => urban(t) && yearsSince(t.schoolSince) >= 6).length).toBeGreaterThan(1000);
    // R08: leaders 12+ years in post
    expect(county.teachers.filter((t) => t.post !== 'teacher' && yearsSince(t.postSince) >= 12).length).toBeGreaterThan(0);
    // R11: senior-title applicants next year with no rural service
    expect(county.teachers.filter((t) => urban(t) && t.seniorTitleApplicationYear && t.seniorTitleApplicationYear <= YEAR + 1 && !t.priorRuralYears && !t.serviceRecords).length).toBeGreaterThan(0);
    // R16: village and teaching-point teachers hired in the last five years
    expect(county.teachers.filter((t) => schoolBy.get(t.schoolExternalId)!.locality === 'rural' && yearsSince(t.hireDate) < 5).length).toBeGreaterThan(0);
    // R24: rural vacancies in shortage subjects
    const shortage = new Set(['politics', 'pe', 'music', 'art', 'labour', 'psychology', 'special_education']);
    expect(county.schools.some((s) => s.locality !== 'urban' && (s.needs ?? []).some((n) => shortage.has(n.subject) && n.teachers > 0))).toBe(true);
  });

  it('is deterministic per seed and different across seeds; prefixes keep counties apart', () => {
    const a = JSON.stringify(generateCounty({ seed: 7, teachers: 2000, year: YEAR }));
    expect(JSON.stringify(generateCounty({ seed: 7, teachers: 2000, year: YEAR }))).toBe(a);
    expect(JSON.stringify(generateCounty({ seed: 8, teachers: 2000, year: YEAR }))).not.toBe(a);
    const p = generateCounty({ seed: 7, teachers: 2000, year: YEAR, prefix: 'C2-' });
    expect(p.teachers.every((t) => t.externalId.startsWith('C2-') && t.schoolExternalId.startsWith('C2-'))).toBe(true);
  });
});
