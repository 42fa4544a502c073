import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff } from '../fixtures.js';
import { lineOf, violations } from './helpers.js';

describe('H3 (R02): backbone teachers are at least 20% of those rotated', () => {
  it('binds: the one backbone teacher is among the movers, although others have longer tenure', async () => {
    const teachers = staff('T', 'TOWN', 10, (i) => ({
      schoolSince: i === 0 ? '2020-09-01' : '2000-09-01',
      backbone: i === 0 ? 'city' : null,
      hireDate: '2000-09-01',
    }));
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], teachers));
    expect(lineOf(r, 'T01')).toBeDefined();
    expect(lineOf(r, 'T01')!.reasons).toContain('R02_BACKBONE_SHARE');
    expect(r.compliance.schools[0].backbone).toBeGreaterThanOrEqual(1);
  });
  it('cannot be met: no backbone teacher at the school is reported as H3', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], staff('T', 'TOWN', 10)));
    expect(violations(r, 'H3')[0]).toMatchObject({ ruleId: 'R02', schoolId: 'TOWN' });
    expect(violations(r, 'H3')[0].message).toMatch(/backbone/);
  });
});
