import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, YEAR } from '../fixtures.js';
import { movesFrom } from './helpers.js';

// ten alike backbone teachers and one rural vacancy: the R01 quota asks for one mover; S3 decides which
const county = (applicationYear: number | null, parameters = {}) =>
  input(
    [school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }] })],
    staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', seniorTitleApplicationYear: i === 2 ? applicationYear : null })),
    { parameters },
  );

describe('S3 (R11): a title application 2–3 years away without the rural year goes first', () => {
  it('binds: the teacher applying in Y+2 is the one who rotates, with the reason', async () => {
    const r = await solve(county(YEAR + 2));
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toEqual(['T03']);
    expect(movesFrom(r, 'TOWN')[0].reasons).toContain('R11_TITLE_SOON');
  });
  it('unmet: an application five years away, or weightTitleSoon 0, gives no priority', async () => {
    for (const r of [await solve(county(YEAR + 5)), await solve(county(YEAR + 2, { weightTitleSoon: 0 }))]) {
      expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toEqual(['T01']);
    }
  });
});
