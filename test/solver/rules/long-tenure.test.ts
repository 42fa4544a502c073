import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff } from '../fixtures.js';
import { movesFrom } from './helpers.js';

describe('S1 (R06)', () => {
  it('S1 (R06): the longer-tenured of two alike teachers goes', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', schoolSince: i === 4 ? '1998-09-01' : '2019-09-01', hireDate: '1998-09-01' })),
      ),
    );
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toContain('T05');
  });
  it('unmet: with weightTenure 0 tenure gives no priority: the alike teachers go in input order', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', schoolSince: i === 4 ? '1998-09-01' : '2019-09-01', hireDate: '1998-09-01' })),
        { parameters: { weightTenure: 0 } },
      ),
    );
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).not.toContain('T05');
  });
});
