import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDistrict, anImportSchool, anImportTeacher } from '../builders.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';

/**
 * Pins that `PUT /plans/:id/pins` accepts never make a proposal fail (model.md: a proposal always
 * comes back): a 走教 pin for a teacher with no spare hours, and two leader pins into the same post
 * at one school, end `done` with violations that name the pins.
 */
describe('pins HR may set always give a finished proposal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('a 走教 pin without spare hours and two leader pins into one post: done, each pin named in a violation', async () => {
    const call = (method: string, url: string, payload?: unknown) =>
      t.app.inject({ method: method as 'GET', url, headers: auth(), ...(payload !== undefined ? { payload: payload as object } : {}) });
    const d = aDistrict();
    const town = anImportSchool(d.externalId, { locality: 'urban', approvedHeadcount: 30, location: { lat: 23.03, lon: 116.29 } });
    const central = anImportSchool(d.externalId, {
      locality: 'township',
      isCentral: true,
      location: { lat: 23.0, lon: 116.33 },
      needs: [{ subject: 'music', teachers: 1, weeklyHours: 12 }],
    });
    const village = anImportSchool(d.externalId, { location: { lat: 22.98, lon: 116.36 }, needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] });
    const principal = (school: string) => anImportTeacher(school, { post: 'principal', postSince: '2020-09-01', schoolSince: '2020-09-01' });
    // the busiest music teacher: 20 lessons a week, the most a teacher may reach (maxWeeklyHours)
    const busy = anImportTeacher(central.externalId, { subjects: ['music'], weeklyHours: 20 });
    const [p1, p2] = [principal(town.externalId), principal(village.externalId)];
    expect((await call('PUT', '/api/v1/import', { districts: [d], schools: [town, central, village], teachers: [p1, p2, busy] })).statusCode).toBe(200);
    const id = async (ext: string, kind: 'teachers' | 'schools') => (await call('GET', `/api/v1/${kind}?q=${ext}`)).json().items[0].id as string;
    const [p1Id, p2Id, busyId, centralId, villageId] = await Promise.all([
      id(p1.externalId, 'teachers'),
      id(p2.externalId, 'teachers'),
      id(busy.externalId, 'teachers'),
      id(central.externalId, 'schools'),
      id(village.externalId, 'schools'),
    ]);

    const plan = (await call('POST', '/api/v1/plans', { year: 2027 })).json();
    const pins = await call('PUT', `/api/v1/plans/${plan.id}/pins`, {
      pin: [
        { teacherId: busyId, toSchoolId: villageId, kind: 'itinerant' },
        { teacherId: p1Id, toSchoolId: centralId, kind: 'leader_rotation' },
        { teacherId: p2Id, toSchoolId: centralId, kind: 'leader_rotation' },
      ],
    });
    expect(pins.statusCode).toBe(200);
    const requested = (await call('POST', `/api/v1/plans/${plan.id}/proposals`, {})).json();
    await t.app.solveRunner.idle();
    const proposal = (await call('GET', `/api/v1/proposals/${requested.id}`)).json();
    expect(proposal.status, proposal.error ?? '').toBe('done');
    const violations = (await call('GET', `/api/v1/proposals/${requested.id}/compliance`)).json().violations as {
      rule: string;
      message: string;
      remedy: string;
      pin?: { teacherId: string };
      pins?: { teacherId: string }[];
    }[];
    const naming = (teacherId: string) => violations.filter((v) => v.pin?.teacherId === teacherId || v.pins?.some((p) => p.teacherId === teacherId));
    // the 走教 pin cannot be kept within the teacher's hours: named, with the remedy to remove it
    expect(naming(busyId).length, JSON.stringify(violations)).toBeGreaterThan(0);
    expect(naming(busyId).some((v) => /pin/.test(v.remedy))).toBe(true);
    // one post, two pinned leaders: at least one of the pins is named
    expect(naming(p1Id).length + naming(p2Id).length, JSON.stringify(violations)).toBeGreaterThan(0);
  });
});
