import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff } from '../fixtures.js';
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
});
