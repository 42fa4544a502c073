import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../../src/demo/generate-county.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { HR_TOKEN, openTestDatabase } from '../helpers.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Issue #18 point 2: the database drops the service's connections (a restart, a failover, an
 * operator's pg_terminate_backend) while it imports, publishes and solves. The real service
 * (`src/server.ts`) and a real solve worker (`scripts/worker.ts`) run as child processes on a database
 * of their own, so an unhandled 'error' event ends a child this test watches, not the test itself.
 * Each drop is made to land mid-transaction, not by luck: a connection of this test holds a lock on
 * the table the request writes last, waits until the service's backend is queued behind it (its
 * writes before that are in its open transaction), then terminates every backend of the service
 * and the worker (theirs and pg-boss's alike) and lets go. PGlite runs in the process: nothing to drop.
 */
describe.skipIf(!onPostgres)('the service and its worker survive dropped database connections (PostgreSQL)', () => {
  const ME = 'database-drops-test';
  const name = `rotation_drops_${randomBytes(6).toString('hex')}`;
  const serverUrl = process.env.DATABASE_URL as string;
  let dbUrl = '';
  /** this test's own connection to the service's database (its application_name is never terminated) */
  let inspect: pg.Client;
  let service: Child;
  let worker: Child;
  let base = '';

  interface Child {
    proc: ChildProcess;
    output: string[];
  }
  /** A child process of the repository's code; its output is kept to show why it ended. */
  function start(script: string, env: Record<string, string>): Child {
    const proc = spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN,
        ROTATION_JOB_MAINTENANCE_SECONDS: '1',
        ROTATION_HEARTBEAT_SECONDS: '1',
        ROTATION_HEARTBEAT_STALE_SECONDS: '10',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (b: Buffer) => {
      output.push(b.toString());
      if (output.length > 400) output.shift();
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    return { proc, output };
  }
  /** The child is still running; if not, the failure shows how it ended. */
  function expectAlive(c: Child) {
    const how =
      c.proc.exitCode !== null || c.proc.signalCode !== null ? `exited ${c.proc.exitCode ?? c.proc.signalCode}:\n${c.output.join('').slice(-4000)}` : 'alive';
    expect(how).toBe('alive');
  }

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: serverUrl, application_name: ME });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  /** backends terminated and perhaps not gone yet */
  const ending = new Set<number>();
  /**
   * Ends every backend of the service and the worker on their database (pg_terminate_backend: SQLSTATE
   * 57P01 to each); answers how many.
   */
  const terminateService = () =>
    admin(async (c) => {
      // the victims are chosen first (MATERIALIZED), then terminated: in one WHERE the planner may call
      // pg_terminate_backend before it has filtered on the database, ending other databases' sessions
      const r = await c.query(
        `WITH victims AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2)
         SELECT pid FROM victims WHERE pg_terminate_backend(pid)`,
        [name, ME],
      );
      for (const row of r.rows) ending.add(row.pid);
      return r.rows.length;
    });
  /**
   * Waits until every terminated backend has exited (its connection closed): a request sent after this
   * meets no connection that is still on its way out, so "the next request succeeds" does not race the drop.
   */
  async function settled() {
    for (let i = 0; i < 1200 && ending.size; i++) {
      const r = await inspect.query('SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])', [[...ending]]);
      const alive = new Set(r.rows.map((x) => x.pid as number));
      for (const pid of ending) if (!alive.has(pid)) ending.delete(pid);
      if (ending.size) await sleep(50);
    }
    expect(ending.size).toBe(0);
  }
  const acceptConnections = (on: boolean) => admin((c) => c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${on}`));

  /**
   * Runs `request` while a connection of this test holds `lock` (a LOCK TABLE … IN EXCLUSIVE MODE,
   * which blocks writes but not reads), waits until a backend of the service queues behind it running
   * a statement matching `waitingOn`, terminates every backend of the service, then lets go.
   */
  async function dropDuring<T>(lock: string, waitingOn: string, request: () => Promise<T>): Promise<{ answer: T; terminated: number }> {
    const holder = new pg.Client({ connectionString: dbUrl, application_name: ME });
    holder.on('error', () => undefined);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(lock);
      const answer = request();
      answer.catch(() => undefined); // awaited below
      let waiting = 0;
      for (let i = 0; i < 2400 && !waiting; i++) {
        const r = await inspect.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2 AND wait_event_type = 'Lock' AND query ILIKE $3`,
          [name, ME, waitingOn],
        );
        waiting = r.rows[0].n;
        if (!waiting) await sleep(50);
      }
      expect(waiting, `a backend of the service waiting on ${lock}`).toBeGreaterThan(0);
      const terminated = await terminateService();
      await holder.query('ROLLBACK');
      const answered = await answer;
      await settled();
      return { answer: answered, terminated };
    } finally {
      await holder.end();
    }
  }

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${HR_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }
  /** The one answer of a request whose connection dropped: 503, Retry-After, the error body, no PostgreSQL detail. */
  function expectUnavailable(res: Awaited<ReturnType<typeof call>>) {
    expect(res.status, res.text).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'statusCode']);
    expect(body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(body.message).not.toMatch(/terminat|administrator|57P0|Connection|ECONN|accepting/i);
  }

  /** The contents of the given tables, as one digest each: a failed request must leave them as they were. */
  async function digest(tables: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await inspect.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
      out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
    }
    return out;
  }
  const MASTER = [
    'districts',
    'schools',
    'school_needs',
    'school_pairings',
    'teachers',
    'teacher_exemptions',
    'teacher_preferences',
    'service_records',
    'audit_log',
  ];
  const PLANNING = ['plans', 'proposals', 'proposal_lines', 'service_records', 'audit_log'];

  async function proposalWhenEnded(id: string) {
    for (let i = 0; i < 2400; i++) {
      const p = (await call('GET', `/api/v1/proposals/${id}`)).json();
      if (p.status !== 'queued' && p.status !== 'running') return p;
      await sleep(100);
    }
    throw new Error(`proposal ${id} did not end`);
  }

  beforeAll(async () => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    county = generateCounty({ seed: 5, teachers: 800 });
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    inspect = new pg.Client({ connectionString: dbUrl, application_name: ME });
    inspect.on('error', () => undefined);
    await inspect.connect();
    // the service answers HTTP and takes no solves; the worker solves
    service = start('src/server.ts', { PORT: '0', HOST: '127.0.0.1', ROTATION_SOLVE_IN_SERVICE: 'false' });
    for (let i = 0; i < 1200 && !base; i++) {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output.join(''));
      if (m) base = m[1];
      else {
        expectAlive(service);
        await sleep(100);
      }
    }
    expect(base).not.toBe('');
    worker = start('scripts/worker.ts', {});
    for (let i = 0; i < 1200 && !worker.output.join('').includes('solve worker ready'); i++) {
      expectAlive(worker);
      await sleep(100);
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of [service, worker]) if (c && c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await inspect?.end().catch(() => undefined);
    await admin(async (c) => {
      await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  let county: ReturnType<typeof generateCounty>;
  let planId = '';
  let proposalId = '';

  it('an import whose connection drops mid-transaction answers 503 with Retry-After, writes nothing, and the next import is whole', async () => {
    const before = await digest(MASTER);
    // the import writes the audit log last: every district, school and teacher before it is in its open transaction
    const { answer, terminated } = await dropDuring('LOCK TABLE audit_log IN EXCLUSIVE MODE', 'insert into "audit_log"%', () =>
      call('PUT', '/api/v1/import', county),
    );
    expect(terminated).toBeGreaterThan(0);
    expectUnavailable(answer);
    expectAlive(service);
    expectAlive(worker);
    expect(await digest(MASTER)).toEqual(before);

    const again = await call('PUT', '/api/v1/import', county);
    expect(again.status, again.text).toBe(200);
    expect(again.json().created.teachers).toBe(county.teachers.length);
    const after = await digest(['teachers']);
    expect(after.teachers.startsWith(`${county.teachers.length}:`)).toBe(true);
  });

  it('imports under a storm of drops (every backend terminated every few milliseconds): each answer is 200 or 503, never 500 or none; the roster is always whole, old or new; the import after the storm is whole', async () => {
    const SUFFIX = '（改名）';
    const renamed = { ...county, teachers: county.teachers.map((t) => ({ ...t, name: `${t.name}${SUFFIX}` })) };
    const N = county.teachers.length;
    const roster = async () =>
      (await inspect.query(`SELECT count(*) FILTER (WHERE name LIKE $1)::int AS renamed, count(*)::int AS total FROM teachers`, [`%${SUFFIX}`])).rows[0] as {
        renamed: number;
        total: number;
      };
    // after the test above the roster is `county`'s; each round sends the other one, so every teacher changes
    let isRenamed = false;
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      let calm = false;
      const storm = (async () => {
        while (!calm) {
          await terminateService();
          await sleep(20);
        }
      })();
      const res = await call('PUT', '/api/v1/import', isRenamed ? county : renamed).finally(() => {
        calm = true;
      });
      await storm;
      await settled();
      statuses.push(res.status);
      if (res.status !== 200) expectUnavailable(res);
      expectAlive(service);
      expectAlive(worker);
      const r = await roster();
      expect(r.total).toBe(N);
      // all or nothing: every teacher renamed, or none
      expect([0, N]).toContain(r.renamed);
      if (res.status === 200) expect(r.renamed).toBe(isRenamed ? 0 : N);
      isRenamed = r.renamed === N;
    }
    // the storm reached the imports, and none of them answered anything but 503 or 200
    expect(statuses).toContain(503);
    const after = await call('PUT', '/api/v1/import', isRenamed ? county : renamed);
    expect(after.status, after.text).toBe(200);
    expect((await roster()).renamed).toBe(isRenamed ? 0 : N);
  });

  it("a worker's solve whose connection drops while storing its lines is retried by the queue and ends done, stored once", async () => {
    const plan = await call('POST', '/api/v1/plans', { year: 2027 });
    expect(plan.status, plan.text).toBe(201);
    planId = plan.json().id;
    // the store writes the lines in one transaction after the proposal row is locked: hold the lines table
    const { answer, terminated } = await dropDuring('LOCK TABLE proposal_lines IN EXCLUSIVE MODE', 'insert into "proposal_lines"%', async () => {
      const r = await call('POST', `/api/v1/plans/${planId}/proposals`, {});
      expect(r.status, r.text).toBe(202);
      return r.json().id as string;
    });
    expect(terminated).toBeGreaterThan(0);
    proposalId = answer;
    const p = await proposalWhenEnded(proposalId);
    expectAlive(worker);
    expectAlive(service);
    expect(p.status, p.error).toBe('done');
    const row = await inspect.query('SELECT attempts FROM proposals WHERE id = $1', [proposalId]);
    expect(row.rows[0].attempts).toBe(2);
    const lines = await inspect.query('SELECT count(*)::int AS n FROM proposal_lines WHERE proposal_id = $1', [proposalId]);
    expect(lines.rows[0].n).toBe(p.summary.totalLines);
    expect(lines.rows[0].n).toBeGreaterThan(0);
  });

  it('a publish whose connection drops mid-transaction answers 503, leaves the proposal announced and the ledger unchanged, and the next publish is whole', async () => {
    expect(proposalId).not.toBe('');
    const announced = await call('POST', `/api/v1/proposals/${proposalId}/announce`, {});
    expect(announced.status, announced.text).toBe(200);
    // the notice period (公示) is over: a test cannot wait five working days, so its dates move back
    await inspect.query(`UPDATE proposals SET notice_from = current_date - 10, notice_until = current_date - 3 WHERE id = $1`, [proposalId]);
    const before = await digest(PLANNING);
    // the publish writes the audit log last: the ledger records, the proposal's and the plan's status before it
    const { answer } = await dropDuring('LOCK TABLE audit_log IN EXCLUSIVE MODE', 'insert into "audit_log"%', () =>
      call('POST', `/api/v1/proposals/${proposalId}/publish`),
    );
    expectUnavailable(answer);
    expectAlive(service);
    expectAlive(worker);
    expect(await digest(PLANNING)).toEqual(before);

    const again = await call('POST', `/api/v1/proposals/${proposalId}/publish`);
    expect(again.status, again.text).toBe(200);
    const records = await inspect.query(`SELECT count(*)::int AS n FROM service_records WHERE source = 'plan'`);
    const lines = await inspect.query('SELECT count(*)::int AS n FROM proposal_lines WHERE proposal_id = $1', [proposalId]);
    expect(records.rows[0].n).toBe(lines.rows[0].n);
    expect((await call('GET', `/api/v1/proposals/${proposalId}`)).json().status).toBe('published');
  });

  it('a requested proposal whose job was never sent (the connection dropped as the request sent it) is sent by the sweep and solved', async () => {
    const plan = await call('POST', '/api/v1/plans', { year: 2029 });
    expect(plan.status, plan.text).toBe(201);
    // what a request leaves when its job could not be sent: the proposal committed, queued, no job; older than a stale heartbeat
    const row = await inspect.query(
      `INSERT INTO proposals (plan_id, version, engine, parameters, created_by, created_at) VALUES ($1, 1, 'highs', '{}', 'test', now() - interval '1 hour') RETURNING id`,
      [plan.json().id],
    );
    const p = await proposalWhenEnded(row.rows[0].id);
    expect(p.status, p.error).toBe('done');
    expectAlive(service);
    expectAlive(worker);
  });

  it('/healthz says the database is down while it refuses connections and up after; /livez and the process stay up', async () => {
    await acceptConnections(false);
    try {
      await terminateService();
      await settled();
      const health = await call('GET', '/healthz');
      expect(health.status, health.text).toBe(503);
      expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(health.json()).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', details: [{ check: 'database', status: 'down' }] });
      const live = await call('GET', '/livez');
      expect(live.status, live.text).toBe(200);
      expectUnavailable(await call('GET', '/api/v1/teachers?limit=1'));
      expectAlive(service);
      expectAlive(worker);
    } finally {
      await acceptConnections(true);
    }
    let up = await call('GET', '/healthz');
    for (let i = 0; i < 600 && up.status !== 200; i++) {
      await sleep(100);
      up = await call('GET', '/healthz');
    }
    expect(up.status, up.text).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', database: 'postgres' });
    const teachers = await call('GET', '/api/v1/teachers?limit=1');
    expect(teachers.status, teachers.text).toBe(200);
    expectAlive(service);
    expectAlive(worker);
  });

  it('the service and the worker stop cleanly on SIGTERM while the database refuses connections', async () => {
    await acceptConnections(false);
    try {
      await terminateService();
      await settled();
      expectAlive(service);
      expectAlive(worker);
      const exits = [service, worker].map((c) => new Promise<number | null>((r) => c.proc.once('exit', (code) => r(code))));
      service.proc.kill('SIGTERM');
      worker.proc.kill('SIGTERM');
      expect(await Promise.all(exits)).toEqual([0, 0]);
    } finally {
      await acceptConnections(true);
    }
  });
});

describe('liveness and readiness on either database', () => {
  it('with its database closed, /livez still answers 200 and /healthz answers 503 naming the database, with Retry-After', async () => {
    const database = await openTestDatabase();
    const app = await buildApp(
      loadConfig({ ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN, LOG_LEVEL: 'silent', ...(database.url ? { DATABASE_URL: database.url } : {}) }),
      {
        database,
        logger: false,
      },
    );
    try {
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', database: database.kind });
      // the database goes away under the running service (its connections ended, no new ones)
      await database.db.destroy();
      const live = await app.inject({ method: 'GET', url: '/livez' });
      expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await app.inject({ method: 'GET', url: '/healthz' });
      expect(ready.statusCode, ready.body).toBe(503);
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      expect(ready.json()).toMatchObject({
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        details: [{ check: 'database', status: 'down', database: database.kind }],
      });
    } finally {
      await app.close();
      if (database.url) {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${new URL(database.url).pathname.slice(1)} WITH (FORCE)`);
        await admin.end();
      }
    }
  });
});
