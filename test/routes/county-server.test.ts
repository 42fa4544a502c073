import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue #18, a county's server: points 1 (HTTPS only when configured) and 7 (LIKE wildcards, security
 * headers on the router's own answers, the quota's 403). The browser half of point 1 is
 * test/web/plain-http.test.ts.
 */

/** helmet's headers that every answer carries, whatever produced it */
function expectSecurityHeaders(headers: Record<string, unknown>, what: string) {
  const csp = String(headers['content-security-policy']);
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-frame-options'], what).toBe('SAMEORIGIN');
}

describe('HTTPS headers only when the service is configured for HTTPS (ROTATION_HTTPS)', () => {
  it('ROTATION_HTTPS is true or false, default false', () => {
    expect(loadConfig({}).https).toBe(false);
    expect(loadConfig({ ROTATION_HTTPS: 'true' }).https).toBe(true);
    expect(() => loadConfig({ ROTATION_HTTPS: 'yes' })).toThrow(/ROTATION_HTTPS/);
  });

  it('by default no answer asks for upgrade-insecure-requests or sends HSTS; with ROTATION_HTTPS=true every answer does', async () => {
    for (const https of [false, true]) {
      const t = await buildTestApp(https ? { ROTATION_HTTPS: 'true' } : {});
      try {
        for (const url of ['/', '/app.js', '/api/v1/me', '/no-such-page', '/api/v1/teachers/%zz']) {
          const res = await t.app.inject({ method: 'GET', url });
          const what = `${url} (ROTATION_HTTPS=${https})`;
          expectSecurityHeaders(res.headers, what);
          const csp = String(res.headers['content-security-policy']);
          if (https) {
            expect(csp, what).toContain('upgrade-insecure-requests');
            expect(res.headers['strict-transport-security'], what).toBe('max-age=15552000');
          } else {
            expect(csp, what).not.toContain('upgrade-insecure-requests');
            expect(res.headers['strict-transport-security'], what).toBeUndefined();
          }
        }
      } finally {
        await t.close();
      }
    }
  });
});

describe('the small ones (issue #18 point 7)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let principal = '';
  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: auth(token) });

  beforeAll(async () => {
    t = await buildTestApp();
    const county = tinyCounty();
    // names that carry LIKE's wildcards and its escape character as plain text
    county.teachers[0].name = '李%';
    county.teachers[1].name = '王_五';
    county.schools.find((s) => s.externalId === 'JH-V')!.name = '100%村小';
    county.districts.find((d) => d.externalId === 'D-JH')!.name = '靖海_学区';
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county })).statusCode).toBe(200);
    for (const s of (await get('/schools')).json().items) ids[s.externalId] = s.id;
    principal = (
      await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(), payload: { role: 'principal', schoolId: ids.URB, label: '校长' } })
    ).json().token;
    ids.plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json().id;
    ids.proposal = (await t.app.inject({ method: 'POST', url: `/api/v1/plans/${ids.plan}/proposals`, headers: auth(), payload: {} })).json().id;
    await t.app.solveRunner.idle();
  });
  afterAll(async () => t?.close());

  it('LIKE wildcards in `q` are plain text on /teachers, /schools and /districts', async () => {
    const names = async (url: string) => ((await get(url)).json().items as { name: string }[]).map((x) => x.name).sort();
    expect(await names('/teachers?q=%25&limit=100')).toEqual(['李%']);
    expect(await names('/teachers?q=_&limit=100')).toEqual(['王_五']);
    expect(await names('/teachers?q=%5C&limit=100')).toEqual([]);
    expect(await names('/schools?q=%25')).toEqual(['100%村小']);
    expect(await names('/schools?q=_')).toEqual([]);
    expect(await names('/districts?q=_')).toEqual(['靖海_学区']);
    expect(await names('/districts?q=%25')).toEqual([]);
    // a plain search still finds by part of a name
    expect(await names(`/teachers?q=${encodeURIComponent('王')}`)).toEqual(['王_五']);
    expect(await names(`/schools?q=${encodeURIComponent('村小')}`)).toEqual(['100%村小']);
  });

  it('a malformed URL answers 400 in the one error body with every security header, and does not echo the path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/teachers/%zz<script>', headers: auth() });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_URL' });
    expect(res.body).not.toMatch(/script|%zz/i);
    expectSecurityHeaders(res.headers, 'bad URL');
  });

  it('over a real socket too: the raw `<script>` of the path comes back neither in the 400 nor in the 404', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (path: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const bad = await raw('/api/v1/teachers/%zz<script>alert(1)</script>');
    expect(bad.status).toBe(400);
    expect(bad.body).not.toContain('<');
    expectSecurityHeaders(bad.headers, 'raw bad URL');
    const missing = await raw('/no-such-page/<script>alert(1)</script>');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).code).toBe('ROUTE_NOT_FOUND');
    expect(missing.body).not.toContain('<');
    expect(JSON.parse(missing.body).message).toBe('Route GET /no-such-page/%3Cscript%3Ealert(1)%3C/script%3E not found');
    expectSecurityHeaders(missing.headers, 'raw 404');
  });

  it("the router's own 400 (a bad path parameter) and 404 under /api/v1 carry the security headers", async () => {
    for (const [url, status] of [
      ['/api/v1/teachers/not-a-uuid', 400],
      ['/api/v1/no-such-route', 404],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth() });
      expect(res.statusCode, url).toBe(status);
      expectSecurityHeaders(res.headers, url);
    }
  });

  it("a principal's GET /proposals/:id/quota without schoolId is 403, as the README's access table says; HR's is 400 naming it", async () => {
    const mine = await get(`/proposals/${ids.proposal}/quota`, principal);
    expect(mine.statusCode).toBe(403);
    expect(mine.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(mine.json().message).toContain(`schoolId=${ids.URB}`);
    expect((await get(`/proposals/${ids.proposal}/quota?schoolId=${ids['JH-C']}`, principal)).statusCode).toBe(403);
    const own = await get(`/proposals/${ids.proposal}/quota?schoolId=${ids.URB}`, principal);
    expect(own.statusCode).toBe(200);
    expect(own.json().schoolId).toBe(ids.URB);
    const hr = await get(`/proposals/${ids.proposal}/quota`);
    expect(hr.statusCode).toBe(400);
    expect(hr.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'querystring', field: 'schoolId' }] });
  });
});
