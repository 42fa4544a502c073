import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';

describe('H7 (R19): no school ends above its approved headcount', () => {
  it('binds: the full school nearby is passed over for a farther one with room', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 }), rural('ROOM', 40)],
        [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10, (i) => ({ backbone: i === 0 ? 'county' : null }))],
      ),
    );
    expect(r.lines.some((l) => l.toSchoolId === 'FULL' && l.kind === 'rotation')).toBe(false);
    expect(r.lines.some((l) => l.toSchoolId === 'ROOM')).toBe(true);
  });
  it('cannot be met with the quota: both hard rules are named', async () => {
    const r = await solve(input([school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 })], [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10)]));
    const rules = r.compliance.violations.map((v) => v.rule);
    expect(rules.some((x) => x === 'H2' || x === 'H7')).toBe(true);
  });
});
