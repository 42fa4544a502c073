import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher, YEAR } from '../fixtures.js';
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
  it('R24: only as many lines as there are vacancies claim one (the first by teacher id); the others say no 缺员', async () => {
    // the quota sends two math teachers to the only receiving school, which misses one math teacher
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 3, weeklyHours: 42 }] })],
        [...staff('T', 'TOWN', 20), ...staff('V', 'VIL', 2)],
      ),
    );
    const into = r.lines.filter((l) => l.kind === 'rotation' && l.toSchoolId === 'VIL').sort((a, b) => a.teacherId.localeCompare(b.teacherId));
    expect(into).toHaveLength(2);
    expect(into.map((l) => l.reasons.includes('R24_VACANCY'))).toEqual([true, false]);
    expect(into[1].explanation).not.toContain('缺员');
  });
  it("R24: vacancies are counted after this plan's departures: a village teacher leaving to shadow opens the vacancy a rotation fills", async () => {
    // VIL has its three math teachers today; V01 is in the last year of the R16 window and leaves to shadow in town
    const village = staff('V', 'VIL', 3, (i) => (i === 0 ? { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01` } : {}));
    const r = await solve(
      input([school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 3, weeklyHours: 42 }] })], [...staff('T', 'TOWN', 10), ...village]),
    );
    expect(lineOf(r, 'V01')).toMatchObject({ kind: 'shadowing', toSchoolId: 'TOWN' });
    const into = r.lines.filter((l) => l.kind === 'rotation' && l.toSchoolId === 'VIL');
    expect(into).toHaveLength(1);
    expect(into[0].reasons).toContain('R24_VACANCY');
  });
});
