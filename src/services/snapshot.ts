import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SolverInput } from '../../solver/types.js';
import { hydrateSchools } from '../db/schools.js';
import { allTeachers } from '../db/teachers.js';
import type { DB } from '../db/types.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The solver's input for a plan, read from the database in one go: every school, every teacher
 * with their ledger, the plan's parameters, pins and exclusions (H9), and the previous proposal's
 * lines (S9 stability).
 * The solver itself never touches the database.
 */
export async function loadSnapshot(
  db: Q,
  plan: { id: string; year: number; parameters: Record<string, unknown> },
  opts: { previousProposalId?: string | null } = {},
): Promise<SolverInput> {
  const [schoolRows, teachers, records, previous, pins, exclusions] = await Promise.all([
    db.selectFrom('schools').selectAll().orderBy('external_id').execute(),
    allTeachers(db),
    db.selectFrom('service_records').select(['teacher_id', 'school_id', 'post', 'kind', 'from_date', 'to_date', 'rural_at_the_time'])
      .orderBy('teacher_id').orderBy('from_date').orderBy('id').execute(),
    opts.previousProposalId
      ? db.selectFrom('proposal_lines').select(['teacher_id', 'kind', 'from_school_id', 'to_school_id']).where('proposal_id', '=', opts.previousProposalId).execute()
      : Promise.resolve([]),
    db.selectFrom('plan_pins').select(['teacher_id', 'to_school_id', 'kind']).where('plan_id', '=', plan.id).orderBy('teacher_id').execute(),
    db.selectFrom('plan_exclusions').select(['teacher_id', 'to_school_id']).where('plan_id', '=', plan.id).orderBy('teacher_id').orderBy('to_school_id').execute(),
  ]);
  const schools = await hydrateSchools(db, schoolRows);
  const recordsBy = new Map<string, SolverInput['teachers'][number]['serviceRecords']>();
  for (const r of records) {
    const list = recordsBy.get(r.teacher_id) ?? [];
    list.push({ schoolId: r.school_id, post: r.post as never, kind: r.kind as never, from: r.from_date, to: r.to_date, ruralAtTheTime: r.rural_at_the_time });
    recordsBy.set(r.teacher_id, list);
  }
  return {
    year: plan.year,
    parameters: plan.parameters as SolverInput['parameters'],
    schools,
    teachers: teachers.map((t) => ({ ...t, serviceRecords: recordsBy.get(t.id) ?? [] })),
    pins: pins.map((p) => ({ teacherId: p.teacher_id, toSchoolId: p.to_school_id, kind: p.kind as never })),
    exclusions: exclusions.map((e) => ({ teacherId: e.teacher_id, toSchoolId: e.to_school_id })),
    previousLines: previous.map((l) => ({ teacherId: l.teacher_id, kind: l.kind as never, fromSchoolId: l.from_school_id, toSchoolId: l.to_school_id })),
  };
}

/** A stable hash of what the solver is given, so a proposal can be reproduced and compared. */
export function snapshotHash(input: SolverInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
