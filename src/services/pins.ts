import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { getPins as readPins, getPlanRow, replacePins, type Pins } from '../db/plans.js';
import { existingSchoolIds } from '../db/schools.js';
import { homeSchools } from '../db/teachers.js';
import { Conflict, NotFound, ValidationFailed, withDetails, type Detail } from '../errors.js';

export type { Pins };

export async function getPins(db: Db, planId: string): Promise<Pins> {
  return readPins(db, planId);
}

/**
 * PUT /plans/:id/pins (H9): replaces the plan's pins and exclusions. The next proposal keeps every
 * pin and no exclusion. Unknown teachers or schools, two pins for one teacher, or a pin that an
 * exclusion forbids are a 400 listing each.
 */
export async function setPins(db: Db, planId: string, pins: Pins, actor: Actor): Promise<Pins> {
  return db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, planId, { forUpdate: true });
    if (!plan) throw new NotFound('Plan', planId);
    if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: pins can no longer change`);
    const teacherIds = [...new Set([...pins.pin.map((p) => p.teacherId), ...pins.exclude.map((e) => e.teacherId)])];
    const schoolIds = [...new Set([...pins.pin.map((p) => p.toSchoolId), ...pins.exclude.flatMap((e) => (e.toSchoolId ? [e.toSchoolId] : []))])];
    const [homeOf, knownSchools] = await Promise.all([homeSchools(trx, teacherIds), existingSchoolIds(trx, schoolIds)]);
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
    if (details.length)
      throw withDetails(
        new ValidationFailed('Invalid pins'),
        details.map((d) => ({ in: 'body', ...d })),
      );

    await replacePins(trx, planId, pins);
    await appendAudit(trx, actor, { action: 'pins', objectType: 'plan', objectId: planId, detail: pins });
    return pins;
  });
}
