import { describe, expect, it } from 'vitest';
import { placementOn } from '../../solver/placement.js';
import { teacher } from './fixtures.js';

/** issue #11: HR accepting the personnel system's placement appends a regular record; the latest-starting record decides. */
describe('placement: a regular record after a leader rotation', () => {
  const rotated = teacher('P', 'OLD', {
    post: 'principal',
    postSince: '2015-09-01',
    schoolSince: '2015-09-01',
    serviceRecords: [{ schoolId: 'NEW', post: 'principal', kind: 'leader_rotation', from: '2027-09-01', to: null, ruralAtTheTime: false }],
  });

  it('the published leader rotation is the home post from its 1 September', () => {
    expect(placementOn(rotated, '2027-08-31').homeSchoolId).toBe('OLD');
    expect(placementOn(rotated, '2027-09-01')).toMatchObject({ homeSchoolId: 'NEW', workingSchoolId: 'NEW', postSince: '2027-09-01' });
  });

  it('a regular record starting later hands the placement back to the personnel data from its first day', () => {
    const accepted = {
      ...rotated,
      schoolId: 'OTHER',
      post: 'vice_principal' as const,
      serviceRecords: [
        ...rotated.serviceRecords,
        { schoolId: 'OTHER', post: 'vice_principal', kind: 'regular' as const, from: '2027-10-15', to: null, ruralAtTheTime: false },
      ],
    };
    expect(placementOn(accepted, '2027-10-14')).toMatchObject({ homeSchoolId: 'NEW', homePost: 'principal' });
    expect(placementOn(accepted, '2027-10-15')).toMatchObject({ homeSchoolId: 'OTHER', homePost: 'vice_principal', workingSchoolId: 'OTHER' });
  });
});
