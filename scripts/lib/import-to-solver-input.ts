import { isRuralClass } from '../../solver/clocks.js';
import type { SolverInput, SolverSchool, SolverTeacher } from '../../solver/types.js';
import type { FullImportBody } from '../../src/schemas/master-data.js';
import { ImportBodySchema } from '../../src/schemas/master-data.js';

/**
 * An import body (references by externalId) as the solver's input, without a database: externalIds
 * serve as ids. For benchmarks and solver tests; the service builds its input from the database
 * (src/services/snapshot.ts).
 */
export function importToSolverInput(body: FullImportBody, year: number, parameters: SolverInput['parameters'] = {}): SolverInput {
  const parsed = ImportBodySchema.parse(body);
  const districtOf = new Map(parsed.districts.map((d) => [d.externalId, d.externalId]));
  const pairs = new Map<string, Set<string>>();
  for (const s of parsed.schools) {
    for (const p of s.pairedSchoolExternalIds) {
      pairs.set(s.externalId, (pairs.get(s.externalId) ?? new Set()).add(p));
      pairs.set(p, (pairs.get(p) ?? new Set()).add(s.externalId));
    }
  }
  const schools: SolverSchool[] = parsed.schools.map((s) => ({
    id: s.externalId,
    code: s.code,
    name: s.name,
    districtId: districtOf.get(s.districtExternalId) ?? s.districtExternalId,
    stage: s.stage,
    locality: s.locality,
    isHighQuality: s.isHighQuality,
    isWeak: s.isWeak,
    isCentral: s.isCentral,
    isTeachingPoint: s.isTeachingPoint,
    isBoarding: s.isBoarding,
    location: s.location,
    approvedHeadcount: s.approvedHeadcount,
    pairedSchoolIds: [...(pairs.get(s.externalId) ?? [])].sort(),
    needs: s.needs,
  }));
  const schoolBy = new Map(schools.map((s) => [s.id, s]));
  const teachers: SolverTeacher[] = parsed.teachers.map((t) => ({
    id: t.externalId,
    name: t.name,
    gender: t.gender,
    birthDate: t.birthDate,
    hireDate: t.hireDate,
    schoolId: t.schoolExternalId,
    schoolSince: t.schoolSince,
    post: t.post,
    postSince: t.postSince,
    subjects: t.subjects,
    stages: t.stages,
    title: t.title,
    backbone: t.backbone,
    education: t.education,
    established: t.established,
    status: t.status,
    weeklyHours: t.weeklyHours,
    seniorTitleApplicationYear: t.seniorTitleApplicationYear,
    priorRuralYears: t.priorRuralYears,
    exemptions: t.exemptions,
    volunteer: t.volunteer,
    preferences: { schoolIds: t.preferences.schoolExternalIds, maxKm: t.preferences.maxKm },
    serviceRecords: (t.serviceRecords ?? []).map((r) => ({
      schoolId: r.schoolExternalId,
      post: r.post,
      kind: r.kind,
      from: r.from,
      to: r.to,
      ruralAtTheTime: r.ruralAtTheTime ?? isRuralClass(schoolBy.get(r.schoolExternalId)!),
    })),
  }));
  return { year, parameters, schools, teachers, pins: [], exclusions: [] };
}
