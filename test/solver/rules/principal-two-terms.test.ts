import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher } from '../fixtures.js';
import { lineOf } from './helpers.js';

// a senior high school is outside the R01 quota (quotaStages), and the rural one has no vacancy: only S2 can move the principal
const schools = () => [school('TOWN', { stage: 'senior' }), rural('VIL', 10, { stage: 'senior', needs: [] })];
const principal = (since: string) => teacher('P', 'TOWN', { post: 'principal', stages: ['senior'], schoolSince: since, postSince: since });

describe('S2 (R07): a principal after two full terms at one school rotates town↔country', () => {
  it('binds: two terms served (8 years) and the weight outbids the cost of a move: the principal goes to the country', async () => {
    const r = await solve(input(schools(), [principal('2019-09-01')], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'P')!.reasons).toContain('R07_PRINCIPAL_TERMS');
  });
  it('unmet: one term short (5 years) the principal stays at the same weight, and nothing is reported (a soft goal)', async () => {
    const r = await solve(input(schools(), [principal('2022-09-01')], { parameters: { weightPrincipalTerms: 20 } }));
    expect(lineOf(r, 'P')).toBeUndefined();
    expect(r.compliance.violations).toHaveLength(0);
  });
  it('at the default weight a move town↔country does not pay for itself alone (every move costs weightMove)', async () => {
    const r = await solve(input(schools(), [principal('2019-09-01')]));
    expect(lineOf(r, 'P')).toBeUndefined();
  });
});
