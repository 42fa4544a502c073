import type { FullImportBody, ImportTeacher } from '../src/schemas/master-data.js';

/**
 * The tiny county's numbers by name, so a test computes what it expects from them (R01's quota of
 * the eligible, R02's share of backbone) instead of copying a number.
 */
export const TINY = {
  year: 2027,
  /** teachers of the urban school 'URB' who are due to rotate: R01's denominator */
  eligible: 12,
  /** of them 骨干 (backbone, county level) */
  backbone: 3,
  /** math posts the urban school needs: two fewer than it has, so sending two leaves no gap */
  sendingNeeds: 10,
  /** the township central school 'JH-C' and the village school 'JH-V': posts needed and teachers on staff */
  receiving: { 'JH-C': { needs: 4, staff: 1 }, 'JH-V': { needs: 2, staff: 1 } },
} as const;

/**
 * A tiny county for planning tests, year TINY.year: one urban school (城区, sends) with TINY.eligible
 * eligible teachers of whom TINY.backbone are backbone (骨干), two township/rural schools (receive)
 * with vacancies. The 10% quota asks ceil(0.1·12) = 2 rotations from the urban school.
 * Other test files rely on its externalIds (URB, JH-C, JH-V, D-CITY, D-JH, T001…).
 */
export function tinyCounty(): FullImportBody {
  const teacher = (i: number, over: Partial<ImportTeacher> = {}): ImportTeacher => ({
    externalId: `T${String(i).padStart(3, '0')}`,
    name: `教师${i}`,
    gender: i % 2 ? 'M' : 'F',
    birthDate: '1985-03-01',
    hireDate: '2008-09-01',
    schoolExternalId: 'URB',
    schoolSince: '2012-09-01',
    post: 'teacher',
    postSince: '2008-09-01',
    subjects: ['math'],
    stages: ['primary'],
    title: 'first',
    education: 'bachelor',
    established: true,
    weeklyHours: 14,
    ...over,
  });
  const hours = (teachers: number) => teachers * 14;
  const jhc = TINY.receiving['JH-C'];
  const jhv = TINY.receiving['JH-V'];
  return {
    districts: [
      { externalId: 'D-CITY', code: 'D-CITY', name: '惠城镇学区' },
      { externalId: 'D-JH', code: 'D-JH', name: '靖海镇学区' },
    ],
    schools: [
      {
        externalId: 'URB',
        code: 'URB',
        name: '惠城实验小学',
        districtExternalId: 'D-CITY',
        stage: 'primary',
        locality: 'urban',
        isHighQuality: true,
        approvedHeadcount: TINY.eligible + 2,
        location: { lat: 23.03, lon: 116.29 },
        needs: [{ subject: 'math', teachers: TINY.sendingNeeds, weeklyHours: hours(TINY.sendingNeeds) }],
      },
      {
        externalId: 'JH-C',
        code: 'JH-C',
        name: '靖海中心小学',
        districtExternalId: 'D-JH',
        stage: 'primary',
        locality: 'township',
        isCentral: true,
        approvedHeadcount: jhc.needs + 2,
        location: { lat: 22.98, lon: 116.45 },
        needs: [{ subject: 'math', teachers: jhc.needs, weeklyHours: hours(jhc.needs) }],
      },
      {
        externalId: 'JH-V',
        code: 'JH-V',
        name: '靖海村小',
        districtExternalId: 'D-JH',
        stage: 'primary',
        locality: 'rural',
        approvedHeadcount: jhv.needs + 2,
        location: { lat: 22.95, lon: 116.48 },
        needs: [{ subject: 'math', teachers: jhv.needs, weeklyHours: hours(jhv.needs) }],
      },
    ],
    teachers: [
      ...Array.from({ length: TINY.eligible }, (_, i) => teacher(i + 1, i < TINY.backbone ? { backbone: 'county' } : {})),
      // the receiving schools' own staff, numbered from 20
      ...Array.from({ length: jhc.staff }, (_, i) => teacher(20 + i, { schoolExternalId: 'JH-C', schoolSince: '2015-09-01' })),
      ...Array.from({ length: jhv.staff }, (_, i) => teacher(20 + jhc.staff + i, { schoolExternalId: 'JH-V', schoolSince: '2016-09-01' })),
    ],
  };
}
