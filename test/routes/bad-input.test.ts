import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, countRows, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Each input that used to answer 500 (or a body without `code`) answers a 4xx in the one error
 * body, names the field, leaks no row contents, and writes nothing. Runs on PGlite and, with
 * DATABASE_URL, on PostgreSQL: the database's own refusals differ between the two engines.
 */
describe('bad input that reached the database', () => {
  let t: TestApp;
  let districtId: string;
  let schoolId: string;
  let teacher: { id: string; hireDate: string; schoolSince: string; postSince: string; birthDate: string };
  beforeAll(async () => {
    t = await buildTestApp();
    const imp = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() });
    expect(imp.statusCode).toBe(200);
    districtId = (await t.app.inject({ method: 'GET', url: '/api/v1/districts', headers: auth() })).json().items[0].id;
    teacher = (await t.app.inject({ method: 'GET', url: '/api/v1/teachers?limit=1', headers: auth() })).json().items[0];
    schoolId = (teacher as unknown as { schoolId: string }).schoolId;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends a request; checks the status, the error body, that no row of any table (audit log included) changed. */
  async function rejects(req: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }, status: number, code: string) {
    const before = await countRows(t.database);
    const res = await t.app.inject({
      method: req.method as 'POST',
      url: req.url,
      headers: req.headers ?? auth(),
      ...(req.payload !== undefined ? { payload: req.payload as string } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    const body = res.json();
    expect(body).toMatchObject({ statusCode: status, code });
    expect(Object.keys(body).every((k) => ['statusCode', 'code', 'message', 'details'].includes(k))).toBe(true);
    expect(typeof body.message).toBe('string');
    // PostgreSQL's detail ("Failing row contains (…)", "Key (…)=(…)") carries personal data
    expect(res.body).not.toMatch(/Failing row|Key \(|DETAIL/);
    expect(await countRows(t.database)).toEqual(before);
    return body;
  }
  const fields = (body: { details?: { field?: string }[] }) => (body.details ?? []).map((d) => d.field);

  it('a NUL character in a text field, a filter or a cursor is 400', async () => {
    let body = await rejects(
      { method: 'POST', url: '/api/v1/districts', payload: { externalId: 'NUL', code: 'NUL', name: 'a\u0000b' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(body)).toEqual(['name']);
    body = await rejects({ method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, payload: { name: '张\u0000三' } }, 400, 'VALIDATION_FAILED');
    expect(fields(body)).toEqual(['name']);
    body = await rejects(
      { method: 'PUT', url: '/api/v1/import', payload: { districts: [{ externalId: 'D\u0000', code: 'DX', name: 'x' }] } },
      400,
      'IMPORT_INVALID',
    );
    expect(body.details[0]).toMatchObject({ kind: 'districts', index: 0, field: 'externalId' });
    for (const url of ['/api/v1/teachers?q=a%00b', '/api/v1/schools?q=%00', '/api/v1/districts?q=x%00', '/api/v1/audit?actor=a%00']) {
      body = await rejects({ method: 'GET', url }, 400, 'VALIDATION_FAILED');
      expect(body.details[0].in).toBe('querystring');
    }
    const cursor = Buffer.from(JSON.stringify({ k: 'a\u0000' }), 'utf8').toString('base64url');
    body = await rejects({ method: 'GET', url: `/api/v1/teachers?cursor=${cursor}` }, 400, 'VALIDATION_FAILED');
    expect(fields(body)).toEqual(['cursor']);
    // inside jsonb (plan parameters) PostgreSQL refuses \u0000 with 22P05
    body = await rejects({ method: 'POST', url: '/api/v1/plans', payload: { year: 2027, parameters: { quotaScope: 'a\u0000' } } }, 400, 'VALIDATION_FAILED');
    expect(fields(body)).toEqual(['parameters.quotaScope']);
  });

  it('other control characters are refused; free text keeps newline and tab', async () => {
    await rejects({ method: 'POST', url: '/api/v1/districts', payload: { externalId: 'CTL', code: 'CTL', name: 'a\u001bb' } }, 400, 'VALIDATION_FAILED');
    await rejects({ method: 'POST', url: '/api/v1/districts', payload: { externalId: 'CTL', code: 'CTL', name: 'a\nb' } }, 400, 'VALIDATION_FAILED');
    await rejects({ method: 'POST', url: '/api/v1/tokens', payload: { role: 'integration', label: 'x\u0085y' } }, 400, 'VALIDATION_FAILED');
    // at the end of a value too (the property test's counterexample): a trailing \v or \r is whitespace
    // to trim(), but it is refused, not cut off with the rest written
    await rejects({ method: 'POST', url: '/api/v1/districts', payload: { externalId: 'CTL', code: 'CTL', name: 'T001\u000b' } }, 400, 'VALIDATION_FAILED');
    await rejects({ method: 'POST', url: '/api/v1/tokens', payload: { role: 'integration', label: '人事系统\r' } }, 400, 'VALIDATION_FAILED');
    // an exemption's note is free text: \n and \t are kept
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teachers/${teacher.id}`,
      headers: { ...auth(), 'if-match': '*' },
      payload: { exemptions: [{ reason: 'other', from: '2026-01-01', note: '第一行\n\t第二行' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().exemptions[0].note).toBe('第一行\n\t第二行');
    await rejects(
      { method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, payload: { exemptions: [{ reason: 'other', from: '2026-01-01', note: 'a\u0000' }] } },
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a PATCH of hireDate/postSince that breaks a database CHECK is 400 naming the field', async () => {
    // hireDate after the stored schoolSince: only the merged row shows it, so the database's CHECK refuses it
    let body = await rejects(
      { method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, headers: { ...auth(), 'if-match': '*' }, payload: { hireDate: '2099-01-01' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(body)).toContain('schoolSince');
    expect(body.details[0].constraint).toMatch(/^teachers_check/);
    body = await rejects(
      { method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, headers: { ...auth(), 'if-match': '*' }, payload: { postSince: '1901-01-01' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(body)).toEqual(['postSince']);
    body = await rejects(
      { method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, headers: { ...auth(), 'if-match': '*' }, payload: { birthDate: '2098-01-01' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(body)).toEqual(['hireDate']);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/teachers/${teacher.id}`, headers: auth() })).json();
    expect({ hireDate: after.hireDate, postSince: after.postSince, birthDate: after.birthDate }).toEqual({
      hireDate: teacher.hireDate,
      postSince: teacher.postSince,
      birthDate: teacher.birthDate,
    });
  });

  it('numbers out of range in a query or body are 400', async () => {
    for (const url of [
      '/api/v1/plans?year=99999999999',
      '/api/v1/plans?year=1e400',
      '/api/v1/teachers?offset=100000000000000000000',
      '/api/v1/audit?before=100000000000000000000',
    ]) {
      const body = await rejects({ method: 'GET', url }, 400, 'VALIDATION_FAILED');
      expect(body.details[0].in).toBe('querystring');
    }
    await rejects({ method: 'POST', url: '/api/v1/plans', payload: { year: 2027, parameters: { rotationQuota: 1e300 } } }, 400, 'VALIDATION_FAILED');
    await rejects({ method: 'PATCH', url: `/api/v1/teachers/${teacher.id}`, payload: { weeklyHours: 2 ** 31 } }, 400, 'VALIDATION_FAILED');
    // PostgreSQL has no year 0
    await rejects(
      { method: 'POST', url: `/api/v1/teachers/${teacher.id}/service-records`, payload: { schoolId, from: '0000-01-01' } },
      400,
      'VALIDATION_FAILED',
    );
  });

  it('deleting a district or school that is still referenced is 409 on both engines', async () => {
    // the routes name what holds the object (src/db/holders.ts); the engines' own refusal of the same
    // delete (23503 on PostgreSQL, 23001 on PGlite) is mapped to 409 too (bad-input-db-errors.test.ts)
    let body = await rejects({ method: 'DELETE', url: `/api/v1/districts/${districtId}`, headers: { ...auth(), 'if-match': '*' } }, 409, 'CONFLICT');
    expect(body.message).toMatch(/cannot be deleted/);
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ holder: 'schools' })]));
    body = await rejects({ method: 'DELETE', url: `/api/v1/schools/${schoolId}`, headers: { ...auth(), 'if-match': '*' } }, 409, 'CONFLICT');
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ holder: 'teachers' })]));
  });

  it('a duplicate answers 409 naming the constraint, never the row', async () => {
    const body = await rejects({ method: 'POST', url: '/api/v1/districts', payload: { externalId: 'OTHER', code: 'D-CITY', name: 'x' } }, 409, 'CONFLICT');
    expect(body.details[0]).toEqual({ field: 'code', constraint: 'districts_code_key', message: 'already exists' });
  });

  it('a lone UTF-16 surrogate is 400, not stored as U+FFFD; a surrogate pair is a character', async () => {
    let body = await rejects(
      { method: 'POST', url: '/api/v1/districts', payload: { externalId: 'SUR', code: 'SUR', name: 'x\ud800' } },
      400,
      'VALIDATION_FAILED',
    );
    expect(fields(body)).toEqual(['name']);
    body = await rejects(
      { method: 'PUT', url: '/api/v1/import', payload: { districts: [{ externalId: 'SUR', code: 'SUR', name: '\udc00学区' }] } },
      400,
      'IMPORT_INVALID',
    );
    expect(body.details[0]).toMatchObject({ kind: 'districts', index: 0, field: 'name' });
    // a well-formed pair (𠀀 U+20000, 😀) round-trips, so a second import of the same body changes nothing
    const roster = { districts: [{ externalId: 'PAIR', code: 'PAIR', name: '𠀀学区😀' }] };
    const first = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: roster });
    expect(first.statusCode, first.body).toBe(200);
    const before = await countRows(t.database);
    const again = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: roster });
    expect(again.json().updated.districts).toBe(0);
    expect(again.json().unchanged.districts).toBeGreaterThan(0);
    expect((await countRows(t.database)).audit_log).toBe(before.audit_log + 1);
  });

  it('static files and framework errors answer in the one body with a code', async () => {
    for (const [url, status, code] of [
      ['/..%2fpackage.json', 403, 'FORBIDDEN'],
      ['/x/..%5c..%5cpackage.json', 403, 'FORBIDDEN'],
      ['/%00', 400, 'BAD_REQUEST'],
      ['/%E0%A4%A', 400, 'BAD_URL'],
      ['/api/v1/teachers/%E0%A4%A', 400, 'BAD_URL'],
      ['/no-such-file.js', 404, 'ROUTE_NOT_FOUND'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      const body = res.json();
      expect(body, url).toMatchObject({ statusCode: status, code, message: expect.any(String) });
      expect(Object.keys(body).sort(), url).toEqual(['code', 'message', 'statusCode']);
    }
  });
});
