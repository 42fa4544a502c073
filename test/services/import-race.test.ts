import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, countRows, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue 9 §6: 20 concurrent overlapping imports that add one new district once answered 9 × 409
 * (districts_external_id_key) on PostgreSQL. An idempotent import is safe to race and to retry:
 * imports are serialised, so all 20 succeed and the database equals one import.
 */
describe('racing imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const first = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() });
    expect(first.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('20 concurrent imports adding the same district, school and teacher all answer 200; the result equals one import', async () => {
    const county = tinyCounty();
    county.districts.push({ externalId: 'D-NEW', code: 'D-NEW', name: '新学区' });
    county.schools.push({ ...county.schools[2]!, externalId: 'NEW-S', code: 'NEW-S', name: '新村小', districtExternalId: 'D-NEW' });
    county.teachers.push({ ...county.teachers[0]!, externalId: 'T-NEW', name: '新教师', schoolExternalId: 'NEW-S' });
    const before = await countRows(t.database);

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const results = answers.map((a) => a.json());
    const sum = (kind: 'created' | 'updated' | 'unchanged', of: 'districts' | 'schools' | 'teachers') => results.reduce((n, r) => n + r[kind][of], 0);
    // exactly one import created the new objects; every other one found them unchanged
    expect([sum('created', 'districts'), sum('created', 'schools'), sum('created', 'teachers')]).toEqual([1, 1, 1]);
    expect([sum('updated', 'districts'), sum('updated', 'schools'), sum('updated', 'teachers')]).toEqual([0, 0, 0]);
    for (const r of results) {
      expect(r.created.districts + r.unchanged.districts).toBe(county.districts.length);
      expect(r.created.teachers + r.unchanged.teachers).toBe(county.teachers.length);
    }
    const after = await countRows(t.database);
    expect(after).toEqual({
      ...before,
      districts: before.districts! + 1,
      schools: before.schools! + 1,
      school_needs: before.school_needs! + 1,
      teachers: before.teachers! + 1,
      audit_log: before.audit_log! + 20,
    });

    // and a retry of the same body changes nothing
    const retry = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county });
    expect(retry.json().unchanged).toEqual({ districts: county.districts.length, schools: county.schools.length, teachers: county.teachers.length });
  });
});
