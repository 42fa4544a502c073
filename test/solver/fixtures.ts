import type { SolverInput, SolverSchool, SolverTeacher } from '../../solver/types.js';

/** Tiny named fixtures for the solver tests. The plan year is 2027 unless a test says otherwise. */
export const YEAR = 2027;

let n = 0;
export function school(id: string, over: Partial<SolverSchool> = {}): SolverSchool {
  return {
    id,
    code: id,
    name: id,
    districtId: 'D1',
    stage: 'primary',
    locality: 'urban',
    isHighQuality: false,
    isWeak: false,
    isCentral: false,
    isTeachingPoint: false,
    isBoarding: false,
    location: { lat: 23.0, lon: 116.3 },
    approvedHeadcount: 100,
    pairedSchoolIds: [],
    needs: [],
    ...over,
  };
}
/** A rural school some km east of the town (0.01° of longitude ≈ 1 km here). */
export function rural(id: string, km: number, over: Partial<SolverSchool> = {}): SolverSchool {
  return school(id, {
    locality: 'rural',
    location: { lat: 23.0, lon: 116.3 + km / 102.5 },
    approvedHeadcount: 20,
    needs: [{ subject: 'math', teachers: 3, weeklyHours: 42 }],
    ...over,
  });
}
export function teacher(id: string, schoolId: string, over: Partial<SolverTeacher> = {}): SolverTeacher {
  n++;
  return {
    id,
    name: id,
    gender: 'M',
    birthDate: '1985-03-01',
    hireDate: '2008-09-01',
    schoolId,
    schoolSince: '2015-09-01',
    post: 'teacher',
    postSince: '2008-09-01',
    subjects: ['math'],
    stages: ['primary'],
    title: 'first',
    backbone: null,
    education: 'bachelor',
    established: true,
    status: 'active',
    weeklyHours: 14,
    seniorTitleApplicationYear: null,
    priorRuralYears: 0,
    exemptions: [],
    volunteer: false,
    preferences: { schoolIds: [], maxKm: null },
    serviceRecords: [],
    ...over,
  };
}
/** `count` eligible math teachers (12 years at the school) at a school. */
export function staff(prefix: string, schoolId: string, count: number, over: (i: number) => Partial<SolverTeacher> = () => ({})): SolverTeacher[] {
  return Array.from({ length: count }, (_, i) => teacher(`${prefix}${String(i + 1).padStart(2, '0')}`, schoolId, over(i)));
}
export function input(schools: SolverSchool[], teachers: SolverTeacher[], over: Partial<SolverInput> = {}): SolverInput {
  return { year: YEAR, parameters: {}, schools, teachers, pins: [], exclusions: [], ...over };
}
