import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';
import { movesFrom } from './helpers.js';

describe('S5 (R21, R30)', () => {
  it('S5 (R21, R30): a nearer school, and a paired school, are preferred', async () => {
    // both rural schools fully staffed: the one quota move goes where it costs least
    const full = { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }] };
    const locals = [teacher('N1', 'NEAR'), teacher('F1', 'FAR')];
    const near = await solve(
      input([school('TOWN'), rural('NEAR', 8, full), rural('FAR', 50, full)], [...locals, ...staff('T', 'TOWN', 10, () => ({ backbone: 'county' }))]),
    );
    expect(movesFrom(near, 'TOWN')).toHaveLength(1);
    expect(movesFrom(near, 'TOWN')[0].toSchoolId).toBe('NEAR');
    const paired = await solve(
      input(
        [school('TOWN', { pairedSchoolIds: ['FAR'] }), rural('NEAR', 8, full), rural('FAR', 25, full)],
        [...locals, ...staff('T', 'TOWN', 10, () => ({ backbone: 'county' }))],
      ),
    );
    expect(movesFrom(paired, 'TOWN')[0].toSchoolId).toBe('FAR');
    expect(movesFrom(paired, 'TOWN')[0].reasons).toContain('R30_PAIRING');
  });
  it('unmet: with weightPairing 0 the pairing no longer outweighs the distance', async () => {
    const full = { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }] };
    const locals = [teacher('N1', 'NEAR'), teacher('F1', 'FAR')];
    const r = await solve(
      input(
        [school('TOWN', { pairedSchoolIds: ['FAR'] }), rural('NEAR', 8, full), rural('FAR', 25, full)],
        [...locals, ...staff('T', 'TOWN', 10, () => ({ backbone: 'county' }))],
        { parameters: { weightPairing: 0 } },
      ),
    );
    expect(movesFrom(r, 'TOWN')[0].toSchoolId).toBe('NEAR');
  });
});
