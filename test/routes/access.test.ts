import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type AccessRule, accessRuleOf } from '../../src/access.js';
import { installAuth } from '../../src/plugins/auth.js';
import { auth, buildTestApp, countRows, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Access, derived from the OpenAPI document: every route is called by every kind of caller — no
 * token, a garbage token, a revoked token, each role, a principal on their own school's objects
 * and on another school's — and with the path spelled in ways a router may decode (letters
 * percent-encoded, `//`, `/./`, a trailing `/`, upper case). The expected answer of each cell
 * comes from the access table (src/access.ts); a 2xx where the table says no fails.
 */
type Caller = 'none' | 'garbage' | 'revoked' | 'hr' | 'integration' | 'principalOwn' | 'principalOther';
const CALLERS: Caller[] = ['none', 'garbage', 'revoked', 'hr', 'integration', 'principalOwn', 'principalOther'];

interface Operation {
  method: string;
  /** the route as registered: /api/v1/teachers/:id */
  route: string;
  rule: AccessRule;
}

/** What the table says a caller gets: 401, 403, or 'allowed' (anything but 401/403/429). */
function expected(op: Operation, caller: Caller): 401 | 403 | 'allowed' {
  // signing in and activating take no credentials (their own failure limits)
  if (op.rule.public) return 'allowed';
  if (caller === 'none' || caller === 'garbage' || caller === 'revoked') return 401;
  const role = caller.startsWith('principal') ? 'principal' : caller;
  if (!op.rule.roles.includes(role as 'hr')) return 403;
  // the change feed filters rather than refuses: any principal reads it, each only their own school's changes (test/routes/changes.test.ts)
  if (caller === 'principalOther' && op.rule.principal !== 'none' && op.rule.principal !== 'ownChanges') return 403;
  return 'allowed';
}

/** Spellings of one path that a router might take for the same route. */
function variants(path: string): [string, string][] {
  const encoded = path.replace(/[a-z]/gi, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const [head, ...rest] = path.slice(1).split('/');
  return [
    ['canonical', path],
    ['letters percent-encoded', encoded],
    ['first letter encoded', path.replace('/api/', '/%61pi/')],
    ['digit encoded', path.replace('/v1/', '/v%31/')],
    ['double slash', `/${head}//${rest.join('/')}`],
    ['leading double slash', `/${path}`],
    ['dot segment', `/${head}/./${rest.join('/')}`],
    ['trailing slash', `${path}/`],
    ['upper case', path.toUpperCase()],
  ];
}

describe('access: every route, every caller, every spelling', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const ops: Operation[] = [];

  beforeAll(async () => {
    // this suite makes hundreds of failed authentications on purpose: the limit is tested below
    t = await buildTestApp({ ROTATION_AUTH_FAIL_LIMIT: '1000000' });
    const call = (method: string, url: string, payload?: unknown) =>
      t.app.inject({ method: method as 'GET', url, headers: auth(), ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect((await call('PUT', '/api/v1/import', tinyCounty())).statusCode).toBe(200);
    for (const s of (await call('GET', '/api/v1/schools')).json().items) ids[s.externalId] = s.id;
    ids.district = (await call('GET', '/api/v1/districts')).json().items[0].id;
    const teachers = (await call('GET', '/api/v1/teachers?limit=100')).json().items as { id: string; schoolId: string }[];
    ids.ownTeacher = teachers.find((x) => x.schoolId === ids.URB)!.id;
    ids.otherTeacher = teachers.find((x) => x.schoolId === ids['JH-V'])!.id;
    tok.principal = (await call('POST', '/api/v1/tokens', { role: 'principal', schoolId: ids.URB, label: '实验小学校长' })).json().token;
    tok.integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    const revoked = (await call('POST', '/api/v1/tokens', { role: 'hr', label: '已吊销' })).json();
    expect((await call('DELETE', `/api/v1/tokens/${revoked.id}`)).statusCode).toBe(204);
    tok.revoked = revoked.token;
    ids.token = revoked.id;
    ids.plan = (await call('POST', '/api/v1/plans', { year: 2027 })).json().id;
    ids.proposal = (await call('POST', `/api/v1/plans/${ids.plan}/proposals`, {})).json().id;
    await t.app.solveRunner.idle();
    const lines = (await call('GET', `/api/v1/proposals/${ids.proposal}/lines`)).json().items as { id: string; fromSchoolId: string; toSchoolId: string }[];
    ids.ownLine = lines.find((l) => l.fromSchoolId === ids.URB || l.toSchoolId === ids.URB)!.id;
    // a line that does not touch the principal's school (a 走教 line between the two township schools)
    ids.otherLine = (
      await t.database.db
        .insertInto('proposal_lines')
        .values({
          proposal_id: ids.proposal,
          teacher_id: ids.otherTeacher,
          kind: 'itinerant',
          from_school_id: ids['JH-V'],
          to_school_id: ids['JH-C'],
          subject: 'math',
          hours_per_week: 2,
          start_date: '2027-09-01',
          end_date: '2028-08-31',
          reasons: ['R22_ITINERANT'],
          explanation: '',
          pinned: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      for (const method of Object.keys(methods)) {
        const rule = accessRuleOf(method.toUpperCase(), route);
        ops.push({ method: method.toUpperCase(), route, rule: rule! });
      }
    }
  });
  afterAll(async () => t?.close());

  it('the OpenAPI document lists every route of the table, and every API route has a rule', () => {
    expect(ops.length).toBe(Object.keys(ACCESS).length);
    for (const op of ops) expect(op.rule, `${op.method} ${op.route}`).toBeDefined();
    const listed = new Set(ops.map((o) => `${o.method} ${o.route}`));
    for (const key of Object.keys(ACCESS)) expect(listed, key).toContain(key);
  });

  /** The request a caller makes: real objects of their own or another school, and a body that writes nothing when allowed. */
  function request(op: Operation, caller: Caller): { url: string; payload?: unknown; token?: string } {
    const other = caller === 'principalOther';
    const want = expected(op, caller);
    // an allowed write is sent to nothing (a random id) or with a body that fails validation, so it never writes
    const harmless = want === 'allowed' && op.method !== 'GET';
    const real: Record<string, string> = {
      '/api/v1/schools/:id': other ? ids['JH-V'] : ids.URB,
      '/api/v1/teachers/:id': other ? ids.otherTeacher : ids.ownTeacher,
      '/api/v1/districts/:id': ids.district,
      '/api/v1/tokens/:id': ids.token,
      '/api/v1/plans/:id': ids.plan,
      '/api/v1/proposals/:id': ids.proposal,
    };
    let url = op.route.replace(/:id/, () => {
      const key = Object.keys(real).find((k) => op.route.startsWith(k))!;
      // the review route's scope is its line: its proposal must exist for the line to be found
      return harmless && !op.route.endsWith('/review') ? randomUUID() : real[key];
    });
    url = url.replace(':lineId', other ? ids.otherLine : ids.ownLine);
    // the teacher page: a teacher of the principal's school, or one whose only line does not touch it
    url = url.replace(':teacherId', other ? ids.otherTeacher : ids.ownTeacher);
    if (op.rule.principal === 'schoolQuery' || op.rule.principal === 'schoolQueryRequired') url += `?schoolId=${other ? ids['JH-V'] : ids.URB}`;
    if (op.route.endsWith('/diff')) url += `?against=${ids.proposal}`;
    const token = {
      none: undefined,
      garbage: 'rot_not-a-token',
      revoked: tok.revoked,
      hr: undefined,
      integration: tok.integration,
      principalOwn: tok.principal,
      principalOther: tok.principal,
    }[caller];
    let payload: unknown;
    if (op.method !== 'GET' && op.method !== 'DELETE') {
      // refused callers send a body that would pass validation (so the refusal is access, not shape)
      payload = harmless ? [] : op.route.endsWith('/review') ? { decision: 'approve', comment: '' } : {};
    }
    return { url, payload, token: caller === 'hr' ? 'HR' : token };
  }

  it('each caller gets what the access table says, on the canonical path and every other spelling', async () => {
    const before = await countRows(t.database);
    const failures: string[] = [];
    let cells = 0;
    for (const op of ops) {
      for (const caller of CALLERS) {
        const want = expected(op, caller);
        const r = request(op, caller);
        for (const [spelling, url] of variants(r.url.split('?')[0])) {
          const query = r.url.includes('?') ? `?${r.url.split('?')[1]}` : '';
          const headers = r.token === undefined ? {} : r.token === 'HR' ? auth() : auth(r.token);
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: url + query,
            headers,
            ...(r.payload !== undefined ? { payload: r.payload as object } : {}),
          });
          cells++;
          const where = `${op.method} ${op.route} as ${caller} (${spelling}: ${url})`;
          if (res.statusCode >= 400 && !res.json().code) failures.push(`${where}: error without a code`);
          if (want === 'allowed') {
            // the canonical path must get through access; other spellings may simply not route (404)
            if (spelling === 'canonical' && [401, 403, 429].includes(res.statusCode)) failures.push(`${where}: ${res.statusCode}, the table allows it`);
            continue;
          }
          // another spelling may route elsewhere (`/schools/` is `/schools/:id` with an empty id: 400) or
          // nowhere (404); what it may never do is answer 2xx to a caller the table refuses
          if (res.statusCode < 400) failures.push(`${where}: ${res.statusCode}, the table says ${want}`);
          else if (spelling === 'canonical' && res.statusCode !== want) failures.push(`${where}: ${res.statusCode}, expected ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(2000);
    // nothing refused wrote anything, and no allowed probe did either
    expect(await countRows(t.database)).toEqual(before);
  });

  it('the walk-arounds of the report are closed: no token through an encoded prefix is 401, and nothing is cancelled', async () => {
    for (const url of ['/%61pi/v1/export/teachers.csv', '/api/v%31/export/teachers.csv', '/%61pi/v1/teachers']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body).not.toContain('教师');
    }
    const plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027, name: 'cancel-probe' } })).json();
    const queued = (await t.app.inject({ method: 'POST', url: `/api/v1/plans/${plan.id}/proposals`, headers: auth(), payload: {} })).json();
    const cancel = await t.app.inject({ method: 'POST', url: `/%61pi/v1/proposals/${queued.id}/cancel` });
    expect(cancel.statusCode).toBe(401);
    await t.app.solveRunner.idle();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${queued.id}`, headers: auth() })).json().status).toBe('done');
  });

  it('a refused role gets 403 before its body is read: malformed JSON is never parsed for it', async () => {
    for (const [method, url] of [
      ['PUT', '/api/v1/import'],
      ['POST', '/api/v1/plans'],
      ['POST', '/api/v1/tokens'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { ...auth(tok.principal), 'content-type': 'application/json' }, payload: '{"teachers":[{' });
      expect(res.statusCode, url).toBe(403);
    }
    // the same body from a role that may call is a parse error
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: { ...auth(), 'content-type': 'application/json' }, payload: '{"teachers":[{' }))
        .statusCode,
    ).toBe(400);
  });

  it("a principal asking for another school's lines, teachers or list gets 403, not their own", async () => {
    for (const url of [
      `/api/v1/proposals/${ids.proposal}/lines?schoolId=${ids['JH-V']}`,
      `/api/v1/teachers?schoolId=${ids['JH-V']}`,
      `/api/v1/schools?schoolId=${ids['JH-V']}`,
      `/api/v1/proposals/${ids.proposal}/export.csv?schoolId=${ids['JH-V']}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth(tok.principal) });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const own = (await t.app.inject({ method: 'GET', url: '/api/v1/schools', headers: auth(tok.principal) })).json().items;
    expect(own.map((s: { id: string }) => s.id)).toEqual([ids.URB]);
  });
});

describe('access: deny by default', () => {
  it('a route without an access rule does not start', async () => {
    const app = Fastify();
    app.decorate('db', {} as never);
    await app.register(rateLimit, { global: false });
    const start = async () => {
      await app.register(
        async (api) => {
          installAuth(api, { failLimit: 5, failWindowSeconds: 60 });
          api.get('/not-in-the-table', async () => ({ secret: true }));
        },
        { prefix: '/api/v1' },
      );
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/No access rule for GET \/api\/v1\/not-in-the-table/);
    await app.close();
  });
});

describe('access: failed authentication is rate-limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ ROTATION_AUTH_FAIL_LIMIT: '3', ROTATION_AUTH_FAIL_WINDOW_SECONDS: '600' });
  });
  afterAll(async () => t?.close());

  it('after the limit an address gets 429 with Retry-After, even with a valid token; another address is not affected', async () => {
    const from = (remoteAddress: string, token = 'rot_guess') => t.app.inject({ method: 'GET', url: '/api/v1/subjects', remoteAddress, headers: auth(token) });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.7')).statusCode).toBe(401);
    const limited = await from('10.0.0.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // blocked means blocked: a right guess from that address is refused too until the window ends
    expect((await from('10.0.0.7', (await import('../helpers.js')).HR_TOKEN)).statusCode).toBe(429);
    // another address, and successful calls, are not counted
    expect((await from('10.0.0.8', (await import('../helpers.js')).HR_TOKEN)).statusCode).toBe(200);
    expect((await from('10.0.0.8')).statusCode).toBe(401);
  });
});

describe('security headers on every answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('the page, the API, errors and the health check carry a strict CSP, nosniff and a referrer policy', async () => {
    for (const [url, status] of [
      ['/', 200],
      ['/app.js', 200],
      ['/healthz', 200],
      ['/api/v1/me', 401],
      ['/no-such-page', 404],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("style-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('SECURITY.md carries the access table of the code', () => {
  it('SECURITY.md "The access table" shows exactly what src/access.ts says (npm run access:table)', async () => {
    const { readFileSync } = await import('node:fs');
    const { accessTableMarkdown } = await import('../../src/access.js');
    const security = readFileSync(new URL('../../SECURITY.md', import.meta.url), 'utf8');
    const copy = security.split('<!-- access-table:start -->')[1]?.split('<!-- access-table:end -->')[0]?.trim();
    expect(copy).toBe(accessTableMarkdown());
  });
});
