import type { FullImportBody, ImportTeacher } from '../src/schemas/master-data.js';

/**
 * A tiny county for planning tests, year 2027: one urban school (城区, sends) with 12 eligible
 * teachers of whom 3 are backbone (骨干), two township/rural schools (receive) with vacancies.
 * The 10% quota asks ceil(0.1·12) = 2 rotations from the urban school.
 */
export function tinyCounty(): FullImportBody {
  const teacher = (i: number, over: Partial<ImportTeacher> = {}): ImportTeacher => ({
    externalId: `T${String(i).padStart(3, '0')}`, name: `教师${i}`, gender: i % 2 ? 'M' : 'F', birthDate: '1985-03-01',
    hireDate: '2008-09-01', schoolExternalId: 'URB', schoolSince: '2012-09-01', post: 'teacher', postSince: '2008-09-01',
    subjects: ['math'], stages: ['primary'], title: 'first', education: 'bachelor', established: true, weeklyHours: 14, ...over,
  });
  return {
    districts: [
      { externalId: 'D-CITY', code: 'D-CITY', name: '惠城镇学区' },
      { externalId: 'D-JH', code: 'D-JH', name: '靖海镇学区' },
    ],
    schools: [
      { externalId: 'URB', code: 'URB', name: '惠城实验小学', districtExternalId: 'D-CITY', stage: 'primary', locality: 'urban', isHighQuality: true,
        approvedHeadcount: 14, location: { lat: 23.03, lon: 116.29 }, needs: [{ subject: 'math', teachers: 10, weeklyHours: 140 }] },
      { externalId: 'JH-C', code: 'JH-C', name: '靖海中心小学', districtExternalId: 'D-JH', stage: 'primary', locality: 'township', isCentral: true,
        approvedHeadcount: 6, location: { lat: 22.98, lon: 116.45 }, needs: [{ subject: 'math', teachers: 4, weeklyHours: 56 }] },
      { externalId: 'JH-V', code: 'JH-V', name: '靖海村小', districtExternalId: 'D-JH', stage: 'primary', locality: 'rural',
        approvedHeadcount: 4, location: { lat: 22.95, lon: 116.48 }, needs: [{ subject: 'math', teachers: 2, weeklyHours: 28 }] },
    ],
    teachers: [
      ...Array.from({ length: 12 }, (_, i) => teacher(i + 1, i < 3 ? { backbone: 'county' } : {})),
      teacher(20, { schoolExternalId: 'JH-C', schoolSince: '2015-09-01' }),
      teacher(21, { schoolExternalId: 'JH-V', schoolSince: '2016-09-01' }),
    ],
  };
}
