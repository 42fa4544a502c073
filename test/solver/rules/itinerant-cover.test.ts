import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, teacher } from '../fixtures.js';

describe('S10 (R22)', () => {
  it('S10 (R22): a shortage is covered by 走教 from the same 学区 within reach, never from another', async () => {
    const schools = [
      rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
      rural('CEN', 8, { districtId: 'D1', locality: 'township', isCentral: true, needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
      rural('OTHER', 6, { districtId: 'D2', needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
    ];
    const r = await solve(
      input(schools, [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 10 }), teacher('MUS2', 'OTHER', { subjects: ['music'], weeklyHours: 20 })]),
    );
    const it = r.lines.filter((l) => l.kind === 'itinerant');
    expect(it).toHaveLength(1);
    expect(it[0]).toMatchObject({ teacherId: 'MUS', toSchoolId: 'VIL', hoursPerWeek: 6 });
    expect(it[0].reasons).toContain('R22_ITINERANT');
  });
  it('unmet: no music teacher in the 学区: the hours stay uncovered, as a notice', async () => {
    const r = await solve(
      input(
        [rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }), rural('OTHER', 6, { districtId: 'D2' })],
        [teacher('MUS2', 'OTHER', { subjects: ['music'], weeklyHours: 10 })],
      ),
    );
    expect(r.lines.filter((l) => l.kind === 'itinerant')).toHaveLength(0);
    expect(r.compliance.notices.some((n) => n.includes('VIL') && n.includes('音乐'))).toBe(true);
  });
  it('every uncovered subject is a notice: no list cut at 200 without saying so', async () => {
    const schools = Array.from({ length: 230 }, (_, i) =>
      rural(`V${i}`, 5 + (i % 40), { districtId: `D${i}`, needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
    );
    const r = await solve(input(schools, []));
    expect(r.compliance.notices.filter((n) => n.includes('音乐'))).toHaveLength(230);
  });
});
