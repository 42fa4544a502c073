import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, teacher } from '../fixtures.js';
import { violations } from './helpers.js';

const schools = () => [
  rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
  rural('VIL2', 7, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
  rural('CEN', 8, { districtId: 'D1', locality: 'township', isCentral: true, needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
];

describe('H11 (R22): 走教 within its limits, every row elastic', () => {
  it('binds: a teacher with 4 spare hours teaches 4 of the 6 missing, at one host school only', async () => {
    const r = await solve(input(schools(), [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 16 })]));
    const it = r.lines.filter((l) => l.kind === 'itinerant');
    expect(it).toHaveLength(1);
    expect(it[0].hoursPerWeek).toBe(4);
    expect(violations(r, 'H11')).toHaveLength(0);
  });
  it('cannot be met: a 走教 pin for a teacher with no spare hours comes back, the violation names the pin', async () => {
    const r = await solve({
      ...input(schools(), [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 20 })]),
      pins: [{ teacherId: 'MUS', toSchoolId: 'VIL', kind: 'itinerant' }],
    });
    expect(r.lines.filter((l) => l.kind === 'itinerant')).toHaveLength(0);
    const v = violations(r, 'H11');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R22', teacherId: 'MUS', schoolId: 'VIL', pin: { teacherId: 'MUS', toSchoolId: 'VIL', kind: 'itinerant' } });
    expect(v[0].remedy).toMatch(/remove the pin/);
  });
  it('cannot be met: two 走教 pins of one teacher (one host allowed) are named', async () => {
    const r = await solve({
      ...input(schools(), [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 10 })]),
      pins: [
        { teacherId: 'MUS', toSchoolId: 'VIL', kind: 'itinerant' },
        { teacherId: 'MUS', toSchoolId: 'VIL2', kind: 'itinerant' },
      ],
    });
    const v = violations(r, 'H11');
    expect(v.length).toBeGreaterThanOrEqual(1);
    expect(v[0].pins?.map((x) => x.toSchoolId).sort()).toEqual(['VIL', 'VIL2']);
    expect(v[0].message).toMatch(/host school/);
  });
  it('a 走教 pin of an exempt teacher is named (H9), not dropped silently', async () => {
    const r = await solve({
      ...input(schools(), [
        teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 10, exemptions: [{ reason: 'illness', from: '2027-01-01', to: null, note: null }] }),
      ]),
      pins: [{ teacherId: 'MUS', toSchoolId: 'VIL', kind: 'itinerant' }],
    });
    expect(r.lines).toHaveLength(0);
    expect(violations(r, 'H9')[0]).toMatchObject({ teacherId: 'MUS', pin: { toSchoolId: 'VIL', kind: 'itinerant' } });
  });
});
