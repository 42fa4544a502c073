import type { District, School, ServiceRecord, Teacher } from '../schemas/master-data.js';
import type { DistrictRow, SchoolRow, ServiceRecordRow, TeacherRow } from './types.js';

/** Rows to API shapes, in one place. */
export function toDistrict(r: DistrictRow): District {
  return { id: r.id, externalId: r.external_id, code: r.code, name: r.name };
}

export function toSchool(
  r: SchoolRow,
  needs: { subject: string; teachers: number; weekly_hours: number }[],
  pairedSchoolIds: string[],
): School {
  return {
    id: r.id,
    externalId: r.external_id,
    code: r.code,
    name: r.name,
    districtId: r.district_id,
    stage: r.stage as School['stage'],
    locality: r.locality as School['locality'],
    isHighQuality: r.is_high_quality,
    isWeak: r.is_weak,
    isCentral: r.is_central,
    isTeachingPoint: r.is_teaching_point,
    isBoarding: r.is_boarding,
    location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
    approvedHeadcount: r.approved_headcount,
    pairedSchoolIds: [...pairedSchoolIds].sort(),
    needs: needs
      .map((n) => ({ subject: n.subject, teachers: n.teachers, weeklyHours: n.weekly_hours }))
      .sort((a, b) => a.subject.localeCompare(b.subject)),
  };
}

export function toTeacher(
  r: TeacherRow,
  exemptions: { reason: string; from_date: string; to_date: string | null; note: string | null }[],
  preferredSchoolIds: string[],
): Teacher {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    gender: r.gender as Teacher['gender'],
    birthDate: r.birth_date,
    hireDate: r.hire_date,
    schoolId: r.school_id,
    schoolSince: r.school_since,
    post: r.post as Teacher['post'],
    postSince: r.post_since,
    subjects: r.subjects,
    stages: r.stages as Teacher['stages'],
    title: r.title as Teacher['title'],
    backbone: r.backbone as Teacher['backbone'],
    education: r.education as Teacher['education'],
    established: r.established,
    status: r.status as Teacher['status'],
    weeklyHours: r.weekly_hours,
    seniorTitleApplicationYear: r.senior_title_application_year,
    priorRuralYears: r.prior_rural_years,
    exemptions: exemptions.map((e) => ({ reason: e.reason as Teacher['exemptions'][number]['reason'], from: e.from_date, to: e.to_date, note: e.note })),
    volunteer: r.volunteer,
    preferences: { schoolIds: preferredSchoolIds, maxKm: r.preference_max_km },
  };
}

export function toServiceRecord(r: ServiceRecordRow): ServiceRecord {
  return {
    id: r.id,
    teacherId: r.teacher_id,
    schoolId: r.school_id,
    post: r.post as ServiceRecord['post'],
    kind: r.kind as ServiceRecord['kind'],
    from: r.from_date,
    to: r.to_date,
    ruralAtTheTime: r.rural_at_the_time,
    source: r.source as ServiceRecord['source'],
  };
}

/** A school counts as rural for R11 when it is rural/township or flagged weak (薄弱). */
export function isRuralClass(s: { locality: string; is_weak?: boolean; isWeak?: boolean }): boolean {
  return s.locality === 'rural' || s.locality === 'township' || Boolean(s.is_weak ?? s.isWeak);
}

export type SchoolFields = Partial<Omit<School, 'id' | 'needs' | 'pairedSchoolIds'>>;
export function schoolColumns(b: SchoolFields) {
  return {
    external_id: b.externalId, code: b.code, name: b.name, district_id: b.districtId, stage: b.stage, locality: b.locality,
    is_high_quality: b.isHighQuality, is_weak: b.isWeak, is_central: b.isCentral, is_teaching_point: b.isTeachingPoint,
    is_boarding: b.isBoarding, approved_headcount: b.approvedHeadcount,
    ...(b.location !== undefined ? { lat: b.location?.lat ?? null, lon: b.location?.lon ?? null } : {}),
  };
}


export type TeacherFields = Partial<Omit<Teacher, 'id' | 'exemptions' | 'preferences'>>;
/** API fields to columns; undefined leaves a column unchanged on PATCH. */
export function teacherColumns(b: TeacherFields & { preferences?: { maxKm: number | null } }) {
  return {
    external_id: b.externalId, name: b.name, gender: b.gender, birth_date: b.birthDate, hire_date: b.hireDate,
    school_id: b.schoolId, school_since: b.schoolSince, post: b.post, post_since: b.postSince, subjects: b.subjects,
    stages: b.stages, title: b.title, backbone: b.backbone, education: b.education, established: b.established,
    status: b.status, weekly_hours: b.weeklyHours, senior_title_application_year: b.seniorTitleApplicationYear,
    prior_rural_years: b.priorRuralYears, volunteer: b.volunteer, preference_max_km: b.preferences?.maxKm,
  };
}

