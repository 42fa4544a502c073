import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, school, teacher } from '../fixtures.js';
import { lineOf, violations } from './helpers.js';

// schools a few km apart along one road (0.01° of latitude ≈ 1.1 km)
const at = (id: string, km: number, over = {}) => school(id, { location: { lat: 23.0 + km / 111, lon: 116.3 }, ...over });
const principal = (id: string, schoolId: string, since: string) => teacher(id, schoolId, { post: 'principal', postSince: since, schoolSince: since });

describe('H10 (R08, R07): a leader rotates into a post that is vacant or vacated; one principal per school', () => {
  it('binds: two principals due under R08 swap schools, and no school is left without one', async () => {
    const r = await solve(input([at('A', 0), at('B', 2)], [principal('P1', 'A', '2010-09-01'), principal('P2', 'B', '2010-09-01')]));
    expect(lineOf(r, 'P1')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'B' });
    expect(lineOf(r, 'P2')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'A' });
    expect(violations(r, 'H10')).toHaveLength(0);
  });
  it('a principal is not sent to a school that keeps its own principal: the R08 case is reported instead', async () => {
    const r = await solve(input([at('A', 0), at('B', 2)], [principal('P1', 'A', '2010-09-01'), principal('P2', 'B', '2022-09-01')]));
    expect(lineOf(r, 'P1')).toBeUndefined();
    expect(violations(r, 'H4')[0]).toMatchObject({ teacherId: 'P1' });
    expect(violations(r, 'H10')).toHaveLength(0);
  });
  it('goes to the vacant post, farther, not to the nearer school that keeps its principal; the school left behind is named with a remedy', async () => {
    const r = await solve(input([at('A', 0), at('B', 2), at('C', 30)], [principal('P1', 'A', '2010-09-01'), principal('P2', 'B', '2022-09-01')]));
    expect(lineOf(r, 'P1')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'C' });
    expect(lineOf(r, 'P2')).toBeUndefined();
    const v = violations(r, 'H10');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R08', schoolId: 'A', amount: 1 });
    expect(v[0].message).toMatch(/A has no principal after the moves/);
    expect(v[0].remedy).toMatch(/appoint or rotate a principal into A/);
  });
  it('a school without a principal today and nobody to rotate in is a violation naming it', async () => {
    const r = await solve(input([at('A', 0)], [teacher('T1', 'A')]));
    const v = violations(r, 'H10');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ schoolId: 'A' });
    expect(v[0].messageZh).toMatch(/A交流后无校长/);
    expect(v[0].remedy).toBe('appoint or rotate a principal into A');
  });
  it('a school with no principal post (leaderPosts.principal 0, a teaching point) is not reported and takes no principal', async () => {
    const none = { principal: 0, partySecretary: 0, vicePrincipals: 0 };
    const r = await solve(
      input([at('A', 0), at('B', 2), at('TP', 1, { leaderPosts: none })], [principal('P1', 'A', '2010-09-01'), principal('P2', 'B', '2022-09-01')]),
    );
    expect(lineOf(r, 'P1')).toBeUndefined();
    expect(violations(r, 'H10')).toHaveLength(0);
  });
  it("vice principal posts come from the data: a due vice principal goes where leaderPosts has one vacant, not where today's holders fill them all", async () => {
    const vp = (id: string, schoolId: string, since: string) => teacher(id, schoolId, { post: 'vice_principal', postSince: since, schoolSince: since });
    const schools = (posts?: { principal: number; partySecretary: number; vicePrincipals: number }) => [
      at('A', 0),
      at('B', 2, posts ? { leaderPosts: posts } : {}),
    ];
    const staff = [principal('PA', 'A', '2022-09-01'), principal('PB', 'B', '2022-09-01'), vp('V1', 'A', '2010-09-01'), vp('V2', 'B', '2022-09-01')];
    const vacant = await solve(input(schools({ principal: 1, partySecretary: 0, vicePrincipals: 2 }), staff));
    expect(lineOf(vacant, 'V1')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'B' });
    expect(violations(vacant, 'H10')).toHaveLength(0);
    // absent: B has as many vice principal posts as holders today, so none is free
    const full = await solve(input(schools(), staff));
    expect(lineOf(full, 'V1')).toBeUndefined();
    expect(violations(full, 'H4')[0]).toMatchObject({ teacherId: 'V1' });
  });
  it('cannot be met: two pins into the same post come back as a proposal with an H10 violation naming both pins', async () => {
    const r = await solve({
      ...input([at('A', 0), at('B', 2), at('C', 4)], [teacher('P1', 'A', { post: 'principal' }), teacher('P2', 'B', { post: 'principal' })]),
      pins: [
        { teacherId: 'P1', toSchoolId: 'C', kind: 'leader_rotation' },
        { teacherId: 'P2', toSchoolId: 'C', kind: 'leader_rotation' },
      ],
    });
    expect(lineOf(r, 'P1')).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    expect(lineOf(r, 'P2')).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    const v = violations(r, 'H10').filter((x) => x.schoolId === 'C');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R08', schoolId: 'C', amount: 1 });
    expect(v[0].pins?.map((x) => x.teacherId).sort()).toEqual(['P1', 'P2']);
    expect(v[0].pin).toMatchObject({ toSchoolId: 'C', kind: 'leader_rotation' });
    expect(v[0].message).toMatch(/pinned into it: P1, P2/);
    expect(v[0].remedy).toMatch(/remove the pin of P2 to C/);
    // the schools they leave have no principal after the moves, each named
    expect(
      violations(r, 'H10')
        .filter((x) => x.schoolId !== 'C')
        .map((x) => x.schoolId)
        .sort(),
    ).toEqual(['A', 'B']);
  });
});
