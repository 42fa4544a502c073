import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';
import { lineOf } from './helpers.js';

describe('S4 (R24)', () => {
  it('S4 (R24): a shortage-subject vacancy is filled first', async () => {
    const teachers = [
      ...staff('M', 'TOWN', 9, () => ({ backbone: 'county' })),
      teacher('MUS', 'TOWN', { subjects: ['music'], backbone: 'county', schoolSince: '2019-09-01' }),
    ];
    const r = await solve(
      input(
        [
          school('TOWN'),
          rural('VIL', 20, {
            needs: [
              { subject: 'math', teachers: 1, weeklyHours: 14 },
              { subject: 'music', teachers: 1, weeklyHours: 10 },
            ],
          }),
        ],
        teachers,
      ),
    );
    expect(lineOf(r, 'MUS')).toBeDefined();
    expect(lineOf(r, 'MUS')!.reasons).toContain('R24_SHORTAGE_SUBJECT');
  });
  it('unmet: a music vacancy with no music teacher to send stays open, and a soft goal is not a violation', async () => {
    const r = await solve(
      input(
        [
          school('TOWN'),
          rural('VIL', 20, {
            needs: [
              { subject: 'math', teachers: 1, weeklyHours: 14 },
              { subject: 'music', teachers: 1, weeklyHours: 10 },
            ],
          }),
        ],
        staff('M', 'TOWN', 10, () => ({ backbone: 'county' })),
      ),
    );
    expect(r.lines.filter((l) => l.subject === 'music')).toHaveLength(0);
    // the fixture schools have no principal: H10 names them, the soft goal under test reports nothing
    expect(r.compliance.violations.filter((v) => v.rule !== 'H10')).toHaveLength(0);
  });
});
