import type { FastifyBaseLogger } from 'fastify';
import type { SolverResult } from '../../solver/types.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, isConnectionLost } from '../db/database.js';
import { saveProposalSnapshot } from '../db/proposals.js';
import { carryReviews } from './carry-over.js';
import * as life from './proposal-life.js';
import { solveInWorker, type SolveHandle, type SolverThread } from './solve-in-worker.js';
import type { MasterDataCache } from './master-data-cache.js';
import { SOLVE_ATTEMPTS, type SolveOutcome } from './solve-queue.js';
import { engineVersion, loadSnapshot, serialiseInput } from './snapshot.js';

const PROGRESS_EVERY_MS = 300;
const LINE_CHUNK = 1000;
/** giving a proposal back after a lost connection: tries, a second apart, while the database comes back */
const REQUEUE_TRIES = 5;

export interface SolveJobOptions {
  db: Db;
  log: FastifyBaseLogger;
  /** the runner, as written in `proposals.runner`: only the runner that claimed a proposal renews or stores it */
  runner: string;
  /**
   * PostgreSQL: renew the heartbeat this often while solving, and claim also a running proposal whose
   * heartbeat is `staleSeconds` old (its worker died). Embedded: none (one process, no one to notice).
   */
  heartbeat?: { everySeconds: number; staleSeconds: number };
  /** the runner's solver thread, kept warm between solves (issue #13); without one, a thread for this solve alone */
  thread?: SolverThread;
  /** the runner's master data, kept between solves while the database says it has not changed (issue #13) */
  cache?: MasterDataCache;
}

/**
 * One solve of one proposal: claim → load the snapshot → solve in a worker thread (progress and
 * heartbeat) → store the lines, compliance, stats and summary in one transaction → done. Whatever
 * happens, the proposal does not stay running: a thrown error fails it with the reason, except a lost
 * database connection (issue #18), after which the proposal goes back to the queue to be solved again.
 */
export class SolveJob {
  private handle: SolveHandle | null = null;
  private claimed = false;
  /** which attempt at this proposal this is (proposals.attempts after the claim) */
  private attempt = 0;
  private aborted: string | null = null;

  constructor(
    readonly proposalId: string,
    private readonly o: SolveJobOptions,
  ) {}

  /**
   * Runs the job to its end; never throws. 'retry': the database connection was lost, the proposal is
   * queued again (or was never claimed) and the queue is to run it again; 'ended': anything else.
   */
  async run(): Promise<SolveOutcome> {
    const id = this.proposalId;
    try {
      await this.solve();
      return 'ended';
    } catch (err) {
      // a lost connection is not the proposal's fault: PostgreSQL rolled back what the solve was writing
      if (!this.aborted && isConnectionLost(err)) return this.connectionLost(err);
      if (this.aborted) this.o.log.info({ proposalId: id, reason: this.aborted }, 'solve stopped');
      else this.o.log.error({ err, proposalId: id }, 'solve failed');
      // once claimed, only a proposal this runner still holds is failed: one taken back meanwhile is another worker's now
      await this.fail(err instanceof Error ? err.message : String(err), this.claimed ? this.o.runner : undefined);
      return 'ended';
    }
  }

  /**
   * The database connection dropped under the solve (issue #18). Not claimed yet: the proposal is still
   * queued, untouched. Claimed: it goes back to the queue (held by this runner: a proposal cancelled or
   * taken back meanwhile is left as it is), unless this was its last attempt, which fails it saying why.
   * If the database does not take the give-back either, the heartbeat stops and the sweep takes the
   * proposal back once it is stale (PostgreSQL's pg-boss queue).
   */
  private async connectionLost(err: unknown): Promise<SolveOutcome> {
    const { log, db, runner } = this.o;
    const proposalId = this.proposalId;
    if (!this.claimed) {
      log.warn({ err, proposalId }, 'database connection lost before the solve started: the queue tries again');
      return 'retry';
    }
    if (this.attempt >= SOLVE_ATTEMPTS) {
      log.error({ err, proposalId, attempt: this.attempt }, 'database connection lost mid-solve on the last attempt: the proposal fails');
      await this.fail(`the database connection dropped during the solve on each of its ${this.attempt} attempts; request the proposal again`, runner);
      return 'ended';
    }
    log.warn({ err, proposalId, attempt: this.attempt }, 'database connection lost mid-solve: the proposal goes back to the queue');
    for (let i = 1; ; i++) {
      try {
        return (await life.requeue(db, proposalId, runner)) ? 'retry' : 'ended';
      } catch (e) {
        if (i >= REQUEUE_TRIES || !isConnectionLost(e)) {
          log.error({ err: e, proposalId }, 'could not put the proposal back in the queue; the heartbeat sweep will');
          return 'retry';
        }
        await sleep(1000);
      }
    }
  }

  /** Stops the solve (cancelled by HR, or the process is shutting down); the proposal's status is the caller's. */
  async stop(reason: string): Promise<void> {
    this.aborted = reason;
    await this.handle?.cancel(reason);
  }

  /** Stops the solve and fails the proposal if this runner still holds it (shutdown). */
  async abandon(reason: string): Promise<void> {
    await this.stop(reason);
    await life.fail(this.o.db, this.proposalId, reason, this.o.runner).catch(() => undefined);
  }

  private async fail(reason: string, heldBy?: string): Promise<void> {
    await life
      .fail(this.o.db, this.proposalId, reason, heldBy)
      .catch((err) => this.o.log.error({ err, proposalId: this.proposalId }, 'could not mark the proposal failed'));
  }

  private async solve(): Promise<void> {
    const { db, runner } = this.o;
    const id = this.proposalId;
    const started = Date.now();
    // one guarded update claims it: a queued proposal, or on PostgreSQL a running one whose worker stopped
    // renewing its heartbeat. A running proposal with a live heartbeat is never solved twice, whatever the job expiry.
    const claimed = await life.claim(db, id, runner, this.o.heartbeat ? { retakeStaleAfterSeconds: this.o.heartbeat.staleSeconds } : {});
    if (!claimed) return; // cancelled, finished, or held by a live worker meanwhile
    this.claimed = true;
    this.attempt = claimed.attempts;
    // issue #13: queue is request → claim (the database's insert time to this runner's claim), load is claim → snapshot in memory
    const queue = Math.max(0, claimed.started_at!.getTime() - claimed.created_at.getTime());
    const loadStart = performance.now();
    const beat = this.o.heartbeat ? this.beat(this.o.heartbeat.everySeconds) : null;
    try {
      const plan = await db.selectFrom('plans').selectAll().where('id', '=', claimed.plan_id).executeTakeFirstOrThrow();
      // S9: the newest finished proposal of the same plan is the one to stay close to
      const previous = await db
        .selectFrom('proposals')
        .select('id')
        .where('plan_id', '=', plan.id)
        .where('status', 'in', ['done', 'published'])
        .where('version', '<', claimed.version)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      // issue #20: the parameters frozen on the proposal when it was requested, not the plan's now: a PATCH
      // after the request changes the next proposal, never this one (publishing reads the same frozen copy)
      const frozen = { id: plan.id, year: plan.year, parameters: claimed.parameters };
      const input = await loadSnapshot(db, frozen, { previousProposalId: previous?.id ?? null, cache: this.o.cache });
      const load = performance.now() - loadStart;
      input.engine = claimed.engine as 'highs' | 'jlps';
      if (claimed.time_limit_seconds) input.timeLimitSeconds = claimed.time_limit_seconds;
      // issue #11: the whole input is kept (compressed) with the parameters and engine version, so the
      // proposal can be solved again however the roster and the ledger change after it (npm run replay).
      // Compressing and writing it (half a second for 12,000 teachers on the embedded database) runs
      // while the worker thread solves; the lines are stored only once it is saved.
      const saved = (async () => {
        const { hash, gzip: inputGzip } = await serialiseInput(input, this.o.cache);
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('proposals').set({ snapshot_hash: hash }).where('id', '=', id).execute();
          await saveProposalSnapshot(trx, id, { engineVersion: engineVersion(), parameters: input.parameters as Record<string, unknown>, inputGzip });
        });
      })();
      // awaited below; a failure here before then must not be an unhandled rejection
      saved.catch(() => undefined);
      if (this.aborted) throw new Error(this.aborted);

      let lastWrite = 0;
      const onProgress = (p: { phase: string; fraction: number }) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_EVERY_MS) return;
        lastWrite = now;
        // cancelled meanwhile, perhaps by another process, or taken back and held by another worker: stop solving
        void life
          .reportProgress(db, id, runner, p)
          .then((held) => {
            if (!held) void handle.cancel('cancelled');
          })
          .catch(() => undefined);
      };
      const handle = this.o.thread ? this.o.thread.solve(input, onProgress) : solveInWorker(input, onProgress);
      this.handle = handle;
      const result = await handle.result;
      await saved;
      await this.store(plan.year, result, { queue, load: Math.round(load) });
      this.o.log.info({ proposalId: id, ms: Date.now() - started, lines: result.lines.length }, 'solve done');
    } finally {
      if (beat) clearInterval(beat);
    }
  }

  /**
   * Renews the heartbeat while this runner solves (the solve runs in a worker thread, so this timer keeps
   * ticking). A proposal no longer held here (cancelled, or taken back because a beat came too late) stops
   * the solve: another worker has it now.
   */
  private beat(everySeconds: number): NodeJS.Timeout {
    const timer = setInterval(() => {
      void life
        .heartbeat(this.o.db, this.proposalId, this.o.runner)
        .then((held) => {
          if (!held) {
            clearInterval(timer);
            void this.handle?.cancel('this worker no longer holds the proposal (cancelled, or retried elsewhere after a missed heartbeat)');
          }
        })
        .catch((err) => this.o.log.warn({ err, proposalId: this.proposalId }, 'could not renew the heartbeat'));
    }, everySeconds * 1000);
    timer.unref();
    return timer;
  }

  /** Lines, compliance, statistics and summary in one transaction; a cancelled proposal stays cancelled. */
  private async store(year: number, result: SolverResult, phases: { queue: number; load: number }): Promise<void> {
    const id = this.proposalId;
    await this.o.db.transaction().execute(async (trx) => {
      const t0 = performance.now();
      // cancelled meanwhile, or taken back and held by another worker now: theirs is the result to store
      if (!(await life.lockIfHeld(trx, id, this.o.runner))) return;
      const rows = result.lines.map((l) => ({
        proposal_id: id,
        teacher_id: l.teacherId,
        kind: l.kind,
        from_school_id: l.fromSchoolId,
        to_school_id: l.toSchoolId,
        subject: l.subject ?? null,
        hours_per_week: l.hoursPerWeek,
        start_date: l.startDate,
        end_date: l.endDate,
        reasons: l.reasons,
        explanation: l.explanation ?? '',
        pinned: l.reasons.includes('PINNED'),
      }));
      for (let i = 0; i < rows.length; i += LINE_CHUNK)
        await trx
          .insertInto('proposal_lines')
          .values(rows.slice(i, i + LINE_CHUNK))
          .execute();
      // issue #12: reviews and objections of unchanged lines carry over from the previous version
      await carryReviews(trx, id);
      const stats = { ...result.stats, phasesMs: { ...phases, ...result.stats.phasesMs, store: Math.round(performance.now() - t0) } };
      await life.finish(trx, id, this.o.runner, { stats, compliance: result.compliance, summary: summarise(result, year) });
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
