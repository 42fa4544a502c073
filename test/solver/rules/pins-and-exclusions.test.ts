import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher, YEAR } from '../fixtures.js';
import { lineOf, movesFrom, violations } from './helpers.js';

describe('H9: pins and exclusions', () => {
  const base = () =>
    input(
      [school('TOWN'), rural('NEAR', 5), rural('FAR', 60)],
      staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null })),
    );
  it('a pinned line appears as pinned; an excluded teacher does not appear', async () => {
    const first = await solve(base());
    const mover = movesFrom(first, 'TOWN')[0].teacherId;
    const r = await solve({ ...base(), pins: [{ teacherId: 'T12', toSchoolId: 'FAR', kind: 'rotation' }], exclusions: [{ teacherId: mover }] });
    expect(lineOf(r, 'T12')).toMatchObject({ toSchoolId: 'FAR' });
    expect(lineOf(r, 'T12')!.reasons).toContain('PINNED');
    expect(lineOf(r, mover)).toBeUndefined();
  });
  it('excluding a teacher a rule requires to move is reported, not silent', async () => {
    const b = input([school('TOWN'), rural('VIL', 20)], [teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })]);
    const r = await solve({ ...b, exclusions: [{ teacherId: 'APP' }] });
    expect(lineOf(r, 'APP')).toBeUndefined();
    expect(violations(r, 'H5')[0]).toMatchObject({ teacherId: 'APP' });
    expect(violations(r, 'H5')[0].message).toMatch(/excluded/);
  });
  it('pins that push a school over its 编制 are named in the H7 violation, with the remedy', async () => {
    const b = input(
      [school('TOWN'), rural('SMALL', 5, { approvedHeadcount: 1 }), rural('VIL', 20)],
      [teacher('X', 'SMALL'), ...staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null }))],
    );
    // a four-year rotation that takes the post along (Q16: shorter ones leave 编制 at home)
    const r = await solve({
      ...b,
      parameters: { rotationYears: 4, longRotationMovesPost: true },
      pins: [{ teacherId: 'T05', toSchoolId: 'SMALL', kind: 'rotation' }],
    });
    expect(lineOf(r, 'T05')).toMatchObject({ toSchoolId: 'SMALL' });
    const v = violations(r, 'H7');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ schoolId: 'SMALL', amount: 1 });
    expect(v[0].message).toContain('pinned into it: T05');
    expect(v[0].messageZh).toContain('人事股指定调入：T05');
    expect(v[0].remedy).toMatch(/remove the pin of T05/);
  });
  it('a pin that sends a senior-title applicant to a town school is named as breaking H5', async () => {
    const b = input(
      [school('TOWN'), school('TOWN2', { locality: 'urban' }), rural('VIL', 20)],
      [teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })],
    );
    const r = await solve({ ...b, pins: [{ teacherId: 'APP', toSchoolId: 'TOWN2', kind: 'rotation' }] });
    expect(lineOf(r, 'APP')).toMatchObject({ toSchoolId: 'TOWN2' });
    const v = violations(r, 'H5');
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/HR's pin sends the teacher to TOWN2/);
    expect(v[0].remedy).toMatch(/pin the teacher to a rural or weak school/);
  });
  it('a pin that H8 forbids is reported by name, not carried out', async () => {
    const b = base();
    b.teachers[0].exemptions = [{ reason: 'illness', from: '2027-01-01', to: null, note: null }];
    const r = await solve({ ...b, pins: [{ teacherId: 'T01', toSchoolId: 'FAR', kind: 'rotation' }] });
    expect(lineOf(r, 'T01')).toBeUndefined();
    expect(violations(r, 'H9')[0]).toMatchObject({ teacherId: 'T01', schoolId: 'FAR' });
    expect(violations(r, 'H9')[0].message).toMatch(/pin/);
  });
});
