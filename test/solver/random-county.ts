import fc from 'fast-check';
import type { SolverInput, SolverSchool, SolverTeacher } from '../../solver/types.js';
import { YEAR } from './fixtures.js';

/** Random small counties: 2 districts, a few town and rural schools, 8-30 teachers with every kind of record. */
export const countyArb: fc.Arbitrary<SolverInput> = fc
  .record({
    towns: fc.integer({ min: 1, max: 2 }),
    rurals: fc.integer({ min: 1, max: 4 }),
    seeds: fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 8, maxLength: 30 }),
    schoolSeeds: fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ towns, rurals, seeds, schoolSeeds }) => {
    const subjects = ['math', 'chinese', 'music', 'pe'];
    const schools: SolverSchool[] = [];
    for (let i = 0; i < towns + rurals; i++) {
      const r = schoolSeeds[i % schoolSeeds.length] + i * 7919;
      const town = i < towns;
      schools.push({
        id: `S${i}`,
        code: `S${i}`,
        name: town ? `城区${i}小` : `乡村${i}小`,
        districtId: i % 2 ? 'D2' : 'D1',
        stage: r % 7 === 0 ? 'junior' : 'primary',
        locality: town ? 'urban' : r % 3 === 0 ? 'township' : 'rural',
        isHighQuality: town && r % 2 === 0,
        isWeak: !town && r % 5 === 0,
        isCentral: !town && r % 3 === 0,
        isTeachingPoint: !town && r % 11 === 0,
        isBoarding: false,
        location: { lat: 23 + ((r >> 3) % 20) / 100, lon: 116.2 + ((r >> 8) % 30) / 100 },
        approvedHeadcount: town ? 8 + (r % 6) : 3 + (r % 5),
        pairedSchoolIds: town && r % 4 === 0 ? [`S${towns}`] : [],
        needs: subjects
          .filter((_, k) => (r >> k) % 3 !== 0)
          .map((s, k) => ({ subject: s, teachers: 1 + ((r >> (k + 2)) % 3), weeklyHours: 6 + ((r >> k) % 20) })),
      });
    }
    const teachers: SolverTeacher[] = seeds.map((r, i) => {
      const s = schools[r % schools.length];
      const hireYear = YEAR - 1 - (r % 25);
      const sinceYear = Math.min(YEAR - 1, hireYear + ((r >> 5) % 15));
      const post = r % 13 === 0 ? 'principal' : r % 17 === 0 ? 'vice_principal' : 'teacher';
      return {
        id: `T${i}`,
        name: `教师${i}`,
        gender: r % 2 ? 'F' : 'M',
        birthDate: `${hireYear - 22 - ((r >> 4) % 6)}-0${1 + ((r >> 2) % 9)}-15`,
        hireDate: `${hireYear}-09-01`,
        schoolId: s.id,
        schoolSince: `${sinceYear}-09-01`,
        post,
        postSince: `${post === 'teacher' ? hireYear : Math.max(hireYear, YEAR - ((r >> 6) % 16))}-09-01`,
        subjects: [subjects[(r >> 3) % subjects.length]],
        stages: [s.stage === 'junior' ? 'junior' : 'primary'],
        title: 'first',
        backbone: r % 4 === 0 ? 'county' : null,
        education: r % 3 ? 'bachelor' : 'associate',
        established: r % 19 !== 0,
        status: r % 23 === 0 ? 'on_leave' : 'active',
        weeklyHours: 8 + (r % 12),
        seniorTitleApplicationYear: r % 9 === 0 ? YEAR + ((r >> 7) % 3) : null,
        priorRuralYears: r % 29 === 0 ? 1 : 0,
        exemptions: r % 15 === 0 ? [{ reason: 'illness', from: `${YEAR}-01-01`, to: null, note: null }] : [],
        volunteer: r % 31 === 0,
        preferences: { schoolIds: [], maxKm: null },
        serviceRecords: [],
      };
    });
    return { year: YEAR, parameters: {}, schools, teachers, pins: [], exclusions: [] };
  });
