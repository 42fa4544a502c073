import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue #18 point 5: HR's decisions survive master-data deletes. The personnel system (integration
 * token) deleting a teacher or school that an open plan's pins or exclusions name is 409 naming the
 * plan, and the pins stay; a published or archived plan's spent pins go with the object, recorded in
 * the audit log on that plan.
 */
describe("deleting what an open plan's pins or exclusions name", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let integration = '';
  const call = (method: string, url: string, payload?: unknown, token?: string) =>
    t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const pinsOf = async (planId: string) => (await call('GET', `/plans/${planId}/pins`)).json();
  const newSchool = async (externalId: string) => {
    const res = await call('POST', '/schools', {
      externalId,
      code: externalId,
      name: `${externalId}村小`,
      districtId: ids['D-JH'],
      stage: 'primary',
      locality: 'rural',
      approvedHeadcount: 5,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const newTeacher = async (externalId: string) => {
    const res = await call('POST', '/teachers', {
      externalId,
      name: '新教师',
      gender: 'F',
      birthDate: '1990-03-01',
      hireDate: '2012-09-01',
      schoolId: ids.URB,
      schoolSince: '2012-09-01',
      post: 'teacher',
      postSince: '2012-09-01',
      subjects: ['math'],
      stages: ['primary'],
      title: 'second',
      education: 'bachelor',
      established: true,
      weeklyHours: 14,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    expect((await call('PUT', '/import', tinyCounty())).statusCode).toBe(200);
    for (const s of (await call('GET', '/schools')).json().items) ids[s.externalId] = s.id;
    for (const d of (await call('GET', '/districts')).json().items) ids[d.externalId] = d.id;
    for (const x of (await call('GET', '/teachers?limit=100')).json().items) ids[x.externalId] = x.id;
    integration = (await call('POST', '/tokens', { role: 'integration', label: '人事系统' })).json().token;
    ids.pinSchool = await newSchool('PIN-S');
    ids.excludeSchool = await newSchool('EXC-S');
    ids.plan = (await call('POST', '/plans', { year: 2027, name: '县方案' })).json().id;
    const pins = {
      pin: [
        { teacherId: ids.T001, toSchoolId: ids['JH-C'], kind: 'rotation' },
        { teacherId: ids.T002, toSchoolId: ids.pinSchool, kind: 'rotation' },
      ],
      exclude: [{ teacherId: ids.T003 }, { teacherId: ids.T004, toSchoolId: ids.excludeSchool }],
    };
    expect((await call('PUT', `/plans/${ids.plan}/pins`, pins)).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('a pinned teacher: 409 naming the plan (name, year, id); the pin stays', async () => {
    const before = await pinsOf(ids.plan);
    const res = await call('DELETE', `/teachers/${ids.T001}`, undefined, integration);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(res.json().message).toContain(`HR's 1 pin in the open 2027 plan "县方案" (plan ${ids.plan})`);
    expect(res.json().message).toContain('PUT /plans/:id/pins');
    expect(res.json().details).toEqual([{ holder: 'plan_pins', planId: ids.plan, planName: '县方案', year: 2027, pins: 1, exclusions: 0 }]);
    expect(await pinsOf(ids.plan)).toEqual(before);
    expect((await call('GET', `/teachers/${ids.T001}`)).statusCode).toBe(200);
  });

  it('an excluded teacher, and a teacher excluded from one school: 409, the exclusions stay', async () => {
    for (const teacher of [ids.T003, ids.T004]) {
      const res = await call('DELETE', `/teachers/${teacher}`, undefined, integration);
      expect(res.statusCode).toBe(409);
      expect(res.json().details).toEqual([{ holder: 'plan_pins', planId: ids.plan, planName: '县方案', year: 2027, pins: 0, exclusions: 1 }]);
    }
    expect((await pinsOf(ids.plan)).exclude).toHaveLength(2);
  });

  it('a school a pin sends a teacher to, or an exclusion names: 409 naming the plan; the pins stay', async () => {
    const before = await pinsOf(ids.plan);
    const pinned = await call('DELETE', `/schools/${ids.pinSchool}`, undefined, integration);
    expect(pinned.statusCode).toBe(409);
    expect(pinned.json().details).toEqual([{ holder: 'plan_pins', planId: ids.plan, planName: '县方案', year: 2027, pins: 1, exclusions: 0 }]);
    expect(pinned.json().message).toContain(ids.plan);
    const excluded = await call('DELETE', `/schools/${ids.excludeSchool}`, undefined, integration);
    expect(excluded.statusCode).toBe(409);
    expect(excluded.json().details).toEqual([{ holder: 'plan_pins', planId: ids.plan, planName: '县方案', year: 2027, pins: 0, exclusions: 1 }]);
    expect(await pinsOf(ids.plan)).toEqual(before);
    // nothing was written for the refused deletes
    const deletes = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'delete').execute();
    expect(deletes).toEqual([]);
  });

  it("an archived plan's pins no longer hold: the delete goes through, recorded on that plan", async () => {
    const teacher = await newTeacher('NEW-P');
    const school = await newSchool('ARC-S');
    const archived = (await call('POST', '/plans', { year: 2027, name: '旧方案' })).json().id as string;
    expect(
      (await call('PUT', `/plans/${archived}/pins`, { pin: [{ teacherId: teacher, toSchoolId: school, kind: 'rotation' }], exclude: [] })).statusCode,
    ).toBe(200);
    // while the plan is open, it holds both
    expect((await call('DELETE', `/teachers/${teacher}`, undefined, integration)).statusCode).toBe(409);
    expect((await call('PATCH', `/plans/${archived}`, { status: 'archived' })).statusCode).toBe(200);
    expect((await call('DELETE', `/teachers/${teacher}`, undefined, integration)).statusCode).toBe(204);
    expect((await pinsOf(archived)).pin).toEqual([]);
    const audit = (await call('GET', `/audit?objectType=plan&objectId=${archived}&action=pins_dropped`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: '人事系统', detail: { deleted: { type: 'teacher', id: teacher, externalId: 'NEW-P' }, pins: 1, exclusions: 0 } });
    // the open plan's pins were never touched
    expect((await pinsOf(ids.plan)).pin).toHaveLength(2);
  });
});
