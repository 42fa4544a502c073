import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import * as life from '../../src/services/proposal-life.js';
import { PROPOSAL_STATES, type ProposalState, TRANSITIONS, type TransitionName } from '../../src/services/proposal-life.js';
import { openTestDatabase } from '../helpers.js';

/**
 * Issue 10 §4: the proposal's life is one module. Its table of transitions is the spec: every
 * transition it lists happens from each of its source states and from no other, and nothing else in
 * src/ writes `proposals.status`.
 */

const ME = 'test-host:1:me';

describe('the proposal life: every transition of the table, and nothing else', () => {
  let database: Database;
  let n = 0;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  /** A proposal in `status`, held by ME, with a heartbeat an hour old, in a plan of its own. */
  async function proposalIn(status: ProposalState, opts: { heartbeat?: 'stale' | 'fresh'; runner?: string; planStatus?: string } = {}) {
    const db = database.db;
    const plan = await db
      .insertInto('plans')
      // a year of its own: at most one proposal per year is announced or published (migrations/0016)
      .values({ year: 2000 + ++n, name: `life ${n}`, ...(opts.planStatus ? { status: opts.planStatus } : {}) } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    // tests may write any status: they set up the states the module is to be checked from
    const p = await db
      .insertInto('proposals')
      .values({
        plan_id: plan.id,
        version: 1,
        engine: 'highs',
        parameters: '{}',
        created_by: 'test',
        status,
        runner: opts.runner ?? ME,
        started_at: new Date(),
        heartbeat_at: opts.heartbeat === 'fresh' ? sql`now()` : sql`now() - interval '1 hour'`,
        ...(status === 'announced' ? { notice_from: '2027-06-01', notice_until: '2027-06-07', announced_at: new Date() } : {}),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: p.id, planId: plan.id };
  }
  const statusOf = async (id: string) => (await database.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  /** Performs a transition by its function; says whether the proposal changed status as the transition says. */
  const perform: Record<TransitionName, (id: string) => Promise<boolean>> = {
    claim: async (id) => Boolean(await life.claim(database.db, id, 'another-runner')),
    retake: async (id) => Boolean(await life.claim(database.db, id, 'another-runner', { retakeStaleAfterSeconds: 5 })),
    release: async (id) => (await life.releaseStale(database.db, 5)).some((r) => r.id === id),
    requeue: async (id) => life.requeue(database.db, id, ME),
    finish: async (id) => life.finish(database.db, id, ME, { stats: {}, compliance: {}, summary: {} }),
    fail: async (id) => life.fail(database.db, id, 'test failure'),
    abandon: async (id) => (await life.abandonRunning(database.db, 'test: the process died')).includes(id),
    cancel: async (id) => life.cancel(database.db, id, 'test cancel'),
    announce: async (id) => database.db.transaction().execute((trx) => life.announce(trx, id, { from: '2027-06-01', until: '2027-06-07' })),
    withdraw: async (id) => database.db.transaction().execute((trx) => life.withdraw(trx, id)),
    publish: async (id) => database.db.transaction().execute((trx) => life.publish(trx, id)),
  };

  it('the table allows exactly the changes of the life, and no other', () => {
    const expected = new Set([
      'queued→running',
      'running→running',
      'running→queued',
      'running→done',
      'queued→failed',
      'running→failed',
      'queued→cancelled',
      'running→cancelled',
      'done→announced',
      'announced→done',
      'announced→published',
    ]);
    for (const a of PROPOSAL_STATES) {
      for (const b of PROPOSAL_STATES) expect(life.allowed(a, b), `${a}→${b}`).toBe(expected.has(`${a}→${b}`));
    }
    expect(life.allowed('done', 'running')).toBe(false);
    expect(life.allowed('cancelled', 'done')).toBe(false);
    expect(life.allowed('failed', 'queued')).toBe(false);
    // issue #12: publishing starts from the notice (公示), never straight from done
    expect(life.allowed('done', 'published')).toBe(false);
    for (const to of PROPOSAL_STATES) expect(life.allowed('published', to)).toBe(false);
  });

  for (const name of Object.keys(TRANSITIONS) as TransitionName[]) {
    const t: life.Transition = TRANSITIONS[name];
    // a retake is a claim that also takes a stale running proposal: from queued it is the claim
    const sources: readonly ProposalState[] = name === 'retake' ? [...TRANSITIONS.claim.from, ...t.from] : t.from;
    it(`${name}: ${sources.join('|')} → ${t.to}, and from every other state it is refused and changes nothing`, async () => {
      for (const from of PROPOSAL_STATES) {
        const { id } = await proposalIn(from);
        const happened = await perform[name](id);
        const should = sources.includes(from);
        expect(happened, `${name} from ${from}`).toBe(should);
        expect(await statusOf(id), `${name} from ${from}`).toBe(should ? t.to : from);
      }
    });
  }

  it('the guards: a fresh heartbeat is neither released nor retaken; only the holder finishes or fails its solve, or renews its heartbeat', async () => {
    const db = database.db;
    const fresh = await proposalIn('running', { heartbeat: 'fresh' });
    expect((await life.releaseStale(db, 5)).map((r) => r.id)).not.toContain(fresh.id);
    expect(await life.claim(db, fresh.id, 'another-runner', { retakeStaleAfterSeconds: 5 })).toBeUndefined();
    expect(await life.finish(db, fresh.id, 'another-runner', { stats: {}, compliance: {}, summary: {} })).toBe(false);
    expect(await life.fail(db, fresh.id, 'not mine', 'another-runner')).toBe(false);
    expect(await life.heartbeat(db, fresh.id, 'another-runner')).toBe(false);
    expect(await life.reportProgress(db, fresh.id, 'another-runner', { phase: 'x', fraction: 0.5 })).toBe(false);
    expect(await life.requeue(db, fresh.id, 'another-runner')).toBe(false);
    expect(await statusOf(fresh.id)).toBe('running');
    expect(await life.heartbeat(db, fresh.id, ME)).toBe(true);
    expect(await life.reportProgress(db, fresh.id, ME, { phase: 'solving', fraction: 0.5 })).toBe(true);
    expect(await life.fail(db, fresh.id, 'mine', ME)).toBe(true);
    expect(await statusOf(fresh.id)).toBe('failed');
    // a claim writes who holds it and counts the attempt
    const queued = await proposalIn('queued', { runner: '' });
    const claimed = await life.claim(db, queued.id, ME);
    expect([claimed?.status, claimed?.runner, claimed?.attempts]).toEqual(['running', ME, 1]);
  });

  it('the guards of announce and publish: not on an archived plan, not a second proposal of a plan, not a second of the year', async () => {
    const db = database.db;
    const archived = await proposalIn('announced', { planStatus: 'archived' });
    expect(await db.transaction().execute((trx) => life.publish(trx, archived.id))).toBe(false);
    expect(await statusOf(archived.id)).toBe('announced');
    const archivedDone = await proposalIn('done', { planStatus: 'archived' });
    expect(await db.transaction().execute((trx) => life.announce(trx, archivedDone.id, { from: '2027-06-01', until: '2027-06-07' }))).toBe(false);
    expect(life.publishRefusal({ version: 1, status: 'announced' }, { status: 'archived' }, undefined)).toMatch(/archived/);

    const first = await proposalIn('announced');
    const second = await db
      .insertInto('proposals')
      .values({ plan_id: first.planId, version: 2, engine: 'highs', parameters: '{}', created_by: 'test', status: 'done' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    // the year holds one announced or published proposal: the database refuses a second (migrations/0016)
    await expect(db.transaction().execute((trx) => life.announce(trx, second.id, { from: '2027-06-01', until: '2027-06-07' }))).rejects.toThrow(
      /proposals_one_result_per_year_idx|duplicate|unique/i,
    );
    expect(await db.transaction().execute((trx) => life.publish(trx, first.id))).toBe(true);
    // with one published, the plan's other versions are neither announced nor published
    expect(await db.transaction().execute((trx) => life.announce(trx, second.id, { from: '2027-06-01', until: '2027-06-07' }))).toBe(false);
    expect(await db.transaction().execute((trx) => life.publish(trx, second.id))).toBe(false);
    expect(await statusOf(second.id)).toBe('done');
    expect(life.publishRefusal({ version: 2, status: 'announced' }, { status: 'open' }, { version: 1 })).toMatch(/v1 of this plan is already published/);
    expect(life.publishRefusal({ version: 2, status: 'running' }, { status: 'open' }, undefined)).toMatch(/only an announced proposal/);
    expect(life.publishRefusal({ version: 2, status: 'done' }, { status: 'open' }, undefined)).toMatch(/announce it \(公示\) first/);
    expect(life.publishRefusal({ version: 2, status: 'announced' }, { status: 'open' }, undefined)).toBeNull();
  });
});

/**
 * A plain text check, not a parser: it finds every Kysely `updateTable('proposals')`/`insertInto('proposals')`
 * statement and every SQL `UPDATE proposals … SET`/`INSERT INTO proposals` in src/ and looks for `status` in
 * what it sets. It would miss a status write built by string concatenation or through a view; the
 * project writes SQL in one of these two forms only, and the check's own cases below show it catches both.
 */
function statusWrites(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/updateTable\(\s*['"]proposals(?:\s+as\s+\w+)?['"]\s*\)([\s\S]*?)\.execute/g)) {
    // what is set: up to the first where/returning (a where on status is a guard, not a write)
    const set = m[1].split(/\.(?:where|whereRef|returning|returningAll)\(/)[0];
    if (/\bstatus\b/.test(set)) found.push(m[0].slice(0, 120));
  }
  for (const m of source.matchAll(/insertInto\(\s*['"]proposals['"]\s*\)([\s\S]*?)\.execute/g)) {
    if (/\bstatus\b/.test(m[1].split(/\.(?:returning|returningAll)\(/)[0])) found.push(m[0].slice(0, 120));
  }
  for (const m of source.matchAll(/UPDATE\s+proposals\b(?:\s+(?:AS\s+)?\w+)?\s+SET\b([\s\S]*?)(?:\bWHERE\b|\bRETURNING\b|`)/gi)) {
    if (/\bstatus\s*=/i.test(m[1])) found.push(m[0].slice(0, 120));
  }
  for (const m of source.matchAll(/INSERT\s+INTO\s+proposals\s*\(([^)]*)\)/gi)) {
    if (/\bstatus\b/i.test(m[1])) found.push(m[0].slice(0, 120));
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(?:ts|mts|js|mjs|sql)$/.test(f) ? [p] : [];
  });
}

describe('proposal-life.ts is the only code that writes proposals.status', () => {
  it('the check finds the forms a status write takes (so an empty answer below means something)', () => {
    expect(statusWrites(`await trx.updateTable('proposals').set({ status: 'published' }).where('id', '=', id).execute();`)).toHaveLength(1);
    expect(statusWrites(`db.updateTable('proposals')\n  .set({ error: r, status: 'failed' })\n  .where('id', '=', id).execute()`)).toHaveLength(1);
    expect(statusWrites("sql`UPDATE proposals SET progress = 1, status = 'queued' WHERE status = 'running'`")).toHaveLength(1);
    expect(statusWrites(`db.insertInto('proposals').values({ plan_id, status: 'running' }).execute()`)).toHaveLength(1);
    // guards and other columns are not writes of the status
    expect(statusWrites(`db.updateTable('proposals').set({ snapshot_hash: h }).where('status', '=', 'running').execute()`)).toEqual([]);
    expect(statusWrites("sql`UPDATE proposals SET heartbeat_at = now() WHERE status = 'running'`")).toEqual([]);
    // the life module itself is found writing it
    expect(statusWrites(readFileSync('src/services/proposal-life.ts', 'utf8')).length).toBeGreaterThanOrEqual(7);
  });

  it('no file in src/ but proposal-life.ts writes proposals.status (a new proposal takes the column default, queued)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles('src')) {
      if (relative('src', file) === join('services', 'proposal-life.ts')) continue;
      for (const w of statusWrites(readFileSync(file, 'utf8'))) offenders.push(`${file}: ${w}`);
    }
    expect(offenders).toEqual([]);
    // and the one insert (requestProposal → db/proposals.ts insertProposal) is still there, taking the default
    expect(readFileSync('src/db/proposals.ts', 'utf8')).toMatch(/insertInto\('proposals'\)/);
  });
});
