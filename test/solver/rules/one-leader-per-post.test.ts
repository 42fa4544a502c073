import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, school, teacher } from '../fixtures.js';
import { lineOf, violations } from './helpers.js';

describe('H10 (R08, R07): one incoming leader per post and school', () => {
  const schools = [school('A'), school('B', { location: { lat: 23.02, lon: 116.3 } }), school('C', { location: { lat: 23.04, lon: 116.3 } })];
  it('binds: two principals due under R08 and one other school each: they go to different schools', async () => {
    const r = await solve(
      input(schools, [teacher('P1', 'A', { post: 'principal', postSince: '2010-09-01' }), teacher('P2', 'B', { post: 'principal', postSince: '2010-09-01' })]),
    );
    const to = [lineOf(r, 'P1')?.toSchoolId, lineOf(r, 'P2')?.toSchoolId];
    expect(to.every(Boolean)).toBe(true);
    expect(new Set(to).size).toBe(2);
    expect(violations(r, 'H10')).toHaveLength(0);
  });
  it('cannot be met: two pins into the same post come back as a proposal with an H10 violation naming both pins', async () => {
    const r = await solve({
      ...input(schools, [teacher('P1', 'A', { post: 'principal' }), teacher('P2', 'B', { post: 'principal' })]),
      pins: [
        { teacherId: 'P1', toSchoolId: 'C', kind: 'leader_rotation' },
        { teacherId: 'P2', toSchoolId: 'C', kind: 'leader_rotation' },
      ],
    });
    expect(lineOf(r, 'P1')).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    expect(lineOf(r, 'P2')).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    const v = violations(r, 'H10');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R08', schoolId: 'C', amount: 1 });
    expect(v[0].pins?.map((x) => x.teacherId).sort()).toEqual(['P1', 'P2']);
    expect(v[0].pin).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    expect(v[0].message).toMatch(/pinned into it: P1, P2/);
    expect(v[0].remedy).toMatch(/remove the pin of P2 to C/);
  });
});
