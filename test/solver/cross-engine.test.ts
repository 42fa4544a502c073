import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import type { SolverInput } from '../../solver/types.js';
import { input, rural, school, staff, teacher, YEAR } from './fixtures.js';
import { countyArb } from './random-county.js';

/** HiGHS and javascript-lp-solver must reach the same optimum on the same model: a check of both. */
async function bothAgree(inp: SolverInput) {
  const h = await solve({ ...inp, engine: 'highs' });
  const j = await solve({ ...inp, engine: 'jlps' });
  expect(h.stats.optimal).toBe(true);
  expect(j.stats.optimal).toBe(true);
  const scale = Math.max(1, Math.abs(h.stats.objective));
  expect(Math.abs(h.stats.objective - j.stats.objective) / scale).toBeLessThan(1e-6);
  return { h, j };
}

describe('cross-engine: HiGHS and javascript-lp-solver agree', () => {
  it('on the named fixtures', async () => {
    await bothAgree(
      input(
        [school('TOWN'), rural('VIL', 20)],
        staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null })),
      ),
    );
    await bothAgree(
      input(
        [school('A'), school('B', { location: { lat: 23.02, lon: 116.3 } }), rural('V', 12)],
        [
          teacher('P', 'A', { post: 'principal', postSince: '2012-09-01' }),
          teacher('APP', 'A', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR }),
          ...staff('T', 'B', 9, (i) => ({ backbone: i === 0 ? 'city' : null })),
        ],
      ),
    );
  });
  it('on random small counties', async () => {
    await fc.assert(
      fc.asyncProperty(countyArb, async (inp) => {
        await bothAgree(inp);
      }),
      { numRuns: 15, seed: 20270901 },
    );
  });
});
