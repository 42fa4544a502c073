import type { Kysely, Transaction } from 'kysely';
import { withDefaults } from '../../solver/index.js';
import type { LineKind, Plan, PlanSettings, PlanStatus } from '../domain.js';
import type { DB, PlanRow } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of plans: the overrides as given and every parameter in force. */
export function toPlan(r: PlanRow): Plan {
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    parameters: r.parameters,
    effectiveParameters: withDefaults(r.parameters),
    settings: r.settings,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function getPlanRow(db: Q, id: string, opts: { forUpdate?: boolean } = {}): Promise<PlanRow | undefined> {
  const q = db.selectFrom('plans').selectAll().where('id', '=', id);
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** Plans newest year first, `limit` from position `start`. */
export async function listPlans(db: Q, f: { year?: number }, start: number, limit: number): Promise<Plan[]> {
  let q = db.selectFrom('plans').selectAll().orderBy('year', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(start);
  if (f.year) q = q.where('year', '=', f.year);
  return (await q.execute()).map(toPlan);
}

/** A plan of that year and name that is not archived, if any. */
export async function liveNamesake(db: Q, year: number, name: string): Promise<string | undefined> {
  return (await db.selectFrom('plans').select('id').where('year', '=', year).where('name', '=', name).where('status', '<>', 'archived').executeTakeFirst())?.id;
}

export async function insertPlan(db: Q, p: { year: number; name: string; parameters: Record<string, unknown>; settings: PlanSettings }): Promise<PlanRow> {
  return db
    .insertInto('plans')
    .values({ year: p.year, name: p.name, parameters: JSON.stringify(p.parameters), settings: JSON.stringify(p.settings) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePlanRow(
  db: Q,
  id: string,
  p: { name?: string; parameters?: Record<string, unknown>; settings?: PlanSettings; status?: PlanStatus },
): Promise<PlanRow> {
  return db
    .updateTable('plans')
    .set({
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.parameters ? { parameters: JSON.stringify(p.parameters) } : {}),
      ...(p.settings ? { settings: JSON.stringify(p.settings) } : {}),
      ...(p.status ? { status: p.status } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- pins and exclusions (H9): part of the plan
export interface Pins {
  pin: { teacherId: string; toSchoolId: string; kind: LineKind }[];
  exclude: { teacherId: string; toSchoolId?: string | null }[];
}

/** The plan's pins and exclusions in the order they were set. */
export async function getPins(db: Q, planId: string): Promise<Pins> {
  const [pin, exclude] = await Promise.all([
    db.selectFrom('plan_pins').select(['teacher_id', 'to_school_id', 'kind']).where('plan_id', '=', planId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('plan_exclusions').select(['teacher_id', 'to_school_id']).where('plan_id', '=', planId).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    pin: pin.map((p) => ({ teacherId: p.teacher_id, toSchoolId: p.to_school_id, kind: p.kind })),
    exclude: exclude.map((e) => ({ teacherId: e.teacher_id, toSchoolId: e.to_school_id })),
  };
}

/** The plan's pins and exclusions as the solver takes them (by teacher). */
export async function pinsForSolver(db: Q, planId: string) {
  const [pins, exclusions] = await Promise.all([
    db.selectFrom('plan_pins').select(['teacher_id', 'to_school_id', 'kind']).where('plan_id', '=', planId).orderBy('teacher_id').execute(),
    db
      .selectFrom('plan_exclusions')
      .select(['teacher_id', 'to_school_id'])
      .where('plan_id', '=', planId)
      .orderBy('teacher_id')
      .orderBy('to_school_id')
      .execute(),
  ]);
  return {
    pins: pins.map((p) => ({ teacherId: p.teacher_id, toSchoolId: p.to_school_id, kind: p.kind })),
    exclusions: exclusions.map((e) => ({ teacherId: e.teacher_id, toSchoolId: e.to_school_id })),
  };
}

/** Replaces the plan's pins and exclusions (each exclusion once). */
export async function replacePins(db: Q, planId: string, pins: Pins): Promise<void> {
  await db.deleteFrom('plan_pins').where('plan_id', '=', planId).execute();
  await db.deleteFrom('plan_exclusions').where('plan_id', '=', planId).execute();
  if (pins.pin.length) {
    await db
      .insertInto('plan_pins')
      .values(pins.pin.map((p) => ({ plan_id: planId, teacher_id: p.teacherId, to_school_id: p.toSchoolId, kind: p.kind })))
      .execute();
  }
  const uniqueEx = [...new Map(pins.exclude.map((e) => [`${e.teacherId}|${e.toSchoolId ?? ''}`, e])).values()];
  if (uniqueEx.length) {
    await db
      .insertInto('plan_exclusions')
      .values(uniqueEx.map((e) => ({ plan_id: planId, teacher_id: e.teacherId, to_school_id: e.toSchoolId ?? null })))
      .execute();
  }
}
