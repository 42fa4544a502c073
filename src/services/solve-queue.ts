import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { type Db, isConnectionLost } from '../db/database.js';
import * as life from './proposal-life.js';

export const SOLVE_QUEUE = 'solve-proposal';
/**
 * How many times a proposal is taken up before a lost database connection (issue #18), or a dead
 * worker, fails it: pg-boss's retries are one fewer, and a solve counts its attempts in proposals.attempts.
 */
export const SOLVE_ATTEMPTS = 3;
/** seconds before a solve given back to the queue is tried again */
const RETRY_DELAY_SECONDS = 1;

/**
 * How a solve ended, for its queue: 'retry' when the database connection was lost and the proposal
 * waits (queued) to be solved again; 'ended' otherwise (done, failed, cancelled, held elsewhere).
 */
export type SolveOutcome = 'ended' | 'retry';

/** Solves one proposal to its end (never throws): the runner's SolveJob. */
export type SolveFn = (proposalId: string) => Promise<SolveOutcome>;

/**
 * Where requested proposals wait for a process to solve them. Chosen once, when the runner is made:
 * LocalSolveQueue on the embedded database, PgBossSolveQueue on PostgreSQL.
 */
export interface SolveQueue {
  /** Starts the queue (and, if this process works it, its share of the work), then recovers what a stop left behind. */
  start(): Promise<void>;
  /** Queues a solve of a queued proposal. */
  enqueue(proposalId: string): void;
  /** A cancelled proposal: drop it if it still waits here (a job that runs later finds it cancelled and stops). */
  forget(proposalId: string): void;
  /** Resolves when no proposal is queued or running (tests, the demo). */
  idle(): Promise<void>;
  /** Takes no more work: pending solves are dropped, background sweeps finish. The running solve is the runner's to stop. */
  stop(): Promise<void>;
  /** After stop and the running solve's end: releases the queue's resources. */
  close(): Promise<void>;
}

/**
 * The embedded database: the queue is this process's own, one solve at a time (a 2-core machine gains
 * nothing from two at once). No other process can hold a proposal, so at start those left running are
 * failed (their process died) and queued ones run.
 */
export class LocalSolveQueue implements SolveQueue {
  private readonly pending: string[] = [];
  /** retries given to a proposal whose database connection was lost before it could be claimed */
  private readonly retries = new Map<string, number>();
  private loop: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  /** Always works its queue: the embedded database has no other process to solve. */
  constructor(
    private readonly db: Db,
    private readonly solve: SolveFn,
  ) {}

  async start(): Promise<void> {
    await life.abandonRunning(this.db, 'the service stopped during the solve; request the proposal again');
    const queued = await this.db.selectFrom('proposals').select('id').where('status', '=', 'queued').orderBy('created_at').execute();
    for (const q of queued) this.enqueue(q.id);
  }

  enqueue(proposalId: string): void {
    if (this.stopped) return;
    this.pending.push(proposalId);
    if (!this.loop)
      this.loop = this.drain().finally(() => {
        this.loop = null;
        for (const w of this.idleWaiters.splice(0)) w();
      });
  }

  forget(proposalId: string): void {
    const i = this.pending.indexOf(proposalId);
    if (i >= 0) this.pending.splice(i, 1);
  }

  async idle(): Promise<void> {
    if (this.loop) await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
  }

  async close(): Promise<void> {
    await this.loop;
  }

  private async drain(): Promise<void> {
    while (this.pending.length && !this.stopped) {
      const id = this.pending.shift()!;
      if ((await this.solve(id)) !== 'retry') {
        this.retries.delete(id);
        continue;
      }
      // PostgreSQL with ROTATION_QUEUE=local: the connection dropped (issue #18). The proposal is queued
      // again (or never left the queue); it is tried again after a pause, a bounded number of times when
      // it could not even be claimed (a claimed one counts its own attempts and fails after the last).
      const n = (this.retries.get(id) ?? 0) + 1;
      this.retries.set(id, n);
      if (n >= SOLVE_ATTEMPTS * 2) {
        this.retries.delete(id);
        await life.fail(this.db, id, 'the database was not reachable for the solve; request the proposal again').catch(() => undefined);
        continue;
      }
      await new Promise((r) => setTimeout(r, RETRY_DELAY_SECONDS * 1000));
      if (!this.stopped) this.pending.push(id);
    }
  }
}

/** two-int advisory lock key ('rota', 2): the import holds ('rota', 1); pg-boss's own locks use bigint keys */
const QUEUE_SETUP_LOCK = sql`SELECT pg_advisory_xact_lock(1919906913, 2)`;
/** PostgreSQL's SQLSTATE for a transaction chosen as a deadlock's victim */
const DEADLOCK = '40P01';

export interface PgBossOptions {
  connectionString: string;
  expireSeconds: number;
  maintenanceSeconds: number;
  /** how often a solving process renews its proposal's heartbeat (default 10) */
  heartbeatSeconds?: number;
  /** a running proposal whose heartbeat is this old is taken back and retried (default 60) */
  staleSeconds?: number;
}

/**
 * PostgreSQL: each request is a pg-boss job, so several worker processes on several machines share the
 * load. The process solving a proposal renews its heartbeat; every live process sweeps for running
 * proposals whose heartbeat went stale (their worker died), puts them back in the queue and fails their
 * job so pg-boss retries it on a live worker, whatever the job expiry. A job out of retries fails its proposal.
 */
export class PgBossSolveQueue implements SolveQueue {
  private boss: PgBoss | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  /** this process's pg-boss worker, woken when this process sends a job (null when it does not take solves) */
  private workerId: string | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;

  /** `work`: whether this process takes solves (the service by default; `npm run worker` always); every process sweeps. */
  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly o: PgBossOptions,
    private readonly solve: SolveFn,
    private readonly work: boolean,
  ) {}

  get heartbeatSeconds(): number {
    return this.o.heartbeatSeconds ?? 10;
  }

  get staleSeconds(): number {
    return this.o.staleSeconds ?? 60;
  }

  async start(): Promise<void> {
    const b = this.o;
    const boss = new PgBoss({
      connectionString: b.connectionString,
      schema: 'pgboss',
      max: 4,
      maintenanceIntervalSeconds: b.maintenanceSeconds,
      monitorStateIntervalSeconds: Math.max(1, b.maintenanceSeconds),
    });
    this.boss = boss;
    // pg-boss reports what fails in its own loops (fetching jobs, maintenance, its pool's idle clients)
    // as 'error' events: unheard, one would end the process. A lost connection is logged and pg-boss
    // carries on with a fresh one (issue #18).
    boss.on('error', (err) => {
      if (isConnectionLost(err)) this.log.warn({ err }, 'pg-boss lost its database connection');
      else this.log.error({ err }, 'pg-boss error');
    });
    await boss.start();
    const queueOptions = { name: SOLVE_QUEUE, retryLimit: SOLVE_ATTEMPTS - 1, retryDelay: RETRY_DELAY_SECONDS, expireInSeconds: b.expireSeconds };
    // Processes started together (compose: the service and its workers) would each create the queue, and two
    // pg-boss create_queue calls deadlock in PostgreSQL: one process sets the queue up at a time, waiting on an
    // advisory lock held by a transaction of ours while pg-boss works on its own connections. create_queue can
    // still deadlock with another process's pg-boss maintenance (it locks the queue table, then the new job
    // partition); PostgreSQL rolls the loser back whole, so it is tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction().execute(async (trx) => {
          await QUEUE_SETUP_LOCK.execute(trx);
          // createQueue leaves an existing queue as it was: update it, so a changed ROTATION_JOB_EXPIRE_SECONDS reaches jobs sent from now on
          if (await boss.getQueue(SOLVE_QUEUE)) await boss.updateQueue(SOLVE_QUEUE, queueOptions);
          else await boss.createQueue(SOLVE_QUEUE, queueOptions);
        });
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== DEADLOCK || attempt >= 5) throw err;
        this.log.warn({ attempt }, 'solve queue setup met a deadlock; trying again');
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
    if (this.work) {
      this.workerId = await boss.work<{ proposalId: string }>(SOLVE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        // a solve whose database connection dropped is back in the queue: failing its job makes pg-boss retry it
        if ((await this.solve(job.data.proposalId)) === 'retry') throw new Error('the database connection dropped during the solve; the job is retried');
      });
    }
    // a proposal whose worker died is retried, and one whose job ran out of retries is failed, never left running
    const every = Math.min(this.heartbeatSeconds, b.maintenanceSeconds) * 1000;
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((err) => (isConnectionLost(err) ? this.log.warn({ err }, 'sweep: database connection lost') : this.log.error({ err }, 'sweep failed')))
        .finally(() => {
          this.sweeping = null;
        });
    }, every);
    this.sweeper.unref();
    await this.recover();
  }

  enqueue(proposalId: string): void {
    if (this.stopped || !this.boss) return;
    // one job per request; a duplicate from a race with recover() is harmless: the claim lets one solve
    void this.boss
      .send(SOLVE_QUEUE, { proposalId }, { singletonKey: proposalId })
      // issue #13: this process's own worker fetches the job now, not at its next poll (up to a second later)
      .then(() => {
        if (this.workerId && !this.stopped) this.boss?.notifyWorker(this.workerId);
      })
      .catch((err) => {
        // a lost connection: the proposal stays queued and the sweep sends it again (issue #18)
        if (isConnectionLost(err)) this.log.warn({ err, proposalId }, 'could not queue the solve: the database connection was lost; the sweep sends it again');
        else return life.fail(this.db, proposalId, `could not queue the solve: ${err instanceof Error ? err.message : String(err)}`);
      })
      .catch((err) => this.log.error({ err, proposalId }, 'could not mark the proposal failed'));
  }

  forget(): void {
    // the job stays: whoever takes it finds the proposal cancelled and completes it
  }

  async idle(): Promise<void> {
    for (;;) {
      const busy = await this.db.selectFrom('proposals').select('id').where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
      if (!busy) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping; // the database closes after this: no sweep is left half done
  }

  async close(): Promise<void> {
    // with the database gone, pg-boss's stop fails its running jobs in vain and throws: the stop is over either way
    if (this.boss) await this.boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch((err) => this.log.warn({ err }, 'pg-boss did not stop cleanly'));
  }

  /**
   * After a start: queued proposals with no live job are sent again (pg-boss 10 does not drop a duplicate
   * by its singleton key on a standard queue, so the check is ours); running ones are the heartbeat sweep's.
   */
  private async recover(): Promise<void> {
    const queued = await sql<{ id: string }>`
      SELECT p.id FROM proposals p
      WHERE p.status = 'queued'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text AND j.state IN ('created', 'retry', 'active'))
      ORDER BY p.created_at`.execute(this.db);
    for (const q of queued.rows) this.enqueue(q.id);
  }

  /**
   * Queued proposals that never got a job, because the database connection was lost as the request sent
   * it (issue #18), are sent again once they have waited as long as a stale heartbeat: a request just
   * made is still sending its own. One whose job failed for good is sweepDeadJobs's.
   */
  private async resendUnsent(): Promise<void> {
    const unsent = await sql<{ id: string }>`
      SELECT p.id FROM proposals p
      WHERE p.status = 'queued' AND p.created_at < now() - make_interval(secs => ${this.staleSeconds})
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text)
      ORDER BY p.created_at`.execute(this.db);
    for (const q of unsent.rows) this.enqueue(q.id);
  }

  /** One pass of the sweep: stale solves back to the queue, proposals of dead jobs failed, unsent ones sent. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    await this.sweepStaleSolves();
    await this.sweepDeadJobs();
    await this.resendUnsent();
  }

  /**
   * Running proposals whose heartbeat went stale lost their worker: each goes back to `queued`, and its
   * active pg-boss job is failed so pg-boss retries it on a live worker (or, out of retries, fails it for
   * good and sweepDeadJobs fails the proposal). A proposal with no live job left (its job was completed
   * by a duplicate delivery) is sent again.
   */
  async sweepStaleSolves(): Promise<string[]> {
    const boss = this.boss;
    if (!boss) return [];
    const stale = await life.releaseStale(this.db, this.staleSeconds);
    for (const p of stale) {
      this.log.warn({ proposalId: p.id, runner: p.runner }, 'the worker of a solve stopped renewing its heartbeat: the solve is retried');
      const jobs = await sql<{ id: string }>`
        SELECT id FROM pgboss.job WHERE name = ${SOLVE_QUEUE} AND data->>'proposalId' = ${p.id} AND state = 'active'`.execute(this.db);
      const waiting = await sql<{ id: string }>`
        SELECT id FROM pgboss.job WHERE name = ${SOLVE_QUEUE} AND data->>'proposalId' = ${p.id} AND state IN ('created', 'retry') LIMIT 1`.execute(this.db);
      if (jobs.rows.length) {
        for (const j of jobs.rows) await boss.fail(SOLVE_QUEUE, j.id, { message: `the worker ${p.runner ?? ''} stopped renewing its heartbeat` });
      } else if (!waiting.rows.length) {
        await boss.send(SOLVE_QUEUE, { proposalId: p.id }, { singletonKey: p.id });
      }
    }
    return stale.map((r) => r.id);
  }

  /** Proposals whose pg-boss job failed for good (retries spent, or expired past them) are failed, unless a live worker still solves them. */
  async sweepDeadJobs(): Promise<void> {
    const dead = await sql<{ id: string }>`
      SELECT p.id FROM proposals p
      WHERE (p.status = 'queued' OR (p.status = 'running' AND COALESCE(p.heartbeat_at, p.started_at, p.created_at) < now() - make_interval(secs => ${this.staleSeconds})))
        AND EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text AND j.state = 'failed')
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${SOLVE_QUEUE} AND j.data->>'proposalId' = p.id::text AND j.state IN ('created', 'retry', 'active'))`.execute(
      this.db,
    );
    for (const d of dead.rows) {
      await life
        .fail(this.db, d.id, 'the solve job failed on every attempt (its worker died or stopped renewing its heartbeat); request the proposal again')
        .catch((err) => this.log.error({ err, proposalId: d.id }, 'could not mark the proposal failed'));
    }
  }
}
