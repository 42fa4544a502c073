import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, countRows, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Bad input gets a clear error in the one body of api.md, and writes nothing: every case compares
 * the row counts of every table before and after.
 */
describe('bad input', () => {
  let t: TestApp;
  let small: TestApp;
  let districtId: string;
  let principal: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const imp = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() });
    expect(imp.statusCode).toBe(200);
    districtId = (await t.app.inject({ method: 'GET', url: '/api/v1/districts', headers: auth() })).json().items[0].id;
    const schoolId = (await t.app.inject({ method: 'GET', url: '/api/v1/schools', headers: auth() })).json().items[0].id;
    principal = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(), payload: { role: 'principal', schoolId, label: 'p' } })).json()
      .token;
    small = await buildTestApp({ ROTATION_IMPORT_LIMIT_MB: '1' });
  });
  afterAll(async () => {
    await t?.close();
    await small?.close();
  });

  /** Sends a request, checks the error body, and that no table changed. */
  async function rejects(
    app: TestApp,
    req: { method: string; url: string; payload?: unknown; headers?: Record<string, string> },
    status: number,
    code: string,
  ) {
    const before = await countRows(app.database);
    const res = await app.app.inject({
      method: req.method as 'POST',
      url: req.url,
      headers: req.headers ?? auth(),
      ...(req.payload !== undefined ? { payload: req.payload as string } : {}),
    });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.message).toBe('string');
    expect(await countRows(app.database)).toEqual(before);
    return body;
  }
  const school = (over: Record<string, unknown> = {}) => ({
    externalId: 'NEW',
    code: 'NEW',
    name: '新学校',
    districtId,
    stage: 'primary',
    locality: 'rural',
    approvedHeadcount: 5,
    ...over,
  });
  const importTeacher = (over: Record<string, unknown> = {}) => ({ ...tinyCounty().teachers[0], externalId: 'NEWT', ...over });

  it('an unknown enum value names the field', async () => {
    const body = await rejects(t, { method: 'POST', url: '/api/v1/schools', payload: school({ stage: 'college' }) }, 400, 'VALIDATION_FAILED');
    expect(body.details[0].field).toBe('stage');
    const imp = await rejects(t, { method: 'PUT', url: '/api/v1/import', payload: { teachers: [importTeacher({ gender: 'X' })] } }, 400, 'IMPORT_INVALID');
    expect(imp.details[0]).toMatchObject({ kind: 'teachers', index: 0, field: 'gender' });
  });

  it('a missing required field', async () => {
    const { approvedHeadcount: _, ...noHeadcount } = school();
    const body = await rejects(t, { method: 'POST', url: '/api/v1/schools', payload: noHeadcount }, 400, 'VALIDATION_FAILED');
    expect(body.details.map((d: { field: string }) => d.field)).toContain('approvedHeadcount');
  });

  it('a malformed date: impossible, or in the wrong format', async () => {
    const body = await rejects(
      t,
      {
        method: 'PUT',
        url: '/api/v1/import',
        payload: { teachers: [importTeacher({ birthDate: '2023-02-30' }), importTeacher({ externalId: 'N2', hireDate: '2023/01/01' })] },
      },
      400,
      'IMPORT_INVALID',
    );
    expect(body.details.map((d: { index: number; field: string }) => `${d.index}:${d.field}`)).toEqual(expect.arrayContaining(['0:birthDate', '1:hireDate']));
  });

  it('an end before its start: a service record and an exemption', async () => {
    const teacher = (await t.app.inject({ method: 'GET', url: '/api/v1/teachers?limit=1', headers: auth() })).json().items[0];
    const rec = await rejects(
      t,
      { method: 'POST', url: `/api/v1/teachers/${teacher.id}/service-records`, payload: { schoolId: teacher.schoolId, from: '2020-09-01', to: '2019-08-31' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(rec.details[0].field).toBe('to');
    await rejects(
      t,
      {
        method: 'PUT',
        url: '/api/v1/import',
        payload: { teachers: [importTeacher({ exemptions: [{ reason: 'illness', from: '2027-01-01', to: '2026-01-01' }] })] },
      },
      400,
      'IMPORT_INVALID',
    );
  });

  it('unknown references in an import: every bad row listed in one 400', async () => {
    const body = await rejects(
      t,
      {
        method: 'PUT',
        url: '/api/v1/import',
        payload: {
          schools: [{ ...tinyCounty().schools[0], externalId: 'S-NEW', code: 'S-NEW', districtExternalId: 'NO-SUCH-DISTRICT' }],
          teachers: [
            importTeacher(),
            importTeacher({ externalId: 'B1', schoolExternalId: 'NO-SUCH-SCHOOL' }),
            importTeacher({ externalId: 'B2', title: 'grandmaster' }),
          ],
        },
      },
      400,
      'IMPORT_INVALID',
    );
    const where = body.details.map((d: { kind: string; index: number; field: string }) => `${d.kind}[${d.index}].${d.field}`);
    expect(where).toEqual(expect.arrayContaining(['schools[0].districtExternalId', 'teachers[1].schoolExternalId', 'teachers[2].title']));
    expect(where.filter((w: string) => w.startsWith('teachers[0]'))).toHaveLength(0);
  });

  it('a duplicate externalId inside one import', async () => {
    const body = await rejects(t, { method: 'PUT', url: '/api/v1/import', payload: { teachers: [importTeacher(), importTeacher()] } }, 400, 'IMPORT_INVALID');
    expect(body.details[0]).toMatchObject({ kind: 'teachers', index: 1, field: 'externalId' });
  });

  it('a duplicate code on create is 409', async () => {
    await rejects(t, { method: 'POST', url: '/api/v1/districts', payload: { externalId: 'OTHER', code: 'D-CITY', name: 'x' } }, 409, 'CONFLICT');
    await rejects(t, { method: 'POST', url: '/api/v1/schools', payload: school({ code: 'URB' }) }, 409, 'CONFLICT');
  });

  it('a body over the size limit is 413', async () => {
    const big = { teachers: Array.from({ length: 3000 }, (_, i) => importTeacher({ externalId: `BIG${i}`, name: '很长的名字'.repeat(10) })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
    await rejects(small, { method: 'PUT', url: '/api/v1/import', payload: big }, 413, 'PAYLOAD_TOO_LARGE');
    // every other route keeps the 1 MiB default
    await rejects(
      t,
      { method: 'POST', url: '/api/v1/districts', payload: { externalId: 'X', code: 'X', name: 'x'.repeat(1100 * 1024) } },
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('a non-UUID id in a path is 400, not 500', async () => {
    const body = await rejects(t, { method: 'GET', url: '/api/v1/teachers/12345' }, 400, 'VALIDATION_FAILED');
    expect(body.details[0]).toMatchObject({ in: 'params', field: 'id' });
    await rejects(t, { method: 'DELETE', url: '/api/v1/schools/not-a-uuid' }, 400, 'VALIDATION_FAILED');
  });

  it('a principal writing is 403; no token or an unknown one is 401', async () => {
    await rejects(
      t,
      { method: 'POST', url: '/api/v1/districts', payload: { externalId: 'P', code: 'P', name: 'p' }, headers: auth(principal) },
      403,
      'FORBIDDEN',
    );
    await rejects(t, { method: 'PUT', url: '/api/v1/import', payload: tinyCounty(), headers: auth(principal) }, 403, 'FORBIDDEN');
    await rejects(t, { method: 'GET', url: '/api/v1/teachers', headers: {} }, 401, 'UNAUTHORIZED');
    await rejects(t, { method: 'GET', url: '/api/v1/teachers', headers: auth('rot_not-a-real-token') }, 401, 'UNAUTHORIZED');
  });

  it('malformed JSON is 400', async () => {
    await rejects(
      t,
      { method: 'POST', url: '/api/v1/districts', payload: '{"externalId": ', headers: { ...auth(), 'content-type': 'application/json' } },
      400,
      'INVALID_JSON',
    );
  });

  it('a 500 hides its internals', async () => {
    // a stored plan whose parameters are not an object cannot be read back as one: the error body says only "internal"
    const plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json();
    await t.database.db
      .updateTable('plans')
      .set({ parameters: JSON.stringify('oops') })
      .where('id', '=', plan.id)
      .execute();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/plans/${plan.id}`, headers: auth() });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, code: 'INTERNAL', message: expect.stringMatching(/^Internal error \(request .+\)$/) });
  });
});
