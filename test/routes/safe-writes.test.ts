import { describe, expect, it } from 'vitest';
import { aDistrict, anImportSchool, anImportTeacher, aSchool, aTeacher } from '../builders.js';
import { auth } from '../helpers.js';
import { caller, ownApp } from '../scenario.js';

/** Issue #23, api.md "Writing safely over the network": ETag on master data, If-Match on people's writes. */
describe('ETag and If-Match on master data', { timeout: 300_000 }, () => {
  it('GET answers the version as ETag; a person (hr) must send If-Match (428), a stale one is 412; integration may omit it', async () => {
    const t = await ownApp();
    const call = caller(t);
    const integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    const d = await call('POST', '/api/v1/districts', aDistrict());
    expect(d.headers.etag).toBe('"1"');
    const s = (await call('POST', '/api/v1/schools', aSchool(d.json().id))).json();
    const x = (await call('POST', '/api/v1/teachers', aTeacher(s.id))).json();
    const read = await call('GET', `/api/v1/teachers/${x.id}`);
    expect(read.headers.etag).toBe('"1"');

    const missing = await call('PATCH', `/api/v1/teachers/${x.id}`, { name: '甲' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ statusCode: 428, code: 'PRECONDITION_REQUIRED' });

    const patch = (name: string, etag: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/teachers/${x.id}`, headers: { ...auth(), 'if-match': etag }, payload: { name } });
    const ok = await patch('乙', read.headers.etag as string);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await patch('丙', read.headers.etag as string);
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ statusCode: 412, code: 'PRECONDITION_FAILED' });
    expect((await call('GET', `/api/v1/teachers/${x.id}`)).json().name).toBe('乙');
    // a weak tag never matches for If-Match (RFC 9110 strong comparison)
    expect((await patch('丁', 'W/"2"')).statusCode).toBe(412);

    // the personnel system may write without If-Match
    expect((await call('PATCH', `/api/v1/teachers/${x.id}`, { name: '戊' }, integration)).statusCode).toBe(200);
    // a stale DELETE is refused, and the teacher stays
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/teachers/${x.id}`, headers: { ...auth(), 'if-match': '"2"' } });
    expect(del.statusCode).toBe(412);
    expect((await call('GET', `/api/v1/teachers/${x.id}`)).statusCode).toBe(200);
    const etag = (await call('GET', `/api/v1/teachers/${x.id}`)).headers.etag as string;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/teachers/${x.id}`, headers: { ...auth(), 'if-match': etag } })).statusCode).toBe(204);
  });

  it('two writers with the same ETag: exactly one succeeds, the other gets 412', async () => {
    const t = await ownApp();
    const call = caller(t);
    const d = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const s = await call('GET', `/api/v1/schools`);
    expect(s.statusCode).toBe(200);
    const school = await call('POST', '/api/v1/schools', aSchool(d.id));
    const etag = school.headers.etag as string;
    const write = (approvedHeadcount: number) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/schools/${school.json().id}`, headers: { ...auth(), 'if-match': etag }, payload: { approvedHeadcount } });
    const answers = await Promise.all([write(41), write(42)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().approvedHeadcount;
    expect((await call('GET', `/api/v1/schools/${school.json().id}`)).json().approvedHeadcount).toBe(winner);
  });

  it('PUT /import: a row older (sourceUpdatedAt) than the stored one is not applied and is listed as stale', async () => {
    const t = await ownApp();
    const call = caller(t);
    const d = aDistrict();
    const school = anImportSchool(d.externalId);
    const teacher = anImportTeacher(school.externalId, { name: '新名', sourceUpdatedAt: '2026-05-02T10:00:00+08:00' } as object);
    const first = await call('PUT', '/api/v1/import', { districts: [d], schools: [school], teachers: [teacher] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().stale).toEqual([]);

    // a late retry of an older export: not applied
    const late = await call('PUT', '/api/v1/import', { teachers: [{ ...teacher, name: '旧名', sourceUpdatedAt: '2026-05-01T10:00:00+08:00' }] });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().stale).toEqual([
      {
        kind: 'teachers',
        index: 0,
        externalId: teacher.externalId,
        sourceUpdatedAt: '2026-05-01T10:00:00+08:00',
        storedSourceUpdatedAt: '2026-05-02T02:00:00.000Z',
      },
    ]);
    expect(late.json().updated.teachers).toBe(0);
    const id = (await call('GET', `/api/v1/teachers?q=${teacher.externalId}`)).json().items[0].id;
    expect((await call('GET', `/api/v1/teachers/${id}`)).json().name).toBe('新名');

    // a newer one is applied
    const newer = await call('PUT', '/api/v1/import', { teachers: [{ ...teacher, name: '更新', sourceUpdatedAt: '2026-05-03T10:00:00+08:00' }] });
    expect(newer.json()).toMatchObject({ stale: [], updated: { teachers: 1 } });
    expect((await call('GET', `/api/v1/teachers/${id}`)).json().name).toBe('更新');
  });
});
