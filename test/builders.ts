import type { ImportSchool, ImportTeacher } from '../src/schemas/master-data.js';

/**
 * Builders for test state: each test says what it needs by name and trait, not by a shared
 * fixture's magic numbers. Every builder gives a valid object; overrides change only what the test
 * is about.
 */
let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;

export function aDistrict(over: Partial<{ externalId: string; code: string; name: string }> = {}) {
  const id = next('D');
  return { externalId: id, code: id, name: `${id}学区`, ...over };
}

/** A school body for POST /schools (by ids) — see anImportSchool for PUT /import (by externalIds). */
export function aSchool(districtId: string, over: Record<string, unknown> = {}) {
  const id = next('S');
  return {
    externalId: id,
    code: id,
    name: `${id}小学`,
    districtId,
    stage: 'primary',
    locality: 'urban',
    approvedHeadcount: 40,
    location: { lat: 23.03, lon: 116.29 },
    needs: [{ subject: 'math', teachers: 6, weeklyHours: 84 }],
    ...over,
  };
}

export function anImportSchool(districtExternalId: string, over: Partial<ImportSchool> = {}): ImportSchool {
  const id = next('S');
  return {
    externalId: id,
    code: id,
    name: `${id}小学`,
    districtExternalId,
    stage: 'primary',
    locality: 'rural',
    approvedHeadcount: 20,
    location: { lat: 22.98, lon: 116.45 },
    needs: [{ subject: 'math', teachers: 3, weeklyHours: 42 }],
    ...over,
  };
}

const teacherCore = () => {
  const id = next('T');
  return {
    externalId: id,
    name: `教师${id.slice(2, 6)}`,
    gender: 'F' as const,
    birthDate: '1986-05-01',
    hireDate: '2009-09-01',
    schoolSince: '2014-09-01',
    post: 'teacher' as const,
    postSince: '2009-09-01',
    subjects: ['math'],
    stages: ['primary' as const],
    title: 'first' as const,
    education: 'bachelor' as const,
    established: true,
    weeklyHours: 14,
  };
};

/** A teacher body for POST /teachers (by ids). */
export function aTeacher(schoolId: string, over: Record<string, unknown> = {}) {
  return { ...teacherCore(), schoolId, ...over };
}

export function anImportTeacher(schoolExternalId: string, over: Partial<ImportTeacher> = {}): ImportTeacher {
  return { ...teacherCore(), schoolExternalId, ...over };
}
