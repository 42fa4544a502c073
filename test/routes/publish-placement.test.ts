import { describe, expect, it } from 'vitest';
import { publishedLeaderRotation } from '../published-leader.js';
import { principalOf } from '../scenario.js';

/**
 * issue #11 part 1: publishing changes nothing about today. A leader rotation published in
 * November for 1 September next year leaves the teacher where she is until that day; on it, the
 * ledger alone (no batch job) makes her the new school's, and a re-import of the unchanged roster
 * changes nothing.
 */
const YEAR = 2027;

describe('publishing a leader rotation changes nothing about today', () => {
  it('before 1 September the old principal still sees her record unchanged; from that day the new one does', async () => {
    const clock = { now: new Date(`${YEAR - 1}-11-20T03:00:00Z`) };
    const { t, call, leaderId, oldId, newId, before } = await publishedLeaderRotation(clock, YEAR);
    const [oldPrincipal, newPrincipal] = [await principalOf(t, oldId, '老校长'), await principalOf(t, newId, '新校长')];

    // November: her record is what the personnel system wrote, and her placement is the old school
    const now = await call('GET', `/api/v1/teachers/${leaderId}`, undefined, oldPrincipal);
    expect(now.statusCode, now.body).toBe(200);
    const { placement, ...rest } = now.json();
    const { placement: placementBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(placement).toEqual(placementBefore);
    expect(placement).toEqual({ homeSchoolId: oldId, homePost: 'principal', workingSchoolId: oldId, since: '2015-09-01' });
    expect((await call('GET', `/api/v1/teachers/${leaderId}`, undefined, newPrincipal)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/teachers/${leaderId}/service-records`, undefined, newPrincipal)).statusCode).toBe(403);
    // the ledger holds the new post from 1 September, and the old one ends the day before
    const records = (await call('GET', `/api/v1/teachers/${leaderId}/service-records`, undefined, oldPrincipal)).json().items;
    expect(records).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'leader_rotation', schoolId: newId, from: `${YEAR}-09-01`, source: 'plan' })]),
    );

    // 31 August: still the old school's
    clock.now = new Date(`${YEAR}-08-31T12:00:00Z`);
    expect((await call('GET', `/api/v1/teachers/${leaderId}`, undefined, oldPrincipal)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/teachers/${leaderId}`, undefined, newPrincipal)).statusCode).toBe(403);

    // 1 September (China time): the new school's, from the ledger, with no batch job in between
    clock.now = new Date(`${YEAR}-08-31T16:30:00Z`);
    const sept = await call('GET', `/api/v1/teachers/${leaderId}`, undefined, newPrincipal);
    expect(sept.statusCode, sept.body).toBe(200);
    expect(sept.json().placement).toEqual({ homeSchoolId: newId, homePost: 'principal', workingSchoolId: newId, since: `${YEAR}-09-01` });
    expect((await call('GET', `/api/v1/teachers/${leaderId}`, undefined, oldPrincipal)).statusCode).toBe(403);
  });

  it('a re-import of the unchanged roster after publishing changes nothing and lists no conflict', async () => {
    const clock = { now: new Date(`${YEAR - 1}-11-20T03:00:00Z`) };
    const { call, body, leaderId, oldId } = await publishedLeaderRotation(clock, YEAR);
    const again = await call('PUT', '/api/v1/import', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ updated: { teachers: 0 }, unchanged: { teachers: 1 }, conflicts: [] });
    expect((await call('GET', `/api/v1/teachers/${leaderId}`)).json()).toMatchObject({ schoolId: oldId, schoolSince: '2015-09-01' });
  });
});
