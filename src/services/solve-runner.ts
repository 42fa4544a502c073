import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { SolverResult } from '../../solver/types.js';
import type { Db } from '../db/database.js';
import { solveInWorker, type SolveHandle } from './solve-in-worker.js';
import { loadSnapshot, snapshotHash } from './snapshot.js';

const PROGRESS_EVERY_MS = 300;
const LINE_CHUNK = 1000;
export const SOLVE_QUEUE = 'solve-proposal';

export interface RunnerOptions {
  /** PostgreSQL: solves are pg-boss jobs, shared by every process that works the queue */
  boss?: { connectionString: string; expireSeconds: number; maintenanceSeconds: number };
  /** whether this process takes solves (the service by default; `npm run worker` always) */
  work: boolean;
}

/**
 * Runs requested proposals one at a time per process (a 2-core machine gains nothing from two
 * solves at once), each in a worker thread. A proposal ends `done` with its lines stored in one
 * transaction, or `failed` with the reason; the plan stays usable either way.
 *
 * On the embedded database the queue is this process's own: after a restart, proposals left
 * `running` are marked failed and `queued` ones run. On PostgreSQL each request is a pg-boss job,
 * so several worker processes on several machines share the load; a job whose worker died expires
 * and is retried by another worker, and a job out of retries marks its proposal failed.
 */
export class SolveRunner {
  private readonly queue: string[] = [];
  private loop: Promise<void> | null = null;
  private current: { id: string; handle: SolveHandle | null } | null = null;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private boss: PgBoss | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db, private readonly log: FastifyBaseLogger, private readonly opts: RunnerOptions = { work: true }) {}

  /** Starts the queue: pg-boss on PostgreSQL, and this process's share of the work. */
  async start(): Promise<void> {
    if (this.opts.boss) {
      const b = this.opts.boss;
      this.boss = new PgBoss({
        connectionString: b.connectionString, schema: 'pgboss', max: 4,
        maintenanceIntervalSeconds: b.maintenanceSeconds, monitorStateIntervalSeconds: Math.max(1, b.maintenanceSeconds),
      });
      this.boss.on('error', (err) => this.log.error({ err }, 'pg-boss error'));
      await this.boss.start();
      await this.boss.createQueue(SOLVE_QUEUE, { name: SOLVE_QUEUE, retryLimit: 2, retryDelay: 1, expireInSeconds: b.expireSeconds });
      if (this.opts.work) {
        await this.boss.work<{ proposalId: string }>(SOLVE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
          await this.runGuarded(job.data.proposalId);
        });
      }
      // a proposal whose job ran out of retries is failed, never left running
      this.sweeper = setInterval(() => void this.sweepDeadJobs().catch((err) => this.log.error({ err }, 'sweep failed')), b.maintenanceSeconds * 1000);
      this.sweeper.unref();
    }
    await this.recover();
  }

  enqueue(proposalId: string): void {
    if (this.closed) return;
    if (this.boss) {
      // the singleton key keeps one live job per proposal, whoever sends it
      void this.boss.send(SOLVE_QUEUE, { proposalId }, { singletonKey: proposalId })
        .catch((err) => this.fail(proposalId, `could not queue the solve: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    this.queue.push(proposalId);
    if (!this.loop) this.loop = this.drain().finally(() => {
      this.loop = null;
      for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  /** Resolves when no proposal is queued or running (tests, the demo). */
  async idle(): Promise<void> {
    if (!this.boss) {
      if (this.loop) await new Promise<void>((r) => this.idleWaiters.push(r));
      return;
    }
    for (;;) {
      const busy = await this.db.selectFrom('proposals').select('id').where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
      if (!busy) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Cancels a queued or running proposal. Returns false if it had already finished. */
  async cancel(proposalId: string, reason = 'cancelled by HR'): Promise<boolean> {
    const row = await this.db.updateTable('proposals')
      .set({ status: 'cancelled', error: reason, finished_at: new Date() })
      .where('id', '=', proposalId).where('status', 'in', ['queued', 'running'])
      .returning('id').executeTakeFirst();
    if (!row) return false;
    const i = this.queue.indexOf(proposalId);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.current?.id === proposalId) await this.current.handle?.cancel(reason);
    return true;
  }

  /**
   * After a start. Embedded: proposals a dead process left running are failed, queued ones queued
   * again. PostgreSQL: queued proposals are sent again (the singleton key drops duplicates); running
   * ones belong to pg-boss, which retries them when their worker is gone.
   */
  async recover(): Promise<void> {
    if (this.boss) {
      const queued = await this.db.selectFrom('proposals').select('id').where('status', '=', 'queued').orderBy('created_at').execute();
      for (const q of queued) this.enqueue(q.id);
      return;
    }
    await this.db.updateTable('proposals')
      .set({ status: 'failed', error: 'the service stopped during the solve; request the proposal again', finished_at: new Date() })
      .where('status', '=', 'running').execute();
    const queued = await this.db.selectFrom('proposals').select('id').where('status', '=', 'queued').orderBy('created_at').execute();
    for (const q of queued) this.enqueue(q.id);
  }

  /** Proposals whose pg-boss job failed for good (retries spent, or expired past them) are failed. */
  async sweepDeadJobs(): Promise<void> {
    const dead = await sql<{ id: string }>`
      SELECT p.id FROM proposals p
      WHERE p.status IN ('queued', 'running')
        AND EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text AND j.state = 'failed')
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text AND j.state IN ('created', 'retry', 'active'))`.execute(this.db);
    for (const d of dead.rows) await this.fail(d.id, 'the solve job failed on every attempt (its worker died or the solve crashed); request the proposal again');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.current) {
      const id = this.current.id;
      await this.current.handle?.cancel('the service is shutting down');
      await this.db.updateTable('proposals')
        .set({ status: 'failed', error: 'the service shut down during the solve; request the proposal again', finished_at: new Date() })
        .where('id', '=', id).where('status', '=', 'running').execute().catch(() => undefined);
    }
    await this.loop;
    if (this.boss) await this.boss.stop({ graceful: false, wait: true, timeout: 5000 });
  }

  /** One solve, whatever happens: a thrown error fails the proposal with its reason. */
  private async runGuarded(id: string): Promise<void> {
    this.current = { id, handle: null };
    try {
      await this.run(id);
    } catch (err) {
      this.log.error({ err, proposalId: id }, 'solve failed');
      await this.fail(id, err instanceof Error ? err.message : String(err));
    } finally {
      this.current = null;
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length && !this.closed) await this.runGuarded(this.queue.shift()!);
  }

  private async fail(id: string, reason: string) {
    await this.db.updateTable('proposals')
      .set({ status: 'failed', error: reason.slice(0, 2000), finished_at: new Date() })
      .where('id', '=', id).where('status', 'in', ['queued', 'running']).execute()
      .catch((err) => this.log.error({ err, proposalId: id }, 'could not mark the proposal failed'));
  }

  private async run(id: string): Promise<void> {
    const started = Date.now();
    // pg-boss hands a job to one worker at a time: a `running` proposal it hands out again lost its worker
    const claimable = this.boss ? ['queued', 'running'] : ['queued'];
    const claimed = await this.db.updateTable('proposals')
      .set({ status: 'running', started_at: new Date(), progress: JSON.stringify({ phase: 'loading', fraction: 0 }) })
      .where('id', '=', id).where('status', 'in', claimable)
      .returningAll().executeTakeFirst();
    if (!claimed) return; // cancelled meanwhile
    const plan = await this.db.selectFrom('plans').selectAll().where('id', '=', claimed.plan_id).executeTakeFirstOrThrow();
    // S9: the newest finished proposal of the same plan is the one to stay close to
    const previous = await this.db.selectFrom('proposals').select('id')
      .where('plan_id', '=', plan.id).where('status', 'in', ['done', 'published']).where('version', '<', claimed.version)
      .orderBy('version', 'desc').limit(1).executeTakeFirst();
    const input = await loadSnapshot(this.db, plan, { previousProposalId: previous?.id ?? null });
    input.engine = claimed.engine as 'highs' | 'jlps';
    if (claimed.time_limit_seconds) input.timeLimitSeconds = claimed.time_limit_seconds;
    await this.db.updateTable('proposals').set({ snapshot_hash: snapshotHash(input) }).where('id', '=', id).execute();

    let lastWrite = 0;
    const handle = solveInWorker(input, (p) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      void this.db.updateTable('proposals').set({ progress: JSON.stringify(p) }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst()
        .then((r) => {
          // cancelled meanwhile, perhaps by another process: stop solving
          if (r && Number(r.numUpdatedRows) === 0) void handle.cancel('cancelled');
        })
        .catch(() => undefined);
    });
    this.current = { id, handle };
    const result = await handle.result;
    await this.store(id, plan.year, result);
    this.log.info({ proposalId: id, ms: Date.now() - started, lines: result.lines.length }, 'solve done');
  }

  /** Lines, compliance and statistics in one transaction; a cancelled proposal stays cancelled. */
  private async store(id: string, year: number, result: SolverResult): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const still = await trx.selectFrom('proposals').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
      if (still?.status !== 'running') return;
      const rows = result.lines.map((l) => ({
        proposal_id: id, teacher_id: l.teacherId, kind: l.kind, from_school_id: l.fromSchoolId, to_school_id: l.toSchoolId,
        subject: l.subject ?? null, hours_per_week: l.hoursPerWeek, start_date: l.startDate, end_date: l.endDate,
        reasons: l.reasons, explanation: l.explanation ?? '', pinned: l.reasons.includes('PINNED'),
      }));
      for (let i = 0; i < rows.length; i += LINE_CHUNK) await trx.insertInto('proposal_lines').values(rows.slice(i, i + LINE_CHUNK)).execute();
      await trx.updateTable('proposals').set({
        status: 'done',
        progress: JSON.stringify({ phase: 'done', fraction: 1 }),
        stats: JSON.stringify(result.stats),
        compliance: JSON.stringify(result.compliance),
        summary: JSON.stringify(summarise(result, year)),
        finished_at: sql`now()`,
      } as never).where('id', '=', id).execute();
    });
  }
}

/** The few numbers HR reads first. */
export function summarise(result: SolverResult, year: number) {
  const byKind: Record<string, number> = { rotation: 0, leader_rotation: 0, shadowing: 0, itinerant: 0 };
  for (const l of result.lines) byKind[l.kind] = (byKind[l.kind] ?? 0) + 1;
  const schools = result.compliance.schools;
  return {
    year,
    lines: byKind,
    totalLines: result.lines.length,
    sendingSchools: schools.length,
    sendingSchoolsMeetingQuota: schools.filter((s) => s.pass).length,
    county: result.compliance.county,
    violations: result.compliance.violations.length,
    optimal: result.stats.optimal,
  };
}
