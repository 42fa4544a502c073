import type { Kysely, Transaction } from 'kysely';
import type { Engine, Proposal } from '../domain.js';
import type { DB, ProposalRow } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Reads of proposals and the insert of a new one. Status changes (queued → running → done …,
 * publishing) belong to the solve queue and the publish step (src/services/solve-runner.ts, publish.ts).
 */

/** The one row→domain mapper of proposals. */
export function toProposal(r: ProposalRow): Proposal {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    planId: r.plan_id,
    version: r.version,
    status: r.status,
    engine: r.engine,
    progress: r.progress,
    parameters: r.parameters,
    snapshotHash: r.snapshot_hash,
    stats: r.stats,
    summary: r.summary,
    error: r.error,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    notice: r.notice_until && r.notice_from && r.announced_at ? { announcedAt: iso(r.announced_at)!, from: r.notice_from, until: r.notice_until } : null,
  };
}

export async function getProposalRow(db: Q, id: string): Promise<ProposalRow | undefined> {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Whether the proposal exists, reading nothing else: a list of its lines or reviews needs no more,
 * and the whole row carries the compliance report (hundreds of KB for a county), which every
 * principal's read of their lines parsed and dropped (issue #18 point 3).
 */
export async function proposalExists(db: Q, id: string): Promise<boolean> {
  return (await db.selectFrom('proposals').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A plan's proposals, newest version first, `limit` from position `start`. */
export async function listProposals(db: Q, planId: string, start: number, limit: number): Promise<Proposal[]> {
  const rows = await db.selectFrom('proposals').selectAll().where('plan_id', '=', planId).orderBy('version', 'desc').limit(limit).offset(start).execute();
  return rows.map(toProposal);
}

/** The plan's highest version so far (0 when none). */
export async function lastVersion(db: Q, planId: string): Promise<number> {
  const last = await db
    .selectFrom('proposals')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

/** A new, queued proposal. */
export async function insertProposal(
  db: Q,
  p: { planId: string; version: number; engine: Engine; timeLimitSeconds: number | null; parameters: Record<string, unknown>; createdBy: string },
): Promise<ProposalRow> {
  return db
    .insertInto('proposals')
    .values({
      plan_id: p.planId,
      version: p.version,
      engine: p.engine,
      time_limit_seconds: p.timeLimitSeconds,
      parameters: JSON.stringify(p.parameters),
      created_by: p.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Stores (or, for a retried solve, replaces) the input a proposal's solve started from. */
export async function saveProposalSnapshot(
  db: Q,
  proposalId: string,
  s: { engineVersion: string; parameters: Record<string, unknown>; inputGzip: Uint8Array },
) {
  await db
    .insertInto('proposal_snapshots')
    .values({ proposal_id: proposalId, engine_version: s.engineVersion, parameters: JSON.stringify(s.parameters), input_gzip: s.inputGzip })
    .onConflict((oc) =>
      oc
        .column('proposal_id')
        .doUpdateSet({ engine_version: s.engineVersion, parameters: JSON.stringify(s.parameters), input_gzip: s.inputGzip, created_at: new Date() }),
    )
    .execute();
}

/** The stored input of a proposal's solve, or undefined (a proposal not yet started, or solved before snapshots were kept). */
export async function getProposalSnapshot(db: Q, proposalId: string) {
  const r = await db.selectFrom('proposal_snapshots').selectAll().where('proposal_id', '=', proposalId).executeTakeFirst();
  return r && { engineVersion: r.engine_version, parameters: r.parameters, inputGzip: r.input_gzip, createdAt: new Date(r.created_at).toISOString() };
}
