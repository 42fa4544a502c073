import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import type { SolverTeacher } from '../../../solver/types.js';
import { input, rural, school, teacher } from '../fixtures.js';

// senior high schools (outside the R01 quota); each village school has one vacant vice principal post
// and its own principal, so only S2 (R07, made worth a move here) moves the town's vice principals;
// where more than one leaves, the small school's loss cap (H12) is lifted: these cases are about S11
const posts = { principal: 1, partySecretary: 0, vicePrincipals: 1 };
const villages = (n: number) => Array.from({ length: n }, (_, i) => rural(`VIL${i + 1}`, 10 + i, { stage: 'senior', needs: [], leaderPosts: posts }));
const leader = (id: string, schoolId: string, post: SolverTeacher['post'], since: string) =>
  teacher(id, schoolId, { post, stages: ['senior'], schoolSince: since, postSince: since });
const county = (vps: number) => ({
  schools: [school('TOWN', { stage: 'senior' }), ...villages(vps)],
  teachers: [
    leader('P', 'TOWN', 'principal', '2023-09-01'),
    ...Array.from({ length: vps }, (_, i) => leader(`V${i + 1}`, 'TOWN', 'vice_principal', '2019-09-01')),
    ...Array.from({ length: vps }, (_, i) => leader(`VP${i + 1}`, `VIL${i + 1}`, 'principal', '2023-09-01')),
  ],
});
const leaving = (r: Awaited<ReturnType<typeof solve>>) => r.lines.filter((l) => l.kind === 'leader_rotation' && l.fromSchoolId === 'TOWN').length;

describe("S11 (R04): at most 30% of a school's leadership team leaves in one round", () => {
  it('binds: a team of 4 (principal and 3 vice principals due under R07) lets one leave', async () => {
    const c = county(3);
    const r = await solve(input(c.schools, c.teachers, { parameters: { weightPrincipalTerms: 40 } }));
    expect(leaving(r)).toBe(1);
    expect(r.compliance.violations.filter((v) => v.rule === 'S11')).toHaveLength(0);
  });
  it('the share is a parameter: at 0.5 two of the four leave', async () => {
    const c = county(3);
    const r = await solve(input(c.schools, c.teachers, { parameters: { weightPrincipalTerms: 40, maxLeaderShareRotated: 0.5, maxSchoolLossShare: 1 } }));
    expect(leaving(r)).toBe(2);
  });
  it('one leader may always move: a team of 2 (30% rounds down to 0) still lets its vice principal go', async () => {
    const c = county(1);
    const r = await solve(input(c.schools, c.teachers, { parameters: { weightPrincipalTerms: 40 } }));
    expect(leaving(r)).toBe(1);
  });
  it('a soft rule: a move worth more than the penalty per extra leader goes anyway', async () => {
    const c = county(3);
    const r = await solve(input(c.schools, c.teachers, { parameters: { weightPrincipalTerms: 100, maxSchoolLossShare: 1 } }));
    expect(leaving(r)).toBe(3);
  });
});
