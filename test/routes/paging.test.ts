import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * One paging convention (api.md): every list of the OpenAPI document answers {items, nextCursor},
 * and following nextCursor page by page yields exactly the list, once each, in order.
 */
describe('paging: every list of the API, walked to its end', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const call = async (url: string, token?: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: auth(token) });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const county = tinyCounty();
    // a teacher with a ledger of three records, so the service-record list has pages
    county.teachers[0].serviceRecords = [
      { schoolExternalId: 'JH-V', kind: 'regular', from: '2008-09-01', to: '2010-08-31' },
      { schoolExternalId: 'JH-C', kind: 'regular', from: '2010-09-01', to: '2012-08-31' },
      { schoolExternalId: 'URB', kind: 'regular', from: '2012-09-01', to: null },
    ];
    // two exempt vice-principals past R08's 12 years, so the exceptions list (Q12) has pages
    for (const n of [1, 2])
      county.teachers.push({
        ...county.teachers[0],
        externalId: `VP-EXEMPT-${n}`,
        serviceRecords: [],
        post: 'vice_principal',
        postSince: '2012-09-01',
        exemptions: [{ reason: 'illness', from: '2026-03-01', to: null, note: null }],
      });
    const post = (url: string, payload: unknown, token?: string) =>
      t.app.inject({ method: url.endsWith('import') ? 'PUT' : 'POST', url, headers: auth(token), payload: payload as object });
    expect((await post('/api/v1/import', county)).statusCode).toBe(200);
    for (const s of (await call('/api/v1/schools')).items) ids[s.externalId] = s.id;
    ids.district = (await call('/api/v1/districts')).items[0].id;
    ids.teacher = (await call('/api/v1/teachers?limit=1')).items[0].id;
    const principal = (await post('/api/v1/tokens', { role: 'principal', schoolId: ids.URB, label: '校长' })).json().token;
    await post('/api/v1/tokens', { role: 'integration', label: '人事系统' });
    // people's accounts (#22): the accounts list pages like the others
    await post('/api/v1/accounts', { username: 'renshi', displayName: '人事股管理员', role: 'hr' });
    await post('/api/v1/accounts', { username: 'URB', displayName: '校长', role: 'principal', schoolId: ids.URB });
    ids.plan = (await post('/api/v1/plans', { year: 2027, name: 'a' })).json().id;
    await post('/api/v1/plans', { year: 2028, name: 'b' });
    for (let i = 0; i < 2; i++) {
      ids.proposal = (await post(`/api/v1/plans/${ids.plan}/proposals`, {})).json().id;
      await t.app.solveRunner.idle();
    }
    const lines = (await call(`/api/v1/proposals/${ids.proposal}/lines?schoolId=${ids.URB}`)).items as { id: string }[];
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines.slice(0, 2)) {
      expect((await post(`/api/v1/proposals/${ids.proposal}/lines/${l.id}/review`, { decision: 'object', comment: '请再议' }, principal)).statusCode).toBe(200);
    }
    ids.against = (await call(`/api/v1/plans/${ids.plan}/proposals`)).items[1].id;
  });
  afterAll(async () => t?.close());

  it('every GET list walks to its end with limit=1, equal to one big page, and offset stays an alias', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> }>>;
    };
    const lists: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const ok = methods.get?.responses['200']?.content?.['application/json']?.schema;
      if (!path.startsWith('/api/v1/') || !ok?.properties?.items) continue;
      // a list answers {items, nextCursor}: no list may page without saying whether there is more
      expect(Object.keys(ok.properties), path).toContain('nextCursor');
      lists.push(path);
    }
    expect(lists.length).toBeGreaterThanOrEqual(11);
    const real: Record<string, string> = { districts: ids.district, schools: ids.URB, teachers: ids.teacher, plans: ids.plan, proposals: ids.proposal };
    for (const path of lists) {
      const url = path.replace(/\/(\w+)\/\{id\}/g, (_, kind: string) => `/${kind}/${real[kind]}`);
      const whole = (await call(`${url}?limit=1000`)).items as unknown[];
      expect(whole.length, `${url} needs at least two items for this test`).toBeGreaterThanOrEqual(2);
      const walked: unknown[] = [];
      let cursor: string | null = null;
      for (let pages = 0; ; pages++) {
        expect(pages, `${url} does not end`).toBeLessThan(whole.length + 1);
        const page: { items: unknown[]; nextCursor: string | null; hasMore?: boolean } = await call(
          `${url}?limit=1${cursor ? `&${url.endsWith('/changes') ? 'after' : 'cursor'}=${encodeURIComponent(cursor)}` : ''}`,
        );
        walked.push(...page.items);
        // the change feed (#23) reads from `after` and always answers a cursor to follow from later; `hasMore`
        // says whether to read on now
        if (page.nextCursor === null || page.hasMore === false) break;
        cursor = page.nextCursor;
      }
      expect(walked, url).toEqual(whole);
    }
    // offset is kept as an alias where it was: the second item of the lines
    const lines = (await call(`/api/v1/proposals/${ids.proposal}/lines?limit=1000`)).items;
    expect((await call(`/api/v1/proposals/${ids.proposal}/lines?limit=1&offset=1`)).items).toEqual([lines[1]]);
    // a client reading part of a long list is told there is more
    expect((await call(`/api/v1/proposals/${ids.proposal}/lines?limit=1`)).nextCursor).not.toBeNull();
  });

  it('a cursor this service did not make is 400 in the one error body', async () => {
    for (const url of [`/api/v1/proposals/${ids.proposal}/lines?cursor=bm9wZQ`, '/api/v1/audit?cursor=eyJrIjoiYWJjIn0', '/api/v1/teachers?cursor=x']) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth() });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'cursor' }] });
    }
  });
});
