import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SolverInput } from '../../solver/types.js';
import { pinsForSolver } from '../db/plans.js';
import { previousLines } from '../db/proposal-lines.js';
import { allSchools } from '../db/schools.js';
import { allServiceRecords } from '../db/service-records.js';
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
  const [schools, teachers, records, previous, { pins, exclusions }] = await Promise.all([
    allSchools(db),
    allTeachers(db),
    allServiceRecords(db),
    opts.previousProposalId ? previousLines(db, opts.previousProposalId) : Promise.resolve([]),
    pinsForSolver(db, plan.id),
  ]);
  const recordsBy = new Map<string, SolverInput['teachers'][number]['serviceRecords']>();
  for (const { teacherId, ...r } of records) {
    const list = recordsBy.get(teacherId) ?? [];
    list.push(r);
    recordsBy.set(teacherId, list);
  }
  return {
    year: plan.year,
    parameters: plan.parameters as SolverInput['parameters'],
    schools,
    teachers: teachers.map((t) => ({ ...t, serviceRecords: recordsBy.get(t.id) ?? [] })),
    pins,
    exclusions,
    previousLines: previous,
  };
}

/** A stable hash of what the solver is given, so a proposal can be reproduced and compared. */
export function snapshotHash(input: SolverInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
