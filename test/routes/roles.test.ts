import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, HR_TOKEN, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/** Tokens, roles and least privilege (api.md "Access"); every write is audited with the token's label. */
describe('tokens and roles', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const call = (method: string, url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    await call('PUT', '/api/v1/import', HR_TOKEN, tinyCounty());
    for (const s of (await call('GET', '/api/v1/schools')).json().items) ids[s.externalId] = s.id;
  });
  afterAll(async () => t?.close());

  it('makes a token once, stores only its hash, and never shows the secret again', async () => {
    const res = await call('POST', '/api/v1/tokens', HR_TOKEN, { role: 'principal', schoolId: ids.URB, label: '实验小学校长' });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ role: 'principal', schoolId: ids.URB, label: '实验小学校长' });
    tok.principal = made.token;
    const row = await t.database.db.selectFrom('access_tokens').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(made.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const list = await call('GET', '/api/v1/tokens');
    expect(list.body).not.toContain(made.token);
    expect(list.json().items.find((x: { id: string }) => x.id === made.id)).toMatchObject({ label: '实验小学校长', revokedAt: null });
    tok.integration = (await call('POST', '/api/v1/tokens', HR_TOKEN, { role: 'integration', label: '人事系统' })).json().token;
  });

  it('a principal token needs a school, and only a principal token takes one', async () => {
    expect((await call('POST', '/api/v1/tokens', HR_TOKEN, { role: 'principal', label: 'x' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/tokens', HR_TOKEN, { role: 'hr', schoolId: ids.URB, label: 'x' })).statusCode).toBe(400);
  });

  it('a principal sees their own school and its teachers, and nothing else', async () => {
    const p = tok.principal;
    expect((await call('GET', `/api/v1/schools/${ids.URB}`, p)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/schools/${ids['JH-V']}`, p)).statusCode).toBe(403);
    const schools = (await call('GET', '/api/v1/schools', p)).json().items;
    expect(schools.map((s: { id: string }) => s.id)).toEqual([ids.URB]);
    const teachers = (await call('GET', '/api/v1/teachers?limit=1000', p)).json().items as { schoolId: string; id: string }[];
    expect(teachers).toHaveLength(12);
    expect(teachers.every((x) => x.schoolId === ids.URB)).toBe(true);
    expect((await call('GET', `/api/v1/teachers?schoolId=${ids['JH-V']}`, p)).statusCode).toBe(403);
    const other = (await call('GET', `/api/v1/teachers?schoolId=${ids['JH-V']}`)).json().items[0];
    expect((await call('GET', `/api/v1/teachers/${other.id}`, p)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/teachers/${other.id}/service-records`, p)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/teachers/${teachers[0].id}`, p)).statusCode).toBe(200);
    for (const [m, url] of [['GET', '/api/v1/districts'], ['GET', '/api/v1/tokens'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/export/teachers.csv'], ['PUT', '/api/v1/import'], ['POST', '/api/v1/plans']]) {
      expect((await call(m, url, p, m === 'GET' ? undefined : {})).statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('the integration role imports, reads and exports, but makes no token and no plan', async () => {
    const i = tok.integration;
    expect((await call('PUT', '/api/v1/import', i, tinyCounty())).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/export/teachers.csv', i)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/teachers', i)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/tokens', i, { role: 'hr', label: 'x' })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/plans', i, { year: 2027 })).statusCode).toBe(403);
  });

  it('a revoked token is 401 at once; /healthz needs no token', async () => {
    const made = (await call('POST', '/api/v1/tokens', HR_TOKEN, { role: 'hr', label: '临时' })).json();
    expect((await call('GET', '/api/v1/subjects', made.token)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/tokens/${made.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/subjects', made.token)).statusCode).toBe(401);
    const h = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(h.statusCode).toBe(200);
    expect(h.json().status).toBe('ok');
  });

  it('every write is in the audit log with the label of the token that made it', async () => {
    const entries = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectType: string; actor: string }[];
    expect(entries.some((e) => e.action === 'import' && e.actor === '人事系统')).toBe(true);
    expect(entries.some((e) => e.action === 'create' && e.objectType === 'token')).toBe(true);
    expect(entries.some((e) => e.action === 'revoke' && e.objectType === 'token')).toBe(true);
    const audited = await t.database.db.selectFrom('audit_log').select('detail').execute();
    // no secret in the log
    expect(JSON.stringify(audited)).not.toContain(tok.principal);
  });
});
