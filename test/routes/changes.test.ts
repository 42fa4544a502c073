import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { recordChanges } from '../../src/db/changes.js';
import { openDatabase } from '../../src/db/database.js';
import { aDistrict, aSchool, aTeacher } from '../builders.js';
import { auth, buildFreshTestApp, HR_TOKEN, type TestApp } from '../helpers.js';
import { announceAndPublish, caller, county, linesOf, ownApp, plan, principalOf, proposed } from '../scenario.js';

/**
 * Issue #23: the change feed (api.md "Changes, for the systems that follow this one"), on both databases.
 */
type Change = {
  id: string;
  cursor: string;
  type: string;
  effectiveDate: string | null;
  entity: { kind: string; id: string | null; externalId: string | null };
  data: Record<string, unknown>;
};

/** Every change after `after` (all pages), as the token sees them. */
async function feed(t: TestApp | FastifyInstance, after?: string, token?: string): Promise<{ items: Change[]; last: string }> {
  const app = 'app' in t ? t.app : t;
  const items: Change[] = [];
  let cursor = after;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/changes?limit=50${cursor ? `&after=${cursor}` : ''}`, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!page.hasMore) return { items, last: cursor! };
  }
}

/** A county with a done proposal of the 2027 plan, and its lines. */
async function proposalOfCounty(t: TestApp) {
  const c = await county(t);
  const p = await proposed(t, await plan(t, 2027));
  return { c, proposalId: p.id as string, lines: await linesOf(t, p.id) };
}

describe('GET /changes', { timeout: 300_000 }, () => {
  it('reports creates, changes and deletes of master data in commit order; a delete leaves a tombstone with the externalId', async () => {
    const t = await ownApp();
    const call = caller(t);
    const d = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const s = (await call('POST', '/api/v1/schools', aSchool(d.id))).json();
    const teacher = aTeacher(s.id);
    const x = (await call('POST', '/api/v1/teachers', teacher)).json();
    // HR writes with If-Match (the ETag of what it read)
    const write = (method: 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { ...auth(), 'if-match': '*' }, ...(payload ? { payload } : {}) });
    expect((await write('PATCH', `/api/v1/teachers/${x.id}`, { name: '改名' })).statusCode).toBe(200);
    expect((await write('DELETE', `/api/v1/teachers/${x.id}`)).statusCode).toBe(204);

    const { items } = await feed(t);
    expect(items.map((c) => c.type)).toEqual(['district.upserted', 'school.upserted', 'teacher.upserted', 'teacher.upserted', 'teacher.deleted']);
    const tomb = items[4];
    expect(tomb.entity).toEqual({ kind: 'teacher', id: x.id, externalId: teacher.externalId });
    expect(tomb.data).toEqual({ externalId: teacher.externalId });
    expect(items[3].data.name).toBe('改名');
    // no personal data beyond name and staff number (api.md)
    expect(items[2].data).not.toHaveProperty('birthDate');
    expect(items[2].data).not.toHaveProperty('gender');
    // cursors are strictly increasing, also as strings
    const cursors = items.map((c) => c.cursor);
    expect([...cursors].sort()).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);

    // a principal reads only the changes touching their school: not the district's
    const own = await principalOf(t, s.id);
    const theirs = await feed(t, undefined, own);
    expect(theirs.items.map((c) => c.type)).toEqual(['school.upserted', 'teacher.upserted', 'teacher.upserted', 'teacher.deleted']);
    const other = (await call('POST', '/api/v1/schools', aSchool(d.id))).json();
    expect((await feed(t, undefined, await principalOf(t, other.id))).items.map((c) => c.type)).toEqual(['school.upserted']);
  });

  it('lists answer asOfCursor; following from it gives what changed after the list', async () => {
    const t = await ownApp();
    const call = caller(t);
    const d = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const list = (await call('GET', '/api/v1/districts')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/districts/${d.id}`,
      headers: { ...auth(), 'if-match': '"1"' },
      payload: { name: '新学区' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = await feed(t, list.asOfCursor);
    expect(after.items.map((c) => [c.type, c.data.name])).toEqual([['district.upserted', '新学区']]);
  });

  it('cursors strictly increase under concurrent writes, each change once', async () => {
    const t = await ownApp();
    const call = caller(t);
    const made = await Promise.all(Array.from({ length: 24 }, () => call('POST', '/api/v1/districts', aDistrict())));
    expect(made.every((r) => r.statusCode === 201)).toBe(true);
    const { items } = await feed(t);
    expect(items).toHaveLength(24);
    expect(new Set(items.map((c) => c.entity.id))).toEqual(new Set(made.map((r) => r.json().id)));
    const cursors = items.map((c) => c.cursor);
    for (let i = 1; i < cursors.length; i++) expect(cursors[i] > cursors[i - 1]).toBe(true);
  });

  it.runIf(process.env.DATABASE_URL)('a reader never skips a change committed after one with a later cursor (PostgreSQL)', async () => {
    const t = await ownApp();
    const call = caller(t);
    let release!: () => void;
    let recorded!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (recorded = r));
    // a slow transaction: it reports its change, then stays open
    const slow = t.database.db.transaction().execute(async (trx) => {
      await recordChanges(trx, [{ type: 'district.upserted', entity: { kind: 'district', id: null, externalId: 'SLOW' }, data: { externalId: 'SLOW' } }]);
      recorded();
      await gate;
    });
    await inside;
    // a quick write starts after it; it must wait for the slow one rather than commit ahead of it
    const quick = call('POST', '/api/v1/districts', aDistrict({ externalId: 'QUICK' }));
    const waiting = async () => {
      for (;;) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(t.database.db);
        if (r.rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.race([quick, waiting()]);
    const seen = await feed(t);
    release();
    await slow;
    expect((await quick).statusCode).toBe(201);
    const next = await feed(t, seen.last);
    const all = [...seen.items, ...next.items].map((c) => c.entity.externalId);
    expect(all).toEqual(['SLOW', 'QUICK']);
  });

  it('an expired cursor answers 410 with the error body; the lists give a fresh one', async () => {
    const t = await ownApp();
    const call = caller(t);
    await call('POST', '/api/v1/districts', aDistrict());
    const first = (await feed(t)).items[0].cursor;
    await call('POST', '/api/v1/districts', aDistrict());
    // 14 months later the scheduled job prunes what is older than the retention (400 days)
    t.clock.offsetMs += 425 * 86_400_000;
    expect((await t.app.changeFeed.tick()).pruned).toBe(2);
    const gone = await call('GET', `/api/v1/changes?after=${first}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ statusCode: 410, code: 'CURSOR_EXPIRED' });
    const fresh = (await call('GET', '/api/v1/districts')).json().asOfCursor;
    expect((await call('GET', `/api/v1/changes?after=${fresh}`)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/changes?after=nonsense')).statusCode).toBe(400);
  });
});

describe('publishing and 1 September', { timeout: 300_000 }, () => {
  it('a publish emits one move.published per line in its transaction; a publish that fails emits none', async () => {
    const t = await ownApp();
    const { proposalId, lines } = await proposalOfCounty(t);
    expect(lines.length).toBeGreaterThan(0);
    const before = (await feed(t)).last;

    // the publish fails at its commit, after everything was written (a deferred trigger)
    await sql`CREATE FUNCTION fail_publish() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END; $$`.execute(t.database.db);
    await sql`CREATE CONSTRAINT TRIGGER fail_publish AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.action = 'publish') EXECUTE FUNCTION fail_publish()`.execute(
      t.database.db,
    );
    const failed = await announceAndPublish(t, proposalId);
    expect(failed.statusCode).toBe(500);
    const afterFail = await feed(t, before);
    expect(afterFail.items.map((c) => c.type)).toEqual(['proposal.announced']);

    await sql`DROP TRIGGER fail_publish ON audit_log`.execute(t.database.db);
    const saved = t.clock.offsetMs;
    const until = (await caller(t)('GET', `/api/v1/proposals/${proposalId}`)).json().notice.until as string;
    t.clock.offsetMs += new Date(`${until}T12:00:00+08:00`).getTime() + 86_400_000 - t.clock.now().getTime();
    const ok = await caller(t)('POST', `/api/v1/proposals/${proposalId}/publish`);
    t.clock.offsetMs = saved;
    expect(ok.statusCode, ok.body).toBe(200);

    const { items } = await feed(t, afterFail.last);
    const moves = items.filter((c) => c.type === 'move.published');
    expect(moves).toHaveLength(lines.length);
    expect(new Set(moves.map((m) => m.entity.id))).toEqual(new Set(lines.map((l) => l.id)));
    expect(moves.every((m) => m.effectiveDate === '2027-09-01')).toBe(true);
    expect(items.at(-1)?.type).toBe('proposal.published');
  });

  it('1 September (China time) emits move.effective once per line with two service processes on one database', async () => {
    // the clock jumps years ahead here: a long retention keeps what the test reads
    const env = { ROTATION_CHANGES_RETENTION_DAYS: '36500' };
    const t = await buildFreshTestApp(env);
    onTestFinished(() => t.close());
    const { proposalId, lines } = await proposalOfCounty(t);
    expect((await announceAndPublish(t, proposalId)).statusCode).toBe(200);

    // a second process on the same database (on PGlite the same embedded database, shared)
    const second = t.database.url ? await openDatabase({ databaseUrl: t.database.url, dataDir: 'memory://' }) : t.database;
    const config = loadConfig({
      ROTATION_BOOTSTRAP_TOKEN: HR_TOKEN,
      LOG_LEVEL: 'silent',
      ...env,
      ...(t.database.url ? { DATABASE_URL: t.database.url } : {}),
    });
    const other = await buildApp(config, { database: second, logger: false, now: t.clock.now });
    await other.ready();
    onTestFinished(async () => {
      await other.close();
      if (second !== t.database) await second.close();
    });

    const at = (iso: string) => {
      t.clock.offsetMs += new Date(iso).getTime() - t.clock.now().getTime();
    };
    const effective = async () => (await feed(t)).items.filter((c) => c.type === 'move.effective');
    // 23:30 on 31 August in China is already 1 September nowhere that counts
    at('2027-08-31T23:30:00+08:00');
    await Promise.all([t.app.changeFeed.tick(), other.changeFeed.tick()]);
    expect(await effective()).toHaveLength(0);
    at('2027-09-01T00:30:00+08:00');
    await Promise.all([t.app.changeFeed.tick(), other.changeFeed.tick(), t.app.changeFeed.tick(), other.changeFeed.tick()]);
    await Promise.all([t.app.changeFeed.tick(), other.changeFeed.tick()]);
    const once = await effective();
    expect(once).toHaveLength(lines.length);
    expect(new Set(once.map((c) => c.entity.id))).toEqual(new Set(lines.map((l) => l.id)));
    expect(once.every((c) => c.effectiveDate === '2027-09-01')).toBe(true);

    // a process started later (a restart) emits nothing again
    const third = await buildApp(config, { database: second, logger: false, now: t.clock.now });
    await third.ready();
    await third.changeFeed.tick();
    await third.close();
    expect(await effective()).toHaveLength(lines.length);

    // the terms end: a rotation's after its last day, with move.ended once
    const ends = once.map((c) => c.data.to).filter((x): x is string => typeof x === 'string');
    expect(ends.length).toBeGreaterThan(0);
    const lastDay = ends.sort().at(-1)!;
    at(`${lastDay}T12:00:00+08:00`);
    await t.app.changeFeed.tick();
    const notYet = (await feed(t)).items.filter((c) => c.type === 'move.ended' && c.data.to === lastDay);
    expect(notYet).toHaveLength(0);
    t.clock.offsetMs += 86_400_000;
    await Promise.all([t.app.changeFeed.tick(), other.changeFeed.tick()]);
    const ended = (await feed(t)).items.filter((c) => c.type === 'move.ended');
    expect(ended).toHaveLength(ends.length);
    expect(new Set(ended.map((c) => c.entity.id)).size).toBe(ends.length);
  });
});
