import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COUNTY_SHAPES, type CountyShape, generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { ImportBodySchema } from '../../src/schemas/master-data.js';

const YEAR = 2027;
/** whole academic years from a date to 31 August YEAR */
const yearsSince = (d: string) => YEAR - Number(d.slice(0, 4)) - (d.slice(5) > '08-31' ? 1 : 0);
const sha256 = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
const SHORTAGE = new Set(['politics', 'pe', 'music', 'art', 'labour', 'psychology', 'special_education']);
type County = ReturnType<typeof generateCounty>;

/** Every reference in the body resolves and every externalId is unique. */
function expectValid(county: County) {
  expect(ImportBodySchema.safeParse(county).success).toBe(true);
  const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));
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
  // every district has schools
  expect(new Set(county.schools.map((s) => s.districtExternalId)).size).toBe(county.districts.length);
}

/** The figures that tell county shapes apart. */
function measure(county: County) {
  const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));
  const urban = (t: County['teachers'][number]) => schoolBy.get(t.schoolExternalId)!.locality === 'urban';
  const staff = new Map<string, number>();
  for (const t of county.teachers) staff.set(`${t.schoolExternalId}|${t.subjects[0]}`, (staff.get(`${t.schoolExternalId}|${t.subjects[0]}`) ?? 0) + 1);
  let shortageVacancies = 0;
  for (const s of county.schools) {
    if (s.locality === 'urban') continue;
    for (const n of s.needs ?? []) if (SHORTAGE.has(n.subject)) shortageVacancies += Math.max(0, n.teachers - (staff.get(`${s.externalId}|${n.subject}`) ?? 0));
  }
  const age = (t: County['teachers'][number]) => YEAR - Number(t.birthDate.slice(0, 4)) - 1;
  return {
    districts: county.districts.length,
    schools: county.schools.length,
    ruralSchoolShare: county.schools.filter((s) => s.locality === 'rural').length / county.schools.length,
    urbanTeacherShare: county.teachers.filter(urban).length / county.teachers.length,
    teachingPoints: county.schools.filter((s) => s.isTeachingPoint).length,
    shortageTeacherShare: county.teachers.filter((t) => SHORTAGE.has(t.subjects[0])).length / county.teachers.length,
    shortageVacancies,
    // within 5 years of statutory retirement (55 women, 60 men; model.md retirementExemptYears)
    nearRetirementShare: county.teachers.filter((t) => age(t) >= (t.gender === 'F' ? 50 : 55)).length / county.teachers.length,
  };
}

/** Each rule the generator is meant to exercise has teachers or schools it binds. */
function expectEveryRuleBinds(county: County, r01Pool: number) {
  const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));
  const urban = (t: { schoolExternalId: string }) => schoolBy.get(t.schoolExternalId)!.locality === 'urban';
  // R01 pool: town teachers with 6+ years at their school
  expect(county.teachers.filter((t) => urban(t) && yearsSince(t.schoolSince) >= 6).length).toBeGreaterThan(r01Pool);
  // R08: leaders 12+ years in post
  expect(county.teachers.filter((t) => t.post !== 'teacher' && yearsSince(t.postSince) >= 12).length).toBeGreaterThan(0);
  // R11: senior-title applicants next year with no rural service
  expect(
    county.teachers.filter(
      (t) => urban(t) && t.seniorTitleApplicationYear && t.seniorTitleApplicationYear <= YEAR + 1 && !t.priorRuralYears && !t.serviceRecords,
    ).length,
  ).toBeGreaterThan(0);
  // R16: village and teaching-point teachers hired in the last five years
  expect(county.teachers.filter((t) => schoolBy.get(t.schoolExternalId)!.locality === 'rural' && yearsSince(t.hireDate) < 5).length).toBeGreaterThan(0);
  // R24: rural vacancies in shortage subjects
  expect(county.schools.some((s) => s.locality !== 'urban' && (s.needs ?? []).some((n) => SHORTAGE.has(n.subject) && n.teachers > 0))).toBe(true);
  // R09: exemptions; R30 pairings with urban schools; weak schools to receive, high-quality schools to send from
  expect(county.teachers.some((t) => (t.exemptions ?? []).length > 0)).toBe(true);
  expect(county.schools.some((s) => (s.pairedSchoolExternalIds ?? []).length > 0)).toBe(true);
  expect(county.schools.some((s) => s.isWeak)).toBe(true);
  expect(county.schools.some((s) => s.isHighQuality)).toBe(true);
}

describe('generated demo county', () => {
  const county = generateCounty({ seed: 1, teachers: 12000, year: YEAR });

  it('is a valid import body whose every reference resolves', () => {
    expectValid(county);
  });

  it('writes the leadership posts of each school (H10) only when asked: the posts it staffs, one principal each', () => {
    expect(county.schools.every((s) => !('leaderPosts' in s))).toBe(true);
    const withPosts = generateCounty({ seed: 7, teachers: 2000, year: YEAR, leaderPosts: true });
    expectValid(withPosts);
    for (const s of withPosts.schools) {
      const held = (post: string) => withPosts.teachers.filter((t) => t.schoolExternalId === s.externalId && t.post === post).length;
      expect(s.leaderPosts).toEqual({ principal: 1, partySecretary: held('party_secretary'), vicePrincipals: held('vice_principal') });
      expect(held('principal')).toBe(1);
    }
    expect(withPosts.schools.some((s) => (s.leaderPosts?.vicePrincipals ?? 0) >= 2)).toBe(true);
  });

  it('is byte for byte the county it was before shapes existed (the README figures, the demo and other tests rest on it)', () => {
    expect(sha256(county)).toBe('7dafd90a88f9766eee6d27836ca30c6fd8aa81b13c413461d2b345f538f452f4');
    expect(sha256(generateCounty({ seed: 7, teachers: 2000, year: YEAR }))).toBe('83f4ad4bfd03d2a980174c32231eee7852ea73911848cf08b04b1629eebabf24');
    expect(sha256(generateCounty({ seed: 3, teachers: 500, year: YEAR, prefix: 'C2-', name: '测试' }))).toBe(
      'ffdc94ee1718a97a5cc786a9c66b576a1cfdcbd5a7f32b7e7db0d8c5ceb1a49f',
    );
    // the named default and its explicit options are the same county
    expect(sha256(generateCounty({ seed: 7, teachers: 2000, year: YEAR, shape: 'huilai' }))).toBe(
      '83f4ad4bfd03d2a980174c32231eee7852ea73911848cf08b04b1629eebabf24',
    );
    expect(sha256(generateCounty({ seed: 7, teachers: 2000, year: YEAR, ...COUNTY_SHAPES.huilai }))).toBe(
      '83f4ad4bfd03d2a980174c32231eee7852ea73911848cf08b04b1629eebabf24',
    );
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
    expectEveryRuleBinds(county, 1000);
  });

  it('is deterministic per seed and different across seeds; prefixes keep counties apart', () => {
    const a = JSON.stringify(generateCounty({ seed: 7, teachers: 2000, year: YEAR }));
    expect(JSON.stringify(generateCounty({ seed: 7, teachers: 2000, year: YEAR }))).toBe(a);
    expect(JSON.stringify(generateCounty({ seed: 8, teachers: 2000, year: YEAR }))).not.toBe(a);
    const p = generateCounty({ seed: 7, teachers: 2000, year: YEAR, prefix: 'C2-' });
    expect(p.teachers.every((t) => t.externalId.startsWith('C2-') && t.schoolExternalId.startsWith('C2-'))).toBe(true);
  });
});

describe('county shapes', () => {
  const huilai = measure(generateCounty({ seed: 1, teachers: 12000, year: YEAR }));
  const names = Object.keys(COUNTY_SHAPES).filter((n) => n !== 'huilai') as ShapeName[];

  describe.each(names)('%s', (shape) => {
    const county = generateCounty({ seed: 1, teachers: 12000, year: YEAR, shape });

    it('is a valid import body of exactly the requested number of teachers', () => {
      expectValid(county);
      expect(county.teachers).toHaveLength(12000);
      for (const teachers of [1000, 3000, 7777]) expect(generateCounty({ seed: 2, teachers, year: YEAR, shape }).teachers).toHaveLength(teachers);
    });

    it('makes every rule bind somewhere', () => {
      expectEveryRuleBinds(county, 500);
    });

    it('is deterministic per seed and different across seeds; prefixes keep counties apart', () => {
      const a = sha256(generateCounty({ seed: 7, teachers: 3000, year: YEAR, shape }));
      expect(sha256(generateCounty({ seed: 7, teachers: 3000, year: YEAR, shape }))).toBe(a);
      expect(sha256(generateCounty({ seed: 8, teachers: 3000, year: YEAR, shape }))).not.toBe(a);
      expect(sha256(generateCounty({ seed: 7, teachers: 3000, year: YEAR }))).not.toBe(a);
      const p = generateCounty({ seed: 7, teachers: 3000, year: YEAR, shape, prefix: 'C2-' });
      expect([...p.districts, ...p.schools, ...p.teachers].every((x) => x.externalId.startsWith('C2-'))).toBe(true);
    });

    it('has the property that sets it apart', () => {
      const m = measure(county);
      if (shape === 'weihai') {
        // a development zone: 3 sub-districts and 2 rural towns, few rural schools, shortage teachers plentiful
        expect(m.districts).toBe(5);
        expect(
          county.schools
            .filter((s) => s.locality === 'urban')
            .map((s) => s.districtExternalId)
            .filter((v, i, a) => a.indexOf(v) === i),
        ).toHaveLength(3);
        expect(m.ruralSchoolShare).toBeLessThan(huilai.ruralSchoolShare / 2);
        expect(m.urbanTeacherShare).toBeGreaterThan(0.8);
        expect(m.shortageTeacherShare).toBeGreaterThan(huilai.shortageTeacherShare * 1.3);
        expect(m.shortageVacancies).toBeLessThan(huilai.shortageVacancies / 4);
      } else if (shape === 'mountain') {
        // many small districts, mostly rural, many teaching points, shortage subjects scarce, an older staff
        expect(m.districts).toBe(31);
        expect(m.schools).toBeGreaterThan(huilai.schools * 2);
        expect(m.ruralSchoolShare).toBeGreaterThan(huilai.ruralSchoolShare);
        expect(m.urbanTeacherShare).toBeLessThan(0.3);
        expect(m.teachingPoints).toBeGreaterThan(huilai.teachingPoints * 3);
        expect(m.shortageTeacherShare).toBeLessThan(huilai.shortageTeacherShare * 0.75);
        expect(m.shortageVacancies).toBeGreaterThan(huilai.shortageVacancies * 2);
        expect(m.nearRetirementShare).toBeGreaterThan(huilai.nearRetirementShare * 2);
      } else if (shape === 'suburban') {
        // few large districts and large schools
        expect(m.districts).toBe(6);
        expect(12000 / m.schools).toBeGreaterThan((12000 / huilai.schools) * 2.5);
        expect(
          Math.max(
            ...county.districts.map(
              (d) => county.teachers.filter((t) => county.schools.find((s) => s.externalId === t.schoolExternalId)!.districtExternalId === d.externalId).length,
            ),
          ),
        ).toBeGreaterThan(2000);
      } else if (shape === 'backlog') {
        // issue #21: a long R06 backlog in town: most town teachers 15+ years at their school
        const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));
        const town = county.teachers.filter((t) => t.post === 'teacher' && schoolBy.get(t.schoolExternalId)!.locality === 'urban');
        const share = (c: County) => {
          const by = new Map(c.schools.map((s) => [s.externalId, s]));
          const ts = c.teachers.filter((t) => t.post === 'teacher' && by.get(t.schoolExternalId)!.locality === 'urban');
          return ts.filter((t) => yearsSince(t.schoolSince) >= 15).length / ts.length;
        };
        expect(town.filter((t) => yearsSince(t.schoolSince) >= 15).length / town.length).toBeGreaterThan(0.4);
        expect(share(generateCounty({ seed: 1, teachers: 12000, year: YEAR }))).toBeLessThan(0.3);
        expect(m.shortageVacancies).toBeGreaterThan(huilai.shortageVacancies * 1.3);
      } else if (shape === 'ties') {
        // issue #21: one arrival year per town school (equal R06 claims), a vacancy in most rural subjects, half-teacher hours
        const schoolBy = new Map(county.schools.map((s) => [s.externalId, s]));
        const bySchool = new Map<string, Set<string>>();
        for (const t of county.teachers) {
          if (t.post !== 'teacher' || schoolBy.get(t.schoolExternalId)!.locality !== 'urban' || yearsSince(t.hireDate) < 15) continue;
          bySchool.set(t.schoolExternalId, (bySchool.get(t.schoolExternalId) ?? new Set()).add(t.schoolSince));
        }
        expect([...bySchool.values()].every((since) => since.size === 1)).toBe(true);
        const rural = county.schools.filter((s) => s.locality !== 'urban');
        expect(rural.flatMap((s) => s.needs ?? []).filter((n) => n.weeklyHours % 14 === 7).length).toBeGreaterThan(500);
      } else if (shape === 'leaders') {
        // issue #21: half the leaders 12+ years in post, and 学区 of very different sizes
        const leaders = county.teachers.filter((t) => t.post !== 'teacher');
        expect(leaders.filter((t) => yearsSince(t.postSince) >= 12).length / leaders.length).toBeGreaterThan(0.3);
        const sizes = county.districts.slice(1).map((d) => county.schools.filter((s) => s.districtExternalId === d.externalId).length);
        expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes) * 5);
      } else throw new Error(`no distinguishing property tested for ${shape}`);
    });
  });

  it('explicit options override the shape, field by field', () => {
    const c = generateCounty({
      seed: 4,
      teachers: 4000,
      year: YEAR,
      shape: 'mountain',
      townships: 9,
      urbanDistricts: 2,
      nearRetirement: 0,
      shortage: 'plentiful',
    });
    expectValid(c);
    expect(c.teachers).toHaveLength(4000);
    expect(c.districts).toHaveLength(11);
    const m = measure(c);
    const mountain = measure(generateCounty({ seed: 4, teachers: 4000, year: YEAR, shape: 'mountain' }));
    expect(m.nearRetirementShare).toBeLessThan(mountain.nearRetirementShare / 2);
    expect(m.shortageTeacherShare).toBeGreaterThan(mountain.shortageTeacherShare * 2);
    const o: Partial<CountyShape> = { villages: [0, 0], teachingPoints: [0, 0] };
    expect(generateCounty({ seed: 4, teachers: 2000, year: YEAR, ...o }).schools.filter((s) => s.locality === 'rural')).toHaveLength(0);
  });

  it('refuses a county too small to staff its schools, and unknown shapes, instead of looping', () => {
    expect(() => generateCounty({ seed: 5, teachers: 60, year: YEAR })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 5, teachers: 2000, year: YEAR, shape: 'atlantis' as ShapeName })).toThrow(RangeError);
  });
});
