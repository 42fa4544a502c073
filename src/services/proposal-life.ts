import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, ProposalsTable } from '../db/types.js';

/**
 * The life of a proposal: its states, the transitions between them with their guards, and the only
 * code that writes `proposals.status`. Every transition is one guarded UPDATE (`WHERE status IN (…)`
 * plus its guard) that reports whether it happened, so two processes racing for one proposal (two
 * workers, a cancel and a finish, two publishes) serialise on the row and exactly one wins.
 *
 * The one other writer is the INSERT of a new proposal (`requestProposal` in plans.ts): it takes the
 * column's default, `queued`, and names no status. test/services/proposal-life.test.ts checks both
 * (every transition against the table; no other status write in src/).
 *
 * The 公示 (public notice, issue #12) sits between `done` and `published`: a proposal is announced
 * for the notice period (`announced`, done → announced → published), and goes back to `done` when HR
 * withdraws the notice or announces another version of the plan instead. At most one proposal per
 * academic year is announced or published, whatever its plan's name: a unique index on (year) for
 * those two states (migrations/0016) makes the second of two racing announces fail.
 */
export const PROPOSAL_STATES = ['queued', 'running', 'done', 'failed', 'cancelled', 'announced', 'published'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface Transition {
  from: readonly ProposalState[];
  to: ProposalState;
  /** what must hold besides the state, in words (the UPDATE below states it in SQL) */
  guard: string;
}

/** Every allowed change of a proposal's status; anything else is refused (the UPDATE matches no row). */
export const TRANSITIONS = {
  claim: { from: ['queued'], to: 'running', guard: 'none: the first runner to claim it holds it (on PostgreSQL see retake)' },
  retake: {
    from: ['running'],
    to: 'running',
    guard: 'PostgreSQL only: its heartbeat is older than the stale limit (its worker died); the claimer holds it now',
  },
  release: { from: ['running'], to: 'queued', guard: 'its heartbeat is older than the stale limit: back to the queue for a live worker' },
  requeue: {
    from: ['running'],
    to: 'queued',
    guard: 'held by the runner giving it back: its database connection dropped mid-solve, so the queue runs it again (issue #18)',
  },
  finish: { from: ['running'], to: 'done', guard: 'held by the runner storing the result (its lines are written in the same transaction)' },
  fail: { from: ['queued', 'running'], to: 'failed', guard: 'a runner failing its own solve: only while it still holds it' },
  abandon: { from: ['running'], to: 'failed', guard: 'embedded database, at start: no other process can be solving it' },
  cancel: { from: ['queued', 'running'], to: 'cancelled', guard: 'none (HR, any time before it ends)' },
  announce: {
    from: ['done'],
    to: 'announced',
    guard: 'the plan is not archived and has no published proposal; no other proposal of the year is announced or published (unique index)',
  },
  withdraw: { from: ['announced'], to: 'done', guard: 'none (HR withdraws the notice, or announces another version of the plan)' },
  publish: {
    from: ['announced'],
    to: 'published',
    guard: 'the plan is not archived and has no published proposal; the notice period has ended and every objection is answered (checked first)',
  },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** Whether the table lets a proposal go from one state to another (by any transition). */
export function allowed(from: ProposalState, to: ProposalState): boolean {
  return Object.values(TRANSITIONS).some((t) => t.to === to && (t.from as readonly ProposalState[]).includes(from));
}

const from = (name: TransitionName) => [...TRANSITIONS[name].from] as ProposalState[];
const staleSince = (staleSeconds: number) => sql<boolean>`COALESCE(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${staleSeconds})`;

export type ProposalRowFull = Selectable<ProposalsTable>;

/**
 * queued → running (claim), or with `retakeStaleAfterSeconds` also running → running (retake) when the
 * heartbeat is that old: a job pg-boss hands out again after its worker died. Two workers racing
 * serialise on the row; the second sees the first's fresh heartbeat and gets nothing.
 */
export async function claim(db: Db, id: string, runner: string, opts: { retakeStaleAfterSeconds?: number } = {}): Promise<ProposalRowFull | undefined> {
  const stale = opts.retakeStaleAfterSeconds;
  return db
    .updateTable('proposals')
    .set({
      status: TRANSITIONS.claim.to,
      started_at: new Date(),
      progress: JSON.stringify({ phase: 'loading', fraction: 0 }),
      heartbeat_at: sql`now()`,
      runner,
      attempts: sql`attempts + 1`,
    })
    .where('id', '=', id)
    .where((eb) =>
      stale === undefined
        ? eb('status', 'in', from('claim'))
        : eb.or([eb('status', 'in', from('claim')), eb.and([eb('status', 'in', from('retake')), staleSince(stale)])]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Renews the heartbeat of a proposal this runner holds; false when it no longer does (cancelled, or taken back). */
export async function heartbeat(db: Db, id: string, runner: string): Promise<boolean> {
  const r = await db
    .updateTable('proposals')
    .set({ heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Writes the solve's progress while this runner holds it; false when it no longer does. */
export async function reportProgress(db: Db, id: string, runner: string, progress: { phase: string; fraction: number }): Promise<boolean> {
  const r = await db
    .updateTable('proposals')
    .set({ progress: JSON.stringify(progress) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * running → queued for every proposal whose heartbeat is older than `staleSeconds` (its worker died).
 * One sweeping process wins each row. Times are the database's, so the machines' clocks do not matter.
 */
export async function releaseStale(db: Db, staleSeconds: number): Promise<{ id: string; runner: string | null }[]> {
  return db
    .updateTable('proposals')
    .set({ status: TRANSITIONS.release.to, progress: JSON.stringify({ phase: 'queued', fraction: 0 }), heartbeat_at: null })
    .where('status', 'in', from('release'))
    .where(staleSince(staleSeconds))
    .returning(['id', 'runner'])
    .execute();
}

/**
 * running → queued, held by `runner`: the runner's database connection dropped mid-solve (issue #18),
 * nothing of the solve was stored (its transaction rolled back), and the queue is to run it again.
 * False when the runner no longer holds it (cancelled, or taken back meanwhile).
 */
export async function requeue(db: Db, id: string, runner: string): Promise<boolean> {
  const r = await db
    .updateTable('proposals')
    .set({ status: TRANSITIONS.requeue.to, progress: JSON.stringify({ phase: 'queued', fraction: 0 }), heartbeat_at: null })
    .where('id', '=', id)
    .where('status', 'in', from('requeue'))
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Locks a proposal for the transaction that stores its result, and says whether `runner` still holds it.
 * Call inside the transaction, before writing the lines; `finish` then cannot miss.
 */
export async function lockIfHeld(trx: Db, id: string, runner: string): Promise<boolean> {
  const still = await trx.selectFrom('proposals').select(['status', 'runner']).where('id', '=', id).forUpdate().executeTakeFirst();
  return still !== undefined && (from('finish') as string[]).includes(still.status) && still.runner === runner;
}

/** running → done, held by `runner`, with what the solve produced. Run in the transaction that wrote the lines. */
export async function finish(trx: Db, id: string, runner: string, result: { stats: unknown; compliance: unknown; summary: unknown }): Promise<boolean> {
  const r = await trx
    .updateTable('proposals')
    .set({
      status: TRANSITIONS.finish.to,
      progress: JSON.stringify({ phase: 'done', fraction: 1 }),
      stats: JSON.stringify(result.stats),
      compliance: JSON.stringify(result.compliance),
      summary: JSON.stringify(result.summary),
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', from('finish'))
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * queued|running → failed with the reason. With `heldBy`, only a running proposal that runner still
 * holds: one taken back meanwhile is another worker's now.
 */
export async function fail(db: Db, id: string, reason: string, heldBy?: string): Promise<boolean> {
  let q = db
    .updateTable('proposals')
    .set({ status: TRANSITIONS.fail.to, error: reason.slice(0, 2000), finished_at: new Date() })
    .where('id', '=', id);
  q = heldBy ? q.where('status', '=', 'running').where('runner', '=', heldBy) : q.where('status', 'in', from('fail'));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Embedded database, at start: every proposal left running by a process that died is failed with the reason. */
export async function abandonRunning(db: Db, reason: string): Promise<string[]> {
  const rows = await db
    .updateTable('proposals')
    .set({ status: TRANSITIONS.abandon.to, error: reason, finished_at: new Date() })
    .where('status', 'in', from('abandon'))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** queued|running → cancelled; false when it had already ended. */
export async function cancel(db: Db, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('proposals')
    .set({ status: TRANSITIONS.cancel.to, error: reason, finished_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', from('cancel'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Why a proposal cannot be published, or null when it can (the guard of done → published, for a clear
 * 409 before any record is written). `publish` checks the same again in its UPDATE.
 */
export function publishRefusal(
  proposal: { version: number; status: string },
  plan: { status: string },
  alreadyPublished: { version: number } | undefined,
): string | null {
  if (alreadyPublished) return `Proposal v${alreadyPublished.version} of this plan is already published`;
  // an archived plan's drafts may have lost lines with deleted teachers (src/db/holders.ts): never the year's result
  if (plan.status === 'archived') return 'The plan is archived: its proposals can no longer be published';
  if (proposal.status === 'done')
    return `Proposal v${proposal.version} is done: announce it (公示) first; it can be published once the notice period has ended`;
  if (!(from('publish') as string[]).includes(proposal.status))
    return `Proposal v${proposal.version} is ${proposal.status}: only an announced proposal can be published, after its notice period`;
  return null;
}

const planIsLive = ({ exists, selectFrom }: ExpressionBuilder<DB, 'proposals'>) =>
  exists(selectFrom('plans').select('plans.id').whereRef('plans.id', '=', 'proposals.plan_id').where('plans.status', '<>', 'archived'));
const planHasNoPublished = ({ exists, not, selectFrom }: ExpressionBuilder<DB, 'proposals'>) =>
  not(exists(selectFrom('proposals as other').select('other.id').whereRef('other.plan_id', '=', 'proposals.plan_id').where('other.status', '=', 'published')));

/**
 * done → announced with its notice period, when its plan is not archived and has none published. A
 * second proposal of the year (another plan, or a version not withdrawn first) breaks the unique index:
 * the caller answers 409 naming the one that holds the year.
 */
export async function announce(trx: Db, id: string, notice: { from: string; until: string }): Promise<boolean> {
  const r = await trx
    .updateTable('proposals')
    .set({ status: TRANSITIONS.announce.to, announced_at: new Date(), notice_from: notice.from, notice_until: notice.until })
    .where('id', '=', id)
    .where('status', 'in', from('announce'))
    .where(planHasNoPublished)
    .where(planIsLive)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** announced → done: the notice is withdrawn (its period with it); reviews and objections stay with the lines. */
export async function withdraw(trx: Db, id: string): Promise<boolean> {
  const r = await trx
    .updateTable('proposals')
    .set({ status: TRANSITIONS.withdraw.to, announced_at: null, notice_from: null, notice_until: null })
    .where('id', '=', id)
    .where('status', 'in', from('withdraw'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** announced → published, when its plan is not archived and has no published proposal. Run in the publishing transaction. */
export async function publish(trx: Db, id: string): Promise<boolean> {
  const r = await trx
    .updateTable('proposals')
    .set({ status: TRANSITIONS.publish.to })
    .where('id', '=', id)
    .where('status', 'in', from('publish'))
    .where(planHasNoPublished)
    .where(planIsLive)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
