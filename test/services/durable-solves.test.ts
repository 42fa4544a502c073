import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { generateCounty } from '../../src/demo/generate-county.js';
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
  const startWorker = (url: string) => {
    const w = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      env: { ...process.env, DATABASE_URL: url, ROTATION_JOB_EXPIRE_SECONDS: '5', ROTATION_JOB_MAINTENANCE_SECONDS: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(w);
    return w;
  };

  it('a proposal whose worker was killed mid-solve is retried by another worker and ends done', async () => {
    // the service takes no solves itself here: separate worker processes do
    t = await buildTestApp({ ROTATION_SOLVE_IN_SERVICE: 'false', ROTATION_JOB_EXPIRE_SECONDS: '5' });
    const planId = await countyWithPlan(t, 3000);
    const req = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: auth(), payload: {} });
    expect(req.statusCode).toBe(202);
    const url = t.database.url!;
    const first = startWorker(url);
    await poll(t, req.json().id, (s) => s === 'running');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await poll(t, req.json().id, () => true)).status).toBe('running');
    startWorker(url);
    const done = await poll(t, req.json().id, (s) => s !== 'running' && s !== 'queued');
    expect(done.status).toBe('done');
    expect(done.summary.totalLines).toBeGreaterThan(0);
  });
});

describe.skipIf(onPostgres)('durable solves on the embedded database', () => {
  it('a proposal left running by a process that died is failed with the reason at the next start, and the plan stays usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rotation-restart-'));
    try {
      const config = loadConfig({ ROTATION_DATA_DIR: dir, ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN, LOG_LEVEL: 'silent' });
      let database = await openDatabase(config);
      let app = await buildApp(config, { database, logger: false });
      await app.ready();
      const plan = await database.db.insertInto('plans').values({ year: 2027, name: '' }).returning('id').executeTakeFirstOrThrow();
      const stuck = await database.db.insertInto('proposals').values({ plan_id: plan.id, version: 1, engine: 'highs', parameters: '{}', created_by: 'test', status: 'running' } as never).returning('id').executeTakeFirstOrThrow();
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
