import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import * as life from './proposal-life.js';
import { MasterDataCache } from './master-data-cache.js';
import { SolverThread } from './solve-in-worker.js';
import { SolveJob } from './solve-job.js';
import { LocalSolveQueue, PgBossSolveQueue, type PgBossOptions, type SolveOutcome, type SolveQueue } from './solve-queue.js';

export { summarise } from './solve-job.js';
export { SOLVE_QUEUE } from './solve-queue.js';

export interface RunnerOptions {
  /** PostgreSQL: solves are pg-boss jobs, shared by every process that works the queue */
  boss?: PgBossOptions;
  /** whether this process takes solves (the service by default; `npm run worker` always) */
  work: boolean;
  /** the database is the embedded PGlite (its solver load reads the teachers as one JSON value, issue #13) */
  embedded?: boolean;
}

/**
 * Runs requested proposals one at a time per process (a 2-core machine gains nothing from two solves
 * at once), each a SolveJob in a worker thread. A proposal ends `done` with its lines stored in one
 * transaction, or `failed` with the reason; the plan stays usable either way. Where proposals wait is
 * the queue chosen here once: this process's own on the embedded database (LocalSolveQueue), pg-boss
 * on PostgreSQL (PgBossSolveQueue, with the heartbeat sweep). Status changes are proposal-life.ts's.
 */
export class SolveRunner {
  private readonly queue: SolveQueue;
  private current: SolveJob | null = null;
  /** one solver thread for this process's solves, one at a time, kept warm between them (issue #13) */
  private readonly thread = new SolverThread();
  /** the master data this process's solves read, kept while it does not change (issue #13) */
  readonly cache: MasterDataCache;
  private closed = false;
  /** this process, as written in `proposals.runner`: only the runner that claimed a proposal renews or stores it */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly opts: RunnerOptions = { work: true },
  ) {
    // PGlite reads the teachers as one JSON value: faster there, slower on PostgreSQL
    this.cache = new MasterDataCache({ oneJsonValue: opts.embedded === true });
    const solve = (proposalId: string) => this.solve(proposalId);
    if (opts.boss) {
      const q = new PgBossSolveQueue(db, log, opts.boss, solve, opts.work);
      this.queue = q;
      this.heartbeat = { everySeconds: q.heartbeatSeconds, staleSeconds: q.staleSeconds };
    } else {
      this.queue = new LocalSolveQueue(db, solve);
      this.heartbeat = undefined;
    }
  }

  /** PostgreSQL only: how solves renew their heartbeat and when a stale one may be retaken */
  private readonly heartbeat: { everySeconds: number; staleSeconds: number } | undefined;

  /** Starts the queue and this process's share of the work, and recovers what a stop left behind. */
  async start(): Promise<void> {
    // a process that takes solves loads the solver now, not in its first proposal
    if (this.opts.work) this.thread.warm();
    await this.queue.start();
  }

  enqueue(proposalId: string): void {
    if (this.closed) return;
    this.queue.enqueue(proposalId);
  }

  /** Resolves when no proposal is queued or running (tests, the demo). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  /** Cancels a queued or running proposal. Returns false if it had already finished. */
  async cancel(proposalId: string, reason = 'cancelled by HR'): Promise<boolean> {
    if (!(await life.cancel(this.db, proposalId, reason))) return false;
    this.queue.forget(proposalId);
    if (this.current?.proposalId === proposalId) await this.current.stop(reason);
    return true;
  }

  /**
   * Stops taking solves and ends the running one. Every step runs, whatever the one before it threw:
   * a database that dropped its connections as the process stops (issue #18) must not leave the solver
   * thread running and the process hanging.
   */
  async close(): Promise<void> {
    this.closed = true;
    const step = (what: string, p: Promise<unknown> | undefined) => Promise.resolve(p).catch((err) => this.log.warn({ err }, `${what} failed while stopping`));
    await step('stopping the queue', this.queue.stop());
    await step('abandoning the running solve', this.current?.abandon('the service shut down during the solve; request the proposal again'));
    await step('closing the queue', this.queue.close());
    await step('closing the solver thread', this.thread.close());
  }

  private async solve(proposalId: string): Promise<SolveOutcome> {
    const job = new SolveJob(proposalId, { db: this.db, log: this.log, runner: this.id, heartbeat: this.heartbeat, thread: this.thread, cache: this.cache });
    this.current = job;
    try {
      return await job.run();
    } finally {
      this.current = null;
    }
  }
}
