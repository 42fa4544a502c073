import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageSchema, SubjectSchema } from '../../src/schemas/enums.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue #18 point 6 (the notice and master data's part; plan parameters are test/routes/parameters
 * tests'): only usable values are accepted. A notice ends no later than 31 August of the plan's year
 * and within 30 working days of its first day; school stages and subjects come from the one vocabulary.
 */
describe('the notice period of POST /proposals/:id/announce', () => {
  let t: TestApp;
  let proposalId = '';
  // Tuesday 1 June 2027, China time: the notice runs from Wednesday 2 June
  const start = new Date('2027-06-01T02:00:00Z');
  const announce = (body: object) => t.app.inject({ method: 'POST', url: `/api/v1/proposals/${proposalId}/announce`, headers: auth(), payload: body });
  const announcements = async () => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'announce').execute()).length;
  const refusedOn = async (body: object, field: string, says: RegExp) => {
    const before = await announcements();
    const res = await announce(body);
    expect(res.statusCode, JSON.stringify(body)).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'body', field }] });
    expect(res.json().details[0].message).toMatch(says);
    // nothing written: still done, no announce in the audit log
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${proposalId}`, headers: auth() })).json().status).toBe('done');
    expect(await announcements()).toBe(before);
  };

  beforeAll(async () => {
    t = await buildTestApp({}, { now: () => start });
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() })).statusCode).toBe(200);
    const plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json();
    proposalId = (await t.app.inject({ method: 'POST', url: `/api/v1/plans/${plan.id}/proposals`, headers: auth(), payload: {} })).json().id;
    await t.app.solveRunner.idle();
  });
  afterAll(async () => t?.close());

  it('a notice past 31 August of the plan year is 400 naming noticeUntil', async () => {
    await refusedOn({ noticeUntil: '2999-12-31' }, 'noticeUntil', /2027-08-31 or earlier.*2027-09-01/);
    await refusedOn({ noticeUntil: '2027-09-01' }, 'noticeUntil', /2027-08-31 or earlier/);
  });

  it('a notice longer than 30 working days is 400 naming noticeUntil; the 30th working day is accepted', async () => {
    // working days from Wednesday 2 June: the 30th is Tuesday 13 July
    await refusedOn({ noticeUntil: '2027-07-14' }, 'noticeUntil', /2027-07-13 or earlier.*30 working days from 2027-06-02/);
    const res = await announce({ noticeUntil: '2027-07-13' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'announced', notice: { from: '2027-06-02', until: '2027-07-13' } });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${proposalId}/withdraw`, headers: auth() })).statusCode).toBe(200);
  });

  it('announced late in August: five working days that run into September are refused, naming what was given', async () => {
    // Friday 27 August 2027
    t.clock.offsetMs = new Date('2027-08-27T02:00:00Z').getTime() - start.getTime();
    await refusedOn({}, 'noticeUntil', /2027-08-31 or earlier/);
    await refusedOn({ noticeWorkingDays: 3 }, 'noticeWorkingDays', /2027-08-31 or earlier/);
    const res = await announce({ noticeUntil: '2027-08-31' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'announced', notice: { from: '2027-08-28', until: '2027-08-31' } });
  });
});

describe('school stages and subjects come from the one vocabulary', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: auth(), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    expect((await call('PUT', '/import', tinyCounty())).statusCode).toBe(200);
    for (const s of (await call('GET', '/schools')).json().items) ids[s.externalId] = s.id;
    for (const x of (await call('GET', '/teachers?limit=1')).json().items) ids.teacher = x.id;
  });
  afterAll(async () => t?.close());

  it('the schemas accept exactly the codes GET /vocabulary and GET /subjects list', async () => {
    const vocabulary = (await call('GET', '/vocabulary')).json();
    expect(vocabulary.enums.stage.map((l: { code: string }) => l.code)).toEqual(StageSchema.options);
    const subjects = (await call('GET', '/subjects?limit=100')).json().items.map((s: { code: string }) => s.code);
    expect([...subjects].sort()).toEqual([...SubjectSchema.options].sort());
  });

  it('an unknown stage or subject is 400 naming the field, on a school, a teacher and an import; nothing is written', async () => {
    const refused = async (res: { statusCode: number; json(): { details: { field: string }[] } }, field: string) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().details.map((d) => d.field)).toContain(field);
    };
    await refused(await call('PATCH', `/schools/${ids.URB}`, { stage: 'galaxy' }), 'stage');
    await refused(await call('PATCH', `/schools/${ids.URB}`, { needs: [{ subject: 'astrology', teachers: 1, weeklyHours: 10 }] }), 'needs[0].subject');
    await refused(await call('PATCH', `/teachers/${ids.teacher}`, { subjects: ['astrology'] }), 'subjects[0]');
    await refused(await call('PATCH', `/teachers/${ids.teacher}`, { stages: ['galaxy'] }), 'stages[0]');
    const county = tinyCounty();
    county.teachers[0].subjects = ['astrology'];
    county.schools[0].stage = 'galaxy' as never;
    const res = await call('PUT', '/import', county);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toMatch(/subjects/);
    expect(JSON.stringify(res.json().details)).toMatch(/stage/);
    const school = (await call('GET', `/schools/${ids.URB}`)).json();
    expect(school.stage).toBe('primary');
    expect((await call('GET', `/teachers/${ids.teacher}`)).json().subjects).toEqual(['math']);
  });
});
