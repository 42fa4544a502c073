import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDistrict, anImportSchool, anImportTeacher, aSchool, aTeacher } from '../builders.js';
import { auth, buildTestApp, countRows, type TestApp } from '../helpers.js';

/**
 * Master data as the personnel system writes it: each write succeeds, reads back as written,
 * and is audited with the object's id. Each test builds its own state.
 */
describe('master data: successful writes', () => {
  let t: TestApp;
  let integration: string;
  const call = (method: string, url: string, payload?: unknown, token?: string) =>
    t.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const audited = async (objectId: string) =>
    ((await call('GET', `/api/v1/audit?objectId=${objectId}`)).json().items as { action: string; actor: string }[]).map((e) => `${e.action}:${e.actor}`);

  beforeAll(async () => {
    t = await buildTestApp();
    integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
  });
  afterAll(async () => t?.close());

  it('a district is created, read, renamed and audited', async () => {
    const body = aDistrict();
    const made = await call('POST', '/api/v1/districts', body, integration);
    expect(made.statusCode).toBe(201);
    const d = made.json();
    expect(d).toMatchObject(body);
    expect((await call('GET', `/api/v1/districts/${d.id}`)).json()).toEqual(d);
    const renamed = await call('PATCH', `/api/v1/districts/${d.id}`, { name: '靖海镇学区' }, integration);
    expect(renamed.json()).toEqual({ ...d, name: '靖海镇学区' });
    expect((await call('GET', `/api/v1/districts?q=${encodeURIComponent('靖海')}`)).json().items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await audited(d.id)).sort()).toEqual(['create:人事系统', 'update:人事系统']);
  });

  it('a school with needs, a pairing and a location reads back as written; a patch replaces its needs', async () => {
    const district = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const partner = (await call('POST', '/api/v1/schools', aSchool(district.id, { locality: 'rural' }))).json();
    const body = aSchool(district.id, {
      isHighQuality: true,
      pairedSchoolIds: [partner.id],
      needs: [
        { subject: 'music', teachers: 2, weeklyHours: 16 },
        { subject: 'math', teachers: 6, weeklyHours: 84 },
      ],
    });
    const made = await call('POST', '/api/v1/schools', body, integration);
    expect(made.statusCode).toBe(201);
    const s = made.json();
    expect(s).toMatchObject({
      ...body,
      needs: [
        { subject: 'math', teachers: 6, weeklyHours: 84 },
        { subject: 'music', teachers: 2, weeklyHours: 16 },
      ],
    });
    // a pairing shows on both schools
    expect((await call('GET', `/api/v1/schools/${partner.id}`)).json().pairedSchoolIds).toEqual([s.id]);
    const patched = await call(
      'PATCH',
      `/api/v1/schools/${s.id}`,
      { needs: [{ subject: 'pe', teachers: 1, weeklyHours: 12 }], approvedHeadcount: 45 },
      integration,
    );
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ needs: [{ subject: 'pe', teachers: 1, weeklyHours: 12 }], approvedHeadcount: 45, pairedSchoolIds: [partner.id] });
    expect((await call('GET', `/api/v1/schools/${s.id}`)).json()).toEqual(patched.json());
    expect((await audited(s.id)).sort()).toEqual(['create:人事系统', 'update:人事系统']);
  });

  it("a school's leadership posts (H10) read back as written, null when absent; a patch changes or clears them; an import updates them", async () => {
    const district = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const plain = (await call('POST', '/api/v1/schools', aSchool(district.id), integration)).json();
    expect(plain.leaderPosts).toBeNull();
    const posts = { principal: 1, partySecretary: 1, vicePrincipals: 2 };
    const made = await call('POST', '/api/v1/schools', aSchool(district.id, { leaderPosts: posts }), integration);
    expect(made.statusCode).toBe(201);
    expect(made.json().leaderPosts).toEqual(posts);
    expect((await call('GET', `/api/v1/schools/${made.json().id}`)).json().leaderPosts).toEqual(posts);
    const patched = await call('PATCH', `/api/v1/schools/${made.json().id}`, { leaderPosts: { ...posts, vicePrincipals: 3 } }, integration);
    expect(patched.json().leaderPosts).toEqual({ ...posts, vicePrincipals: 3 });
    // a patch without the field leaves it; null clears it
    expect((await call('PATCH', `/api/v1/schools/${made.json().id}`, { approvedHeadcount: 41 }, integration)).json().leaderPosts).toEqual({
      ...posts,
      vicePrincipals: 3,
    });
    expect((await call('PATCH', `/api/v1/schools/${made.json().id}`, { leaderPosts: null }, integration)).json().leaderPosts).toBeNull();
    // a school has one principal post or none
    expect((await call('POST', '/api/v1/schools', aSchool(district.id, { leaderPosts: { ...posts, principal: 2 } }), integration)).statusCode).toBe(400);

    const d = aDistrict();
    const school = anImportSchool(d.externalId, { leaderPosts: posts });
    const put = (b: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: b as object });
    expect((await put({ districts: [d], schools: [school] })).statusCode).toBe(200);
    const find = async () => (await call('GET', `/api/v1/schools?q=${school.externalId}`)).json().items[0].leaderPosts;
    expect(await find()).toEqual(posts);
    expect((await put({ districts: [d], schools: [school] })).json().unchanged.schools).toBe(1);
    expect((await put({ districts: [d], schools: [{ ...school, leaderPosts: { ...posts, partySecretary: 0 } }] })).json().updated.schools).toBe(1);
    expect(await find()).toEqual({ ...posts, partySecretary: 0 });
  });

  it('a teacher with an exemption and preferences reads back as written; a patch and a ledger record are kept', async () => {
    const district = (await call('POST', '/api/v1/districts', aDistrict())).json();
    const home = (await call('POST', '/api/v1/schools', aSchool(district.id))).json();
    const village = (await call('POST', '/api/v1/schools', aSchool(district.id, { locality: 'rural' }))).json();
    const body = aTeacher(home.id, {
      backbone: 'county',
      exemptions: [{ reason: 'illness', from: '2027-03-01', to: '2027-12-31', note: '医院证明' }],
      preferences: { schoolIds: [village.id], maxKm: 30 },
      seniorTitleApplicationYear: 2029,
    });
    const made = await call('POST', '/api/v1/teachers', body, integration);
    expect(made.statusCode).toBe(201);
    const x = made.json();
    expect(x).toMatchObject(body);
    // GET adds the placement today: with no ledger, the school the row names (issue #11)
    expect((await call('GET', `/api/v1/teachers/${x.id}`)).json()).toEqual({
      ...x,
      placement: { homeSchoolId: x.schoolId, homePost: x.post, workingSchoolId: x.schoolId, since: x.schoolSince },
    });
    const patched = await call('PATCH', `/api/v1/teachers/${x.id}`, { subjects: ['math', 'music'], status: 'on_leave', exemptions: [] }, integration);
    expect(patched.json()).toEqual({ ...x, subjects: ['math', 'music'], status: 'on_leave', exemptions: [] });
    // the ledger: R11 counts the school's class at the time; without word, today's class is assumed
    const rec = await call('POST', `/api/v1/teachers/${x.id}/service-records`, { schoolId: village.id, from: '2010-09-01', to: '2012-08-31' }, integration);
    expect(rec.statusCode).toBe(201);
    expect(rec.json()).toMatchObject({ schoolId: village.id, kind: 'regular', ruralAtTheTime: true, source: 'api' });
    expect((await call('GET', `/api/v1/teachers/${x.id}/service-records`)).json().items).toEqual([rec.json()]);
    expect((await audited(x.id)).sort()).toEqual(['create:人事系统', 'update:人事系统']);
  });
});

describe('import: idempotent, and says what it changed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('the same body twice changes nothing the second time; one changed teacher is one update', async () => {
    const d = aDistrict();
    const town = anImportSchool(d.externalId, { locality: 'urban', approvedHeadcount: 40 });
    const village = anImportSchool(d.externalId, { pairedSchoolExternalIds: [town.externalId] });
    const teachers = [
      anImportTeacher(town.externalId, { serviceRecords: [{ schoolExternalId: village.externalId, from: '2009-09-01', to: '2014-08-31' }] }),
      anImportTeacher(town.externalId, { exemptions: [{ reason: 'maternity', from: '2027-06-01', to: '2028-03-01', note: null }] }),
      anImportTeacher(village.externalId, { preferences: { schoolExternalIds: [town.externalId], maxKm: 25 } }),
    ];
    const body = { districts: [d], schools: [town, village], teachers };
    const put = (b: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: b as object });

    const first = await put(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      created: { districts: 1, schools: 2, teachers: 3 },
      updated: { districts: 0, schools: 0, teachers: 0 },
      unchanged: { districts: 0, schools: 0, teachers: 0 },
      conflicts: [],
      stale: [],
      placementsAccepted: false,
    });
    const after = await countRows(t.database);
    const second = await put(body);
    expect(second.json()).toEqual({
      created: { districts: 0, schools: 0, teachers: 0 },
      updated: { districts: 0, schools: 0, teachers: 0 },
      unchanged: { districts: 1, schools: 2, teachers: 3 },
      conflicts: [],
      stale: [],
      placementsAccepted: false,
    });
    const { audit_log: _a, ...data } = await countRows(t.database);
    const { audit_log: _b, ...dataBefore } = after;
    expect(data).toEqual(dataBefore);

    const changed = { ...body, teachers: [{ ...teachers[0], weeklyHours: 16 }, teachers[1], teachers[2]] };
    expect((await put(changed)).json()).toMatchObject({
      updated: { districts: 0, schools: 0, teachers: 1 },
      unchanged: { districts: 1, schools: 2, teachers: 2 },
    });
    // the teacher's imported ledger is kept when the body carries the same records
    const id = (await t.app.inject({ method: 'GET', url: `/api/v1/teachers?q=${teachers[0].externalId}`, headers: auth() })).json().items[0].id;
    const records = (await t.app.inject({ method: 'GET', url: `/api/v1/teachers/${id}/service-records`, headers: auth() })).json().items;
    expect(records).toEqual([expect.objectContaining({ from: '2009-09-01', to: '2014-08-31', ruralAtTheTime: true, source: 'import' })]);
  });
});
