import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';
import { movesFrom } from './helpers.js';

const town = (extra: object = {}) => school('TOWN', { needs: [{ subject: 'math', teachers: 9, weeklyHours: 126 }], ...extra });
const vil = (needs: { subject: string; teachers: number; weeklyHours: number }[]) => rural('VIL', 20, { needs });
// nine math teachers the town school needs, and one Chinese teacher it does not (a surplus); all alike otherwise
const teachers = () => [...staff('M', 'TOWN', 9, () => ({ backbone: 'county' })), teacher('ZH', 'TOWN', { subjects: ['chinese'], backbone: 'county' })];

describe('S8: staffing near need per school and subject', () => {
  it('binds: weighted above a vacancy, the surplus Chinese teacher rotates and no math teacher the sending school would then miss', async () => {
    const both = vil([
      { subject: 'math', teachers: 1, weeklyHours: 14 },
      { subject: 'chinese', teachers: 1, weeklyHours: 14 },
    ]);
    const r = await solve(input([town(), both], teachers(), { parameters: { weightStaffing: 20 } }));
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toEqual(['ZH']);
    // at the default weight a rural math vacancy (weightVacancy 10) outweighs the town's shortfall (2): both
    // go (the small town school's loss cap, H12, lifted: this case is about S8)
    const d = await solve(input([town(), both], teachers(), { parameters: { maxSchoolLossShare: 1 } }));
    expect(
      movesFrom(d, 'TOWN')
        .map((l) => l.teacherId)
        .sort(),
    ).toEqual(['M01', 'ZH']);
  });
  it('unmet: no receiving school needs Chinese, so the surplus stays; a soft goal is a cost, not a violation', async () => {
    const r = await solve(input([town(), vil([{ subject: 'math', teachers: 1, weeklyHours: 14 }])], teachers()));
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).not.toContain('ZH');
    // the fixture schools have no principal: H10 names them, the soft goal under test reports nothing
    expect(r.compliance.violations.filter((v) => v.rule !== 'H10')).toHaveLength(0);
  });
});
