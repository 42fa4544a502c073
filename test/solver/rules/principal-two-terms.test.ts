import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher } from '../fixtures.js';
import { lineOf } from './helpers.js';

// a senior high school is outside the R01 quota (quotaStages), and the rural one has no vacancy and a
// vacant principal post (H10): only S2 can move the principal
const schools = () => [school('TOWN', { stage: 'senior' }), rural('VIL', 10, { stage: 'senior', needs: [] })];
const principal = (since: string, postSince = since) => teacher('P', 'TOWN', { post: 'principal', stages: ['senior'], schoolSince: since, postSince });
const aboutP = (r: Awaited<ReturnType<typeof solve>>) => r.compliance.violations.filter((v) => v.teacherId === 'P');

describe('S2 (R07): a principal after two full terms in the post rotates town↔country', () => {
  it('binds: two terms served (8 years) and the weight outbids the cost of a move: the principal goes to the country', async () => {
    const r = await solve(input(schools(), [principal('2019-09-01')], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'P')!.reasons).toContain('R07_PRINCIPAL_TERMS');
    expect(lineOf(r, 'P')!.explanation).toMatch(/校长岗位连续任职满2个任期（8年）/);
    expect(lineOf(r, 'P')!.explanation).toMatch(/校长岗位城乡交流（城镇到乡村）/);
  });
  it('unmet: one term short (5 years) the principal stays at the same weight, and nothing is reported (a soft goal)', async () => {
    const r = await solve(input(schools(), [principal('2022-09-01')], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toBeUndefined();
    expect(aboutP(r)).toHaveLength(0);
  });
  it('terms count in the post, not at the school: 15 years at the school but principal since 2024 (3 years) stays', async () => {
    const r = await solve(input(schools(), [principal('2012-09-01', '2024-09-01')], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toBeUndefined();
  });
  it("terms count from the leader rotation that brought the principal: the personnel data's 2010 post does not count", async () => {
    const p = teacher('P', 'TOWN', {
      post: 'principal',
      stages: ['senior'],
      schoolId: 'VIL',
      schoolSince: '2010-09-01',
      postSince: '2010-09-01',
      // a published leader rotation made the principal TOWN's principal on 1 September 2024
      serviceRecords: [{ schoolId: 'TOWN', post: 'principal', kind: 'leader_rotation', from: '2024-09-01', to: null, ruralAtTheTime: false }],
    });
    const r = await solve(input(schools(), [p], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toBeUndefined();
  });
  it('at the default weight a move town↔country does not pay for itself alone (every move costs weightMove)', async () => {
    const r = await solve(input(schools(), [principal('2019-09-01')]));
    expect(lineOf(r, 'P')).toBeUndefined();
  });
  it('a leader line between two town schools (R08) does not say 城乡交流, and cites no R07', async () => {
    const town2 = school('TOWN2', { stage: 'senior', location: { lat: 23.02, lon: 116.3 } });
    const r = await solve(input([...schools(), town2], [principal('2010-09-01')], { parameters: { weightPrincipalTerms: 0 } }));
    const l = lineOf(r, 'P')!;
    expect(l).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'TOWN2' });
    expect(l.reasons).toContain('R08_LEADER_TENURE');
    expect(l.reasons).not.toContain('R07_PRINCIPAL_TERMS');
    expect(l.explanation).not.toMatch(/城乡交流/);
    expect(l.explanation).toMatch(/校长岗位校际交流（城镇学校之间）/);
  });
});
