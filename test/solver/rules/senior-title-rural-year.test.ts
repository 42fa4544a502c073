import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher, YEAR } from '../fixtures.js';
import { exceptions, lineOf, violations } from './helpers.js';

describe('H5 (R11): a senior-title applicant without a rural year goes to a rural or weak school', () => {
  it('binds although the teacher is not eligible by tenure; a teacher with a rural year stays', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        [
          teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1 }),
          teacher('HAS', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1, priorRuralYears: 1 }),
        ],
      ),
    );
    expect(lineOf(r, 'APP')).toMatchObject({ kind: 'rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'APP')!.reasons).toContain('R11_TITLE_PREREQUISITE');
    expect(lineOf(r, 'HAS')).toBeUndefined();
  });
  it('names leaders too: an urban vice principal applying next year without a rural year takes a vacant post at a rural school', async () => {
    const posts = { principal: 1, partySecretary: 0, vicePrincipals: 1 };
    const vp = teacher('VP', 'TOWN', { post: 'vice_principal', postSince: '2024-09-01', schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1 });
    const r = await solve(input([school('TOWN'), rural('VIL', 20, { leaderPosts: posts }), school('TOWN2', { leaderPosts: posts })], [vp]));
    expect(lineOf(r, 'VP')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'VP')!.reasons).toContain('R11_TITLE_PREREQUISITE');
    expect(violations(r, 'H5')).toHaveLength(0);
    // no vice principal post free at a rural school: reported by name
    const full = await solve(input([school('TOWN'), rural('VIL', 20)], [vp]));
    expect(lineOf(full, 'VP')).toBeUndefined();
    expect(violations(full, 'H5')[0]).toMatchObject({ ruleId: 'R11', teacherId: 'VP' });
    expect(violations(full, 'H5')[0].remedy).toMatch(/open a vice principal post at a rural or weak school/);
  });
  it('cannot be met: no rural school teaches the subject', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        [teacher('APP', 'TOWN', { subjects: ['physics'], schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })],
      ),
    );
    expect(violations(r, 'H5')[0]).toMatchObject({ ruleId: 'R11', teacherId: 'APP' });
    expect(violations(r, 'H5')[0].remedy).toMatch(/vacancy/);
  });
  it('an applicant H8 keeps from moving is an exception on record; one pinned to a town school is a violation and an exception', async () => {
    const schools = [school('TOWN'), school('TOWN2', { location: { lat: 23.02, lon: 116.3 } }), rural('VIL', 20)];
    const r = await solve({
      ...input(schools, [
        teacher('NE', 'TOWN', { established: false, seniorTitleApplicationYear: YEAR + 1 }),
        teacher('PIN', 'TOWN', { seniorTitleApplicationYear: YEAR + 1 }),
        teacher('OK', 'TOWN', { seniorTitleApplicationYear: YEAR + 1, priorRuralYears: 2, established: false }),
      ]),
      pins: [{ teacherId: 'PIN', toSchoolId: 'TOWN2', kind: 'rotation' }],
    });
    expect(lineOf(r, 'NE')).toBeUndefined();
    expect(violations(r, 'H5').map((v) => v.teacherId)).toEqual(['PIN']);
    expect(exceptions(r, 'H5').map((e) => [e.teacherId, e.ruleId, e.reason])).toEqual([
      ['NE', 'R11', 'not_established'],
      ['PIN', 'R11', 'pinned_elsewhere'],
    ]);
  });
});
