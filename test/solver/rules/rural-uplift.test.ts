import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher, YEAR } from '../fixtures.js';
import { movesFrom } from './helpers.js';

// ten alike backbone teachers (one with a master's degree, the rest with an associate degree) and one rural vacancy
const county = (parameters = {}) =>
  input(
    [school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }] })],
    staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', education: i === 3 ? 'master' : 'associate' })),
    { parameters },
  );

describe('S7 (R26, R32): backbone and bachelor-degree teachers to rural schools', () => {
  it('binds: the master-degree teacher is the one who rotates, and the R32 indicator moves', async () => {
    const r = await solve(county());
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toEqual(['T04']);
    const { before, after } = r.compliance.indicators;
    expect(before.urbanRuralBachelorRatio).toBe(0);
    expect(after.ruralBackboneShare).toBeGreaterThan(before.ruralBackboneShare);
  });
  it('unmet: with weightRuralUplift 0 the degree gives no priority', async () => {
    const r = await solve(county({ weightRuralUplift: 0 }));
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toEqual(['T01']);
  });
  it('R26/R32 count people where they work: a backbone teacher hosted from an earlier rotation counts at the rural host, not in town', async () => {
    const hosted = teacher('H', 'TOWN', {
      backbone: 'county',
      serviceRecords: [{ schoolId: 'VIL', post: 'teacher', kind: 'rotation', from: `${YEAR - 1}-09-01`, to: `${YEAR + 2}-08-31`, ruralAtTheTime: true }],
    });
    const r = await solve(input([school('TOWN'), rural('VIL', 20, { needs: [] })], [hosted, teacher('L', 'VIL', { education: 'associate' })]));
    expect(r.lines).toEqual([]);
    // rural: H (backbone, bachelor) and L; town: nobody working there
    expect(r.compliance.indicators.before).toEqual({ ruralBackboneShare: 0.5, urbanRuralBachelorRatio: 0 });
  });
});
