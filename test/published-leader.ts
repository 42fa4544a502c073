import { expect, onTestFinished } from 'vitest';
import type { ImportTeacher } from '../src/schemas/master-data.js';
import { aDistrict, anImportSchool, anImportTeacher } from './builders.js';
import { buildFreshTestApp, type TestApp } from './helpers.js';
import { announceAndPublish, caller } from './scenario.js';

/**
 * A county of two schools whose principal has a leader rotation to the other school for `year`,
 * pinned and solved while the service's clock reads `clock.now` (the test moves it), and published
 * before its 1 September: a notice must end by 31 August of the plan's year (#18), so a clock already
 * past that day is set back to June for the 公示 and publishing, then restored.
 */
export async function publishedLeaderRotation(clock: { now: Date }, year: number) {
  const t: TestApp = await buildFreshTestApp({}, { now: () => clock.now });
  onTestFinished(() => t.close());
  const call = caller(t);
  const d = aDistrict();
  const oldSchool = anImportSchool(d.externalId, { locality: 'urban', approvedHeadcount: 30, location: { lat: 23.03, lon: 116.29 } });
  const newSchool = anImportSchool(d.externalId, { locality: 'township', isCentral: true, approvedHeadcount: 30, location: { lat: 23.0, lon: 116.33 } });
  const leader: ImportTeacher = anImportTeacher(oldSchool.externalId, { post: 'principal', postSince: '2015-09-01', schoolSince: '2015-09-01' });
  const body = { districts: [d], schools: [oldSchool, newSchool], teachers: [leader] };
  expect((await call('PUT', '/api/v1/import', body)).statusCode).toBe(200);
  const id = async (ext: string, kind: 'teachers' | 'schools') => (await call('GET', `/api/v1/${kind}?q=${ext}`)).json().items[0].id as string;
  const [leaderId, oldId, newId] = await Promise.all([
    id(leader.externalId, 'teachers'),
    id(oldSchool.externalId, 'schools'),
    id(newSchool.externalId, 'schools'),
  ]);
  const before = (await call('GET', `/api/v1/teachers/${leaderId}`)).json();

  const plan = (await call('POST', '/api/v1/plans', { year, name: 'leader' })).json();
  const pins = await call('PUT', `/api/v1/plans/${plan.id}/pins`, { pin: [{ teacherId: leaderId, toSchoolId: newId, kind: 'leader_rotation' }] });
  expect(pins.statusCode, pins.body).toBe(200);
  const requested = (await call('POST', `/api/v1/plans/${plan.id}/proposals`, {})).json();
  await t.app.solveRunner.idle();
  const at = clock.now;
  if (at >= new Date(`${year}-08-01T00:00:00+08:00`)) clock.now = new Date(`${year}-06-01T03:00:00Z`);
  const published = await announceAndPublish(t, requested.id);
  clock.now = at;
  expect(published.statusCode, published.body).toBe(200);
  return { t, call, body, leader, leaderId, oldId, newId, before, proposalId: requested.id as string };
}
