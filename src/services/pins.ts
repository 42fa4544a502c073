import { sql } from 'kysely';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { Conflict, NotFound, ValidationFailed, withDetails, type Detail } from '../errors.js';

export interface Pins {
  pin: { teacherId: string; toSchoolId: string; kind: 'rotation' | 'leader_rotation' | 'shadowing' | 'itinerant' }[];
  exclude: { teacherId: string; toSchoolId?: string | null }[];
}

export async function getPins(db: Db, planId: string): Promise<Pins> {
  const [pin, exclude] = await Promise.all([
    db.selectFrom('plan_pins').select(['teacher_id', 'to_school_id', 'kind']).where('plan_id', '=', planId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('plan_exclusions').select(['teacher_id', 'to_school_id']).where('plan_id', '=', planId).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    pin: pin.map((p) => ({ teacherId: p.teacher_id, toSchoolId: p.to_school_id, kind: p.kind as Pins['pin'][number]['kind'] })),
    exclude: exclude.map((e) => ({ teacherId: e.teacher_id, toSchoolId: e.to_school_id })),
  };
}

/**
 * PUT /plans/:id/pins (H9): replaces the plan's pins and exclusions. The next proposal keeps every
 * pin and no exclusion. Unknown teachers or schools, two pins for one teacher, or a pin that an
 * exclusion forbids are a 400 listing each.
 */
export async function setPins(db: Db, planId: string, pins: Pins, actor: Actor): Promise<Pins> {
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').select(['id', 'status']).where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw new NotFound('Plan', planId);
    if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: pins can no longer change`);
    const teacherIds = [...new Set([...pins.pin.map((p) => p.teacherId), ...pins.exclude.map((e) => e.teacherId)])];
    const schoolIds = [...new Set([...pins.pin.map((p) => p.toSchoolId), ...pins.exclude.flatMap((e) => (e.toSchoolId ? [e.toSchoolId] : []))])];
    const [teachers, schools] = await Promise.all([
      teacherIds.length ? trx.selectFrom('teachers').select(['id', 'school_id']).where('id', '=', sql<string>`ANY(${teacherIds}::uuid[])`).execute() : [],
      schoolIds.length ? trx.selectFrom('schools').select('id').where('id', '=', sql<string>`ANY(${schoolIds}::uuid[])`).execute() : [],
    ]);
    const homeOf = new Map(teachers.map((t) => [t.id, t.school_id]));
    const knownSchools = new Set(schools.map((s) => s.id));
    const details: Detail[] = [];
    const pinned = new Map<string, number>();
    pins.pin.forEach((p, i) => {
      if (!homeOf.has(p.teacherId)) details.push({ field: `pin[${i}].teacherId`, message: `unknown teacher ${p.teacherId}` });
      if (!knownSchools.has(p.toSchoolId)) details.push({ field: `pin[${i}].toSchoolId`, message: `unknown school ${p.toSchoolId}` });
      if (homeOf.get(p.teacherId) === p.toSchoolId) details.push({ field: `pin[${i}].toSchoolId`, message: 'the teacher is already at that school' });
      if (pinned.has(p.teacherId)) details.push({ field: `pin[${i}].teacherId`, message: `teacher pinned twice (also pin[${pinned.get(p.teacherId)}])` });
      pinned.set(p.teacherId, i);
    });
    pins.exclude.forEach((e, i) => {
      if (!homeOf.has(e.teacherId)) details.push({ field: `exclude[${i}].teacherId`, message: `unknown teacher ${e.teacherId}` });
      if (e.toSchoolId && !knownSchools.has(e.toSchoolId)) details.push({ field: `exclude[${i}].toSchoolId`, message: `unknown school ${e.toSchoolId}` });
      const p = pins.pin.find((x) => x.teacherId === e.teacherId && (!e.toSchoolId || e.toSchoolId === x.toSchoolId));
      if (p) details.push({ field: `exclude[${i}]`, message: 'excludes a line that is also pinned' });
    });
    if (details.length) throw withDetails(new ValidationFailed('Invalid pins'), details.map((d) => ({ in: 'body', ...d })));

    await trx.deleteFrom('plan_pins').where('plan_id', '=', planId).execute();
    await trx.deleteFrom('plan_exclusions').where('plan_id', '=', planId).execute();
    if (pins.pin.length) {
      await trx.insertInto('plan_pins').values(pins.pin.map((p) => ({ plan_id: planId, teacher_id: p.teacherId, to_school_id: p.toSchoolId, kind: p.kind }))).execute();
    }
    const uniqueEx = [...new Map(pins.exclude.map((e) => [`${e.teacherId}|${e.toSchoolId ?? ''}`, e])).values()];
    if (uniqueEx.length) {
      await trx.insertInto('plan_exclusions').values(uniqueEx.map((e) => ({ plan_id: planId, teacher_id: e.teacherId, to_school_id: e.toSchoolId ?? null }))).execute();
    }
    await appendAudit(trx, actor, { action: 'pins', objectType: 'plan', objectId: planId, detail: pins });
    return pins;
  });
}
