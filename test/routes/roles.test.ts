import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aDistrict, anImportSchool, anImportTeacher, aSchool } from '../builders.js';
import type { TestApp } from '../helpers.js';
import { caller, county, ownApp, TINY_SPEC } from '../scenario.js';

/**
 * Tokens, roles and least privilege (api.md "Access"); every write is audited with the token's
 * label. Each test has an app of its own and makes the tokens and master data it needs.
 */
describe('tokens and roles', () => {
  /** one school (and its district), made by HR; answers the school's id */
  const aSchoolOf = async (t: TestApp) => {
    const call = caller(t);
    const district = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const school = await call('POST', '/api/v1/schools', aSchool(district.id));
    expect(school.statusCode).toBe(201);
    return school.json().id as string;
  };
  /** a roster the personnel system sends: a district, a school and two teachers */
  const aRoster = () => {
    const d = aDistrict();
    const s = anImportSchool(d.externalId);
    return { districts: [d], schools: [s], teachers: [anImportTeacher(s.externalId), anImportTeacher(s.externalId)] };
  };

  it('makes a token once, stores only its hash, and never shows the secret again', async () => {
    const t = await ownApp();
    const call = caller(t);
    const school = await aSchoolOf(t);
    const res = await call('POST', '/api/v1/tokens', { role: 'principal', schoolId: school, label: '实验小学校长' });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ role: 'principal', schoolId: school, label: '实验小学校长' });
    const row = await t.database.db.selectFrom('access_tokens').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(made.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const list = await call('GET', '/api/v1/tokens');
    expect(list.body).not.toContain(made.token);
    expect(list.json().items.find((x: { id: string }) => x.id === made.id)).toMatchObject({ label: '实验小学校长', revokedAt: null });
  });

  it('a principal token needs a school, and only a principal token takes one', async () => {
    const t = await ownApp();
    const call = caller(t);
    const school = await aSchoolOf(t);
    expect((await call('POST', '/api/v1/tokens', { role: 'principal', label: 'x' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/tokens', { role: 'hr', schoolId: school, label: 'x' })).statusCode).toBe(400);
  });

  it('a principal sees their own school and its teachers, and nothing else', async () => {
    const t = await ownApp();
    const call = caller(t);
    const c = await county(t, TINY_SPEC);
    const [, village] = c.receiving;
    const p = (await call('POST', '/api/v1/tokens', { role: 'principal', schoolId: c.sending, label: '实验小学校长' })).json().token;
    expect((await call('GET', `/api/v1/schools/${c.sending}`, undefined, p)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/schools/${village}`, undefined, p)).statusCode).toBe(403);
    const schools = (await call('GET', '/api/v1/schools', undefined, p)).json().items;
    expect(schools.map((s: { id: string }) => s.id)).toEqual([c.sending]);
    const teachers = (await call('GET', '/api/v1/teachers?limit=1000', undefined, p)).json().items as { schoolId: string; id: string }[];
    // the sending school's staff is exactly its eligible teachers
    expect(teachers).toHaveLength(TINY_SPEC.sending.eligible);
    expect(teachers.map((x) => x.id).sort()).toEqual([...c.eligible].sort());
    expect(teachers.every((x) => x.schoolId === c.sending)).toBe(true);
    expect((await call('GET', `/api/v1/teachers?schoolId=${village}`, undefined, p)).statusCode).toBe(403);
    const other = (await call('GET', `/api/v1/teachers?schoolId=${village}`)).json().items[0];
    expect((await call('GET', `/api/v1/teachers/${other.id}`, undefined, p)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/teachers/${other.id}/service-records`, undefined, p)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/teachers/${teachers[0].id}`, undefined, p)).statusCode).toBe(200);
    for (const [m, url] of [
      ['GET', '/api/v1/districts'],
      ['GET', '/api/v1/tokens'],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/export/teachers.csv'],
      ['PUT', '/api/v1/import'],
      ['POST', '/api/v1/plans'],
    ]) {
      expect((await call(m, url, m === 'GET' ? undefined : {}, p)).statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('the integration role imports, reads and exports, but makes no token and no plan', async () => {
    const t = await ownApp();
    const call = caller(t);
    const i = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    expect((await call('PUT', '/api/v1/import', aRoster(), i)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/export/teachers.csv', undefined, i)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/teachers', undefined, i)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/tokens', { role: 'hr', label: 'x' }, i)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/plans', { year: 2027 }, i)).statusCode).toBe(403);
  });

  it('a revoked token is 401 at once; /healthz needs no token', async () => {
    const t = await ownApp();
    const call = caller(t);
    const made = (await call('POST', '/api/v1/tokens', { role: 'hr', label: '临时' })).json();
    expect((await call('GET', '/api/v1/subjects', undefined, made.token)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/tokens/${made.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/subjects', undefined, made.token)).statusCode).toBe(401);
    const h = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(h.statusCode).toBe(200);
    expect(h.json().status).toBe('ok');
  });

  it('every write is in the audit log with the label of the token that made it, and no secret', async () => {
    const t = await ownApp();
    const call = caller(t);
    const integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    expect((await call('PUT', '/api/v1/import', aRoster(), integration)).statusCode).toBe(200);
    const school = (await call('GET', '/api/v1/schools')).json().items[0].id;
    const principal = (await call('POST', '/api/v1/tokens', { role: 'principal', schoolId: school, label: '校长' })).json();
    expect((await call('DELETE', `/api/v1/tokens/${principal.id}`)).statusCode).toBe(204);
    const entries = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectType: string; actor: string }[];
    expect(entries.some((e) => e.action === 'import' && e.actor === '人事系统')).toBe(true);
    expect(entries.some((e) => e.action === 'create' && e.objectType === 'token')).toBe(true);
    expect(entries.some((e) => e.action === 'revoke' && e.objectType === 'token')).toBe(true);
    const audited = JSON.stringify(await t.database.db.selectFrom('audit_log').select('detail').execute());
    // no secret in the log
    expect(audited).not.toContain(principal.token);
    expect(audited).not.toContain(integration);
  });
});
