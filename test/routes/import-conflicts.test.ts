import { describe, expect, it } from 'vitest';
import { countRows } from '../helpers.js';
import { publishedLeaderRotation } from '../published-leader.js';
import { principalOf } from '../scenario.js';

/**
 * issue #11 part 1: an import from the personnel system never overwrites a placement a published
 * plan wrote. It lists the conflict and keeps the ledger's; HR alone may accept the personnel
 * version (acceptPersonnelPlacement=true), which appends a regular record from today, audited.
 */
const YEAR = 2027;

describe('an import that contradicts a published plan', () => {
  it('after 1 September: the personnel row back at the old school as vice principal is listed, the ledger kept, the rest stored', async () => {
    const clock = { now: new Date(`${YEAR}-10-10T03:00:00Z`) };
    const { call, body, leader, leaderId, oldId, newId } = await publishedLeaderRotation(clock, YEAR);
    const stale = { ...leader, name: '改名了', post: 'vice_principal' as const, postSince: `${YEAR}-09-01`, schoolSince: `${YEAR}-09-01` };
    const res = await call('PUT', '/api/v1/import', { ...body, teachers: [stale] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().placementsAccepted).toBe(false);
    expect(res.json().conflicts).toEqual([
      {
        teacherId: leaderId,
        externalId: leader.externalId,
        personnel: { schoolId: oldId, post: 'vice_principal' },
        ledger: { schoolId: newId, post: 'principal', from: `${YEAR}-09-01` },
      },
    ]);
    const teacher = (await call('GET', `/api/v1/teachers/${leaderId}`)).json();
    // personal data as given; school and post as before; the placement still the plan's
    expect(teacher).toMatchObject({ name: '改名了', schoolId: oldId, post: 'principal', postSince: '2015-09-01', schoolSince: '2015-09-01' });
    expect(teacher.placement).toEqual({ homeSchoolId: newId, homePost: 'principal', workingSchoolId: newId, since: `${YEAR}-09-01` });
    // the same body again: nothing to write, the conflict still listed
    const again = (await call('PUT', '/api/v1/import', { ...body, teachers: [stale] })).json();
    expect(again).toMatchObject({ unchanged: { teachers: 1 }, updated: { teachers: 0 } });
    expect(again.conflicts).toHaveLength(1);
  });

  it('before 1 September: a personnel system that moves her early does not take her from the old principal', async () => {
    const clock = { now: new Date(`${YEAR - 1}-12-01T03:00:00Z`) };
    const { t, call, body, leader, leaderId, oldId, newId } = await publishedLeaderRotation(clock, YEAR);
    const early = { ...leader, schoolExternalId: body.schools[1].externalId, schoolSince: `${YEAR}-09-01`, postSince: `${YEAR}-09-01` };
    const res = (await call('PUT', '/api/v1/import', { ...body, teachers: [early] })).json();
    expect(res.conflicts).toEqual([
      expect.objectContaining({
        teacherId: leaderId,
        personnel: { schoolId: newId, post: 'principal' },
        ledger: { schoolId: oldId, post: 'principal', from: '2015-09-01' },
      }),
    ]);
    const oldPrincipal = await principalOf(t, oldId, '老校长');
    const seen = await call('GET', `/api/v1/teachers/${leaderId}`, undefined, oldPrincipal);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().placement).toMatchObject({ homeSchoolId: oldId, workingSchoolId: oldId });
  });

  it('acceptPersonnelPlacement=true: hr takes the personnel version from today, one audit entry names the teachers; integration may not', async () => {
    const clock = { now: new Date(`${YEAR}-10-10T03:00:00Z`) };
    const { t, call, body, leader, leaderId, oldId } = await publishedLeaderRotation(clock, YEAR);
    const stale = { ...leader, post: 'vice_principal' as const, postSince: `${YEAR}-09-01`, schoolSince: `${YEAR}-09-01` };
    const integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    const rowsBefore = await countRows(t.database);
    const refused = await call('PUT', '/api/v1/import?acceptPersonnelPlacement=true', { ...body, teachers: [stale] }, integration);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await countRows(t.database)).toEqual(rowsBefore);
    expect((await call('PUT', '/api/v1/import?acceptPersonnelPlacement=yes', { ...body, teachers: [stale] })).statusCode).toBe(400);

    const res = await call('PUT', '/api/v1/import?acceptPersonnelPlacement=true', { ...body, teachers: [stale] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placementsAccepted: true, conflicts: [expect.objectContaining({ teacherId: leaderId })] });
    const teacher = (await call('GET', `/api/v1/teachers/${leaderId}`)).json();
    expect(teacher).toMatchObject({ schoolId: oldId, post: 'vice_principal', postSince: `${YEAR}-09-01` });
    expect(teacher.placement).toMatchObject({ homeSchoolId: oldId, homePost: 'vice_principal', workingSchoolId: oldId });
    const records = (await call('GET', `/api/v1/teachers/${leaderId}/service-records`)).json().items;
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'leader_rotation', source: 'plan' }),
        expect.objectContaining({ kind: 'regular', schoolId: oldId, post: 'vice_principal', from: `${YEAR}-10-10`, to: null, source: 'import' }),
      ]),
    );
    const audit = (await call('GET', '/api/v1/audit?action=accept_personnel_placement')).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({
      from: `${YEAR}-10-10`,
      teachers: [expect.objectContaining({ teacherId: leaderId, externalId: leader.externalId })],
    });
    // settled: the same roster again is no conflict
    const again = (await call('PUT', '/api/v1/import', { ...body, teachers: [stale] })).json();
    expect(again).toMatchObject({ conflicts: [], placementsAccepted: false });
  });
});
