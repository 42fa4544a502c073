import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher, YEAR } from '../fixtures.js';
import { violations } from './helpers.js';

describe('H1: at most one rotation, leader rotation or shadowing per teacher', () => {
  it('binds: a teacher who is a candidate at several schools, and wanted by each, gets one line', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('A', 10), rural('B', 12), rural('C', 14)],
        [teacher('APP', 'TOWN', { seniorTitleApplicationYear: YEAR, volunteer: true, backbone: 'county' })],
      ),
    );
    expect(r.lines.filter((l) => l.teacherId === 'APP' && l.kind !== 'itinerant')).toHaveLength(1);
  });
  it('cannot be broken by pins: two pins of one teacher keep the later one and name the earlier (H9)', async () => {
    const r = await solve({
      ...input([school('TOWN'), rural('A', 10), rural('B', 12)], [teacher('T', 'TOWN')]),
      pins: [
        { teacherId: 'T', toSchoolId: 'A', kind: 'rotation' },
        { teacherId: 'T', toSchoolId: 'B', kind: 'rotation' },
      ],
    });
    expect(r.lines.filter((l) => l.teacherId === 'T')).toMatchObject([{ toSchoolId: 'B' }]);
    expect(violations(r, 'H9')[0]).toMatchObject({ teacherId: 'T', pin: { toSchoolId: 'A' } });
    expect(violations(r, 'H9')[0].remedy).toMatch(/remove the pin of T to A/);
  });
});
