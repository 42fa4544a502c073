import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import type { SolverResult } from '../../../solver/types.js';
import { input, rural, school, staff } from '../fixtures.js';
import { movesFrom } from './helpers.js';

describe('S9', () => {
  it('S9: re-solving with the previous lines and nothing changed gives the same lines', async () => {
    const inp = input(
      [school('TOWN'), rural('A', 10), rural('B', 10.2), rural('C', 10.4)],
      staff('T', 'TOWN', 30, (i) => ({ backbone: i % 4 === 0 ? 'county' : null })),
    );
    const first = await solve(inp);
    const again = await solve({
      ...inp,
      previousLines: first.lines.map((l) => ({ teacherId: l.teacherId, kind: l.kind, fromSchoolId: l.fromSchoolId, toSchoolId: l.toSchoolId })),
    });
    const key = (r: SolverResult) => r.lines.map((l) => `${l.teacherId}>${l.toSchoolId}:${l.kind}`).sort();
    expect(key(again)).toEqual(key(first));
  });
  it('unmet: a previous line to a school no longer in the county cannot be kept; the solve returns new lines', async () => {
    const inp = input(
      [school('TOWN'), rural('A', 10)],
      staff('T', 'TOWN', 10, () => ({ backbone: 'county' })),
    );
    const r = await solve({ ...inp, previousLines: [{ teacherId: 'T01', kind: 'rotation', fromSchoolId: 'TOWN', toSchoolId: 'GONE' }] });
    expect(movesFrom(r, 'TOWN').length).toBeGreaterThanOrEqual(1);
    expect(r.lines.some((l) => l.toSchoolId === 'GONE')).toBe(false);
  });
});
