import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, school, teacher } from '../fixtures.js';
import { exceptions, lineOf, violations } from './helpers.js';

describe('H4 (R08): a leader 12 years in the same post moves', () => {
  it('binds at exactly 12 years; 11 years stays', async () => {
    // H10: B's principal post is vacant, C keeps its principal (11 years)
    const r = await solve(
      input(
        [school('A'), school('B', { location: { lat: 23.04, lon: 116.3 } }), school('C', { location: { lat: 23.02, lon: 116.3 } })],
        [
          teacher('P12', 'A', { post: 'principal', postSince: '2015-09-01', schoolSince: '2015-09-01' }),
          teacher('P11', 'C', { post: 'principal', postSince: '2016-09-01', schoolSince: '2022-09-01' }),
        ],
      ),
    );
    expect(lineOf(r, 'P12')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'B' });
    expect(lineOf(r, 'P12')!.reasons).toContain('R08_LEADER_TENURE');
    expect(lineOf(r, 'P11')).toBeUndefined();
  });
  it('cannot be met: no other school of the stage, reported by name', async () => {
    const r = await solve(input([school('A'), school('K', { stage: 'kindergarten' })], [teacher('P', 'A', { post: 'principal', postSince: '2010-09-01' })]));
    expect(violations(r, 'H4')[0]).toMatchObject({ ruleId: 'R08', teacherId: 'P' });
    expect(violations(r, 'H4')[0].message).toMatch(/17 years/);
  });
  it("an excluded leader is named with the plan's own leaderMaxYears, not a fixed 12", async () => {
    const r = await solve({
      ...input([school('A'), school('B', { location: { lat: 23.02, lon: 116.3 } })], [teacher('P', 'A', { post: 'principal', postSince: '2016-09-01' })], {
        parameters: { leaderMaxYears: 10 },
      }),
      exclusions: [{ teacherId: 'P' }],
    });
    expect(violations(r, 'H4')[0].message).toMatch(/R08 \(10 years in post\)/);
  });
  it('a leader H8 keeps from moving (exempt, not established, on leave) is an exception on record with the reason, not silence (Q12)', async () => {
    const A = school('A');
    const B = school('B', { location: { lat: 23.02, lon: 116.3 } });
    const leader = (id: string, over: Parameters<typeof teacher>[2]) => teacher(id, 'A', { post: 'vice_principal', postSince: '2010-09-01', ...over });
    const r = await solve(
      input(
        [A, B],
        [
          leader('EX', { exemptions: [{ reason: 'illness', from: '2026-01-01', to: null, note: null }] }),
          leader('NE', { established: false }),
          leader('OL', { status: 'on_leave' }),
          leader('GONE', { status: 'retired' }),
        ],
      ),
    );
    for (const id of ['EX', 'NE', 'OL']) expect(lineOf(r, id)).toBeUndefined();
    expect(violations(r, 'H4')).toEqual([]);
    expect(exceptions(r, 'H4').map((e) => [e.teacherId, e.ruleId, e.reason, e.schoolId])).toEqual([
      ['EX', 'R08', 'exempt', 'A'],
      ['NE', 'R08', 'not_established', 'A'],
      ['OL', 'R08', 'on_leave', 'A'],
    ]);
    expect(exceptions(r, 'H4')[0].messageZh).toMatch(/17年.*患病/);
  });
  it('an excluded leader keeps the violation and is an exception on record too', async () => {
    const r = await solve({
      ...input([school('A'), school('B', { location: { lat: 23.02, lon: 116.3 } })], [teacher('P', 'A', { post: 'principal', postSince: '2010-09-01' })]),
      exclusions: [{ teacherId: 'P' }],
    });
    expect(violations(r, 'H4')[0]).toMatchObject({ teacherId: 'P' });
    expect(exceptions(r, 'H4')).toMatchObject([{ teacherId: 'P', reason: 'excluded' }]);
  });
});
