import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff } from '../fixtures.js';
import { movesFrom, violations } from './helpers.js';

describe('H2 (R01): a sending school rotates at least ceil(10%) of its eligible teachers', () => {
  it('binds: 12 eligible teachers, 2 rotate to the receiving school', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null })),
      ),
    );
    expect(movesFrom(r, 'TOWN').length).toBeGreaterThanOrEqual(2);
    expect(r.compliance.schools[0]).toMatchObject({ schoolId: 'TOWN', eligible: 12, required: 2, pass: true });
    // R01 is cited on the moves the quota needed, no more (explain.ts)
    expect(movesFrom(r, 'TOWN').filter((l) => l.reasons.includes('R01_QUOTA'))).toHaveLength(2);
  });
  it('cannot be met: no receiving school needs the subject, and the report says so with a remedy', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] })], staff('T', 'TOWN', 12)));
    expect(movesFrom(r, 'TOWN')).toHaveLength(0);
    const v = violations(r, 'H2');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R01', schoolId: 'TOWN', amount: 2 });
    expect(v[0].message).toContain('TOWN');
    expect(v[0].remedy).toMatch(/receiving posts/);
    expect(r.compliance.schools[0].pass).toBe(false);
  });
});
