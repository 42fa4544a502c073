import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';

/** Q16: rotations of three years or less keep the post at home; these cases use four-year rotations that take it along */
const postMoves = { parameters: { rotationYears: 4, longRotationMovesPost: true } };

describe('H7 (R19): no school ends above its approved headcount', () => {
  it('binds: the full school nearby is passed over for a farther one with room', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 }), rural('ROOM', 40)],
        [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10, (i) => ({ backbone: i === 0 ? 'county' : null }))],
        postMoves,
      ),
    );
    expect(r.lines.some((l) => l.toSchoolId === 'FULL' && l.kind === 'rotation')).toBe(false);
    expect(r.lines.some((l) => l.toSchoolId === 'ROOM')).toBe(true);
  });
  it('cannot be met with the quota: both hard rules are named', async () => {
    const r = await solve(input([school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 })], [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10)], postMoves));
    const rules = r.compliance.violations.map((v) => v.rule);
    expect(rules.some((x) => x === 'H2' || x === 'H7')).toBe(true);
  });
  it('a rotation of three years keeps the post at home (Q16 人走关系留): a full school still receives, and no H7 is reported', async () => {
    const r = await solve(input([school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 })], [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10)]));
    expect(r.lines.some((l) => l.toSchoolId === 'FULL' && l.kind === 'rotation')).toBe(true);
    expect(r.compliance.violations.map((v) => v.rule)).not.toContain('H7');
  });
});
