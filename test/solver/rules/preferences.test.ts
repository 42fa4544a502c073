import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff } from '../fixtures.js';
import { lineOf } from './helpers.js';

describe('S6', () => {
  it("S6: a teacher's preferred school is honoured", async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('NEAR', 8), rural('FAR', 30)],
        staff('T', 'TOWN', 10, (i) => ({
          backbone: 'county',
          ...(i === 2 ? { preferences: { schoolIds: ['FAR'], maxKm: null }, schoolSince: '1999-09-01', hireDate: '1999-09-01' } : {}),
        })),
      ),
    );
    expect(lineOf(r, 'T03')).toMatchObject({ toSchoolId: 'FAR' });
    expect(lineOf(r, 'T03')!.reasons).toContain('PREFERENCE');
  });
  it('unmet: a preferred school beyond maxMoveKm is never a candidate; the teacher is not sent there and nothing is reported', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('NEAR', 8), rural('FAR', 95)],
        staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', ...(i === 2 ? { preferences: { schoolIds: ['FAR'], maxKm: null } } : {}) })),
      ),
    );
    expect(r.lines.some((l) => l.toSchoolId === 'FAR')).toBe(false);
    // the fixture schools have no principal: H10 names them, the soft goal under test reports nothing
    expect(r.compliance.violations.filter((v) => v.rule !== 'H10')).toHaveLength(0);
  });
});
