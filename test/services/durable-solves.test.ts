import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { generateCounty } from '../../src/demo/generate-county.js';
import { SOLVE_QUEUE, SolveRunner } from '../../src/services/solve-runner.js';
import { auth, buildTestApp, HR_TOKEN, type TestApp } from '../helpers.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Polls a proposal until `until` says stop (bounded: a broken feature fails, it does not hang). */
async function poll(t: TestApp, id: string, until: (status: string) => boolean, maxSeconds = 120) {
  for (let i = 0; i < maxSeconds * 20; i++) {
    const p = (await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${id}`, headers: auth() })).json();
    if (until(p.status)) return p;
    await sleep(50);
  }
  throw new Error(`proposal ${id} did not get there in ${maxSeconds} s`);
}

async function countyWithPlan(t: TestApp, teachers: number) {
  const imp = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: generateCounty({ seed: 3, teachers }) });
  expect(imp.statusCode).toBe(200);
  return (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json().id as string;
}

describe.skipIf(!onPostgres)('durable solves on PostgreSQL (pg-boss)', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t?.close();
  });
  // a short beat and stale limit (ten beats: a busy CI machine may delay a beat by seconds), and a job
  // expiry far longer than the test: only the heartbeat can rescue a solve
  const heartbeatEnv = {
    ROTATION_JOB_EXPIRE_SECONDS: '1800',
    ROTATION_JOB_MAINTENANCE_SECONDS: '1',
    ROTATION_HEARTBEAT_SECONDS: '1',
    ROTATION_HEARTBEAT_STALE_SECONDS: '10',
  };
  const startWorker = (url: string) => {
    const w = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      env: { ...process.env, DATABASE_URL: url, ...heartbeatEnv, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(w);
    return w;
  };
  const proposalRow = (id: string) =>
    t.database.db.selectFrom('proposals').select(['status', 'runner', 'heartbeat_at', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();

  it('a proposal whose worker was killed mid-solve is taken back when its heartbeat goes stale and solved by a live worker, long before the job expiry', {
    timeout: 300_000,
  }, async () => {
    // the service takes no solves itself here: separate worker processes do; the service still sweeps
    t = await buildTestApp({ ROTATION_SOLVE_IN_SERVICE: 'false', ...heartbeatEnv });
    const planId = await countyWithPlan(t, 3000);
    const req = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: auth(), payload: {} });
    expect(req.statusCode).toBe(202);
    const id = req.json().id as string;
    const url = t.database.url!;
    const first = startWorker(url);
    let held = await proposalRow(id);
    for (let i = 0; i < 120 * 20 && !(held.status === 'running' && held.heartbeat_at); i++) {
      await sleep(50);
      held = await proposalRow(id);
    }
    expect(held.status).toBe('running');
    expect(held.runner).toContain(`:${first.pid}:`);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await proposalRow(id)).status).not.toBe('done');
    const second = startWorker(url);
    const done = await poll(t, id, (s) => s !== 'running' && s !== 'queued', 120);
    expect(done.status).toBe('done');
    expect(done.summary.totalLines).toBeGreaterThan(0);
    // solved by the live worker, on a retry of the same job
    const row = await proposalRow(id);
    expect(row.runner).toContain(`:${second.pid}:`);
    expect(row.attempts).toBe(2);
    const job = await sql<{ retry_count: number; expire_seconds: number }>`
      SELECT retry_count, EXTRACT(epoch FROM expire_in)::int AS expire_seconds FROM pgboss.job WHERE name = ${SOLVE_QUEUE} AND data->>'proposalId' = ${id}`.execute(
      t.database.db,
    );
    expect(job.rows).toEqual([{ retry_count: 1, expire_seconds: 1800 }]);
  });

  it('two workers handed the same proposal solve it once: one claims it, the other stops', { timeout: 300_000 }, async () => {
    const planId = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2028 } })).json().id as string;
    const opts = { work: true, boss: { connectionString: t.database.url!, expireSeconds: 1800, maintenanceSeconds: 1, heartbeatSeconds: 1, staleSeconds: 5 } };
    const runners = [new SolveRunner(t.database.db, pino({ level: 'silent' }), opts), new SolveRunner(t.database.db, pino({ level: 'silent' }), opts)];
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL'); // only the two runners here take jobs
    try {
      for (const r of runners) await r.start();
      // made after the starts, so no start's recovery sends a job for it: exactly the two below
      const proposal = await t.database.db
        .insertInto('proposals')
        .values({ plan_id: planId, version: 1, engine: 'highs', parameters: '{}', created_by: 'test' } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      // two live jobs for one proposal (a request racing a restart's recovery), taken by two workers at once
      runners[0].enqueue(proposal.id);
      runners[1].enqueue(proposal.id);
      const done = await poll(t, proposal.id, (s) => s !== 'running' && s !== 'queued', 120);
      expect(done.status).toBe('done');
      // both jobs were taken and completed: the second found the proposal held or finished and stopped
      const jobStates = () =>
        sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = ${SOLVE_QUEUE} AND data->>'proposalId' = ${proposal.id}`.execute(t.database.db);
      for (let i = 0; i < 600 && !(await jobStates()).rows.every((j) => j.state === 'completed'); i++) await sleep(100);
      expect((await jobStates()).rows.map((j) => j.state)).toEqual(['completed', 'completed']);
      const row = await proposalRow(proposal.id);
      expect(row.attempts).toBe(1);
      expect(runners.map((r) => r.id)).toContain(row.runner);
      const lines = await t.database.db
        .selectFrom('proposal_lines')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('proposal_id', '=', proposal.id)
        .executeTakeFirstOrThrow();
      expect(Number(lines.n)).toBe(done.summary.totalLines);
    } finally {
      for (const r of runners) await r.close();
    }
  });

  it('a stale solve whose job is out of retries ends failed with the reason, not running', { timeout: 300_000 }, async () => {
    const planId = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2029 } })).json().id as string;
    const proposal = await t.database.db
      .insertInto('proposals')
      .values({ plan_id: planId, version: 1, engine: 'highs', parameters: '{}', created_by: 'test' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    // a worker that took the job on its last attempt and died: the job stays active, the heartbeat goes stale
    const boss = new PgBoss({ connectionString: t.database.url!, schema: 'pgboss', max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      await boss.send(SOLVE_QUEUE, { proposalId: proposal.id }, { retryLimit: 0 });
      const [job] = await boss.fetch(SOLVE_QUEUE);
      expect(job?.data).toEqual({ proposalId: proposal.id });
      await t.database.db
        .updateTable('proposals')
        .set({ status: 'running', started_at: new Date(), runner: 'dead-host:1:00000000', heartbeat_at: sql`now() - interval '1 hour'` } as never)
        .where('id', '=', proposal.id)
        .execute();
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    // the service's sweep takes it back, fails the job for good, and so fails the proposal
    const failed = await poll(t, proposal.id, (s) => s !== 'running' && s !== 'queued', 120);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/failed on every attempt/);
  });

  it('a changed job expiry reaches the queue made by an earlier start, and the jobs sent from then on', async () => {
    // the queue exists already (the test above made it with 1800 s); a runner started with another expiry updates it
    const runner = new SolveRunner(t.database.db, pino({ level: 'silent' }), {
      work: false,
      boss: { connectionString: t.database.url!, expireSeconds: 77, maintenanceSeconds: 1, heartbeatSeconds: 1, staleSeconds: 5 },
    });
    await runner.start();
    try {
      const queue = await sql<{
        expire_seconds: number;
        retry_limit: number;
      }>`SELECT expire_seconds, retry_limit FROM pgboss.queue WHERE name = ${SOLVE_QUEUE}`.execute(t.database.db);
      expect(queue.rows).toEqual([{ expire_seconds: 77, retry_limit: 2 }]);
    } finally {
      await runner.close();
    }
  });
});

describe('heartbeat configuration', () => {
  it('a stale limit shorter than two beats is refused at start, naming the variable', () => {
    expect(() => loadConfig({ ROTATION_HEARTBEAT_SECONDS: '30', ROTATION_HEARTBEAT_STALE_SECONDS: '45' })).toThrow(/ROTATION_HEARTBEAT_STALE_SECONDS/);
    const c = loadConfig({});
    expect([c.heartbeatSeconds, c.heartbeatStaleSeconds]).toEqual([10, 60]);
  });
});

describe.skipIf(onPostgres)('durable solves on the embedded database', () => {
  // two on-disk PGlite opens with every migration: over two minutes when the whole suite runs on both databases at once
  it('a proposal left running by a process that died is failed with the reason at the next start, and the plan stays usable', {
    timeout: 300_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rotation-restart-'));
    try {
      const config = loadConfig({ ROTATION_DATA_DIR: dir, ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN, LOG_LEVEL: 'silent' });
      let database = await openDatabase(config);
      let app = await buildApp(config, { database, logger: false });
      await app.ready();
      const plan = await database.db.insertInto('plans').values({ year: 2027, name: '' }).returning('id').executeTakeFirstOrThrow();
      const stuck = await database.db
        .insertInto('proposals')
        .values({ plan_id: plan.id, version: 1, engine: 'highs', parameters: '{}', created_by: 'test', status: 'running' } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      // the process dies here: no close of the runner, the row stays running
      await database.close();
      database = await openDatabase(config);
      app = await buildApp(config, { database, logger: false });
      await app.ready();
      const row = await database.db.selectFrom('proposals').select(['status', 'error']).where('id', '=', stuck.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/stopped during the solve/);
      expect((await app.inject({ method: 'GET', url: `/api/v1/plans/${plan.id}`, headers: auth() })).json().status).toBe('open');
      await app.close();
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cancelling a solve', () => {
  let t: TestApp;
  afterAll(async () => t?.close());
  it('a running proposal can be cancelled, stays cancelled, and stores no lines', async () => {
    t = await buildTestApp();
    const planId = await countyWithPlan(t, 3000);
    const req = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: auth(), payload: {} });
    await poll(t, req.json().id, (s) => s === 'running');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${req.json().id}/cancel`, headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    await t.app.solveRunner.idle();
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${req.json().id}`, headers: auth() })).json();
    expect(after.status).toBe('cancelled');
    const lines = (await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${req.json().id}/lines`, headers: auth() })).json().items;
    expect(lines).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${req.json().id}/cancel`, headers: auth() })).statusCode).toBe(409);
  });
});
