import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';
import { movesFrom, violations } from './helpers.js';

// TOWN: 20 music teachers, 12 years at the school (all eligible: R01 asks ⌈2⌉), music needed there
// too; four villages each miss three music teachers (R24, a shortage subject: each filled vacancy is
// worth more than a move costs). Without a cap the model sends most of TOWN's staff away.
const music = (teachers: number) => [{ subject: 'music', teachers, weeklyHours: teachers * 14 }];
const villages = [1, 2, 3, 4].map((i) => rural(`VIL${i}`, 10 * i, { needs: music(3) }));
const county = () => ({
  schools: [school('TOWN', { needs: music(20) }), ...villages],
  teachers: staff('T', 'TOWN', 20, (i) => ({ subjects: ['music'], backbone: i < 5 ? 'county' : null })),
});

describe('H12: no school loses more than maxSchoolLossShare (15%) of its teachers in one year', () => {
  it('binds: TOWN keeps 17 of its 20 teachers; without the cap it loses more than half', async () => {
    const c = county();
    const capped = await solve(input(c.schools, c.teachers));
    expect(movesFrom(capped, 'TOWN')).toHaveLength(3);
    expect(violations(capped, 'H12')).toEqual([]);
    const off = await solve(input(c.schools, c.teachers, { parameters: { maxSchoolLossShare: 1 } }));
    expect(movesFrom(off, 'TOWN').length).toBeGreaterThan(10);
  });
  it('reports per school the share leaving, the moves beyond the quota with their reason, and the subject left short with a remedy', async () => {
    const c = county();
    const r = await solve(input(c.schools, c.teachers));
    const town = r.compliance.losses.find((l) => l.schoolId === 'TOWN')!;
    expect(town).toMatchObject({ teachers: 20, leaving: 3, share: 0.15, allowed: 3, required: 2, beyondQuota: 1 });
    expect(town.beyondQuotaReasons).toEqual([{ reason: 'R06_LONG_TENURE', count: 1 }]);
    expect(town.subjectsShort).toMatchObject([{ subject: 'music', teachers: 3 }]);
    expect(town.subjectsShort[0].remedyZh).toMatch(/音乐.*缺3人.*暂缓交流.*走教/);
  });
  it('never below the R01 quota: 12 teachers (15% rounds down to 1) still send the 2 the quota asks', async () => {
    const r = await solve(
      input(
        [school('TOWN', { needs: music(12) }), ...villages],
        staff('T', 'TOWN', 12, (i) => ({ subjects: ['music'], backbone: i < 3 ? 'county' : null })),
      ),
    );
    expect(movesFrom(r, 'TOWN')).toHaveLength(2);
    expect(violations(r, 'H2')).toEqual([]);
    expect(violations(r, 'H12')).toEqual([]);
  });
  it('counts shadowing away; when R16 names more than the cap allows they go, and the violation names them with a remedy in both languages', async () => {
    // a village school of 7: one may leave; two new teachers whose R16 window closes this year
    const hires = ['N1', 'N2'].map((id) => teacher(id, 'VIL', { hireDate: '2022-10-01', schoolSince: '2022-10-01', postSince: '2022-10-01' }));
    const r = await solve(
      input(
        [school('TOWN', { isCentral: true }), rural('VIL', 10, { needs: [] })],
        [...hires, ...staff('V', 'VIL', 5, () => ({ schoolSince: '2024-09-01' })), teacher('P', 'TOWN')],
      ),
    );
    expect(movesFrom(r, 'VIL').map((l) => l.kind)).toEqual(['shadowing', 'shadowing']);
    const [v] = violations(r, 'H12');
    expect(v).toMatchObject({ schoolId: 'VIL', amount: 1, ruleId: 'STABLE_TEACHING' });
    expect(v.messageZh).toMatch(/调出2人.*上限1人.*N1、N2/);
    expect(v.remedy).toMatch(/defer/);
    expect(v.remedyZh).toMatch(/推迟至下一年度/);
  });
  it('names the pins that take a school past the cap', async () => {
    const c = county();
    const pins = ['T01', 'T02', 'T03', 'T04'].map((teacherId) => ({ teacherId, toSchoolId: 'VIL1', kind: 'rotation' as const }));
    const r = await solve(input(c.schools, c.teachers, { pins }));
    const [v] = violations(r, 'H12');
    expect(v).toMatchObject({ schoolId: 'TOWN', amount: 1 });
    expect(v.pins).toHaveLength(4);
    expect(v.remedy).toMatch(/remove a pin/);
  });
  it('走教 keeps the teacher at home: it does not count', async () => {
    const c = county();
    const r = await solve(input(c.schools, c.teachers));
    const itinerantFromTown = r.lines.filter((l) => l.kind === 'itinerant' && l.fromSchoolId === 'TOWN').length;
    expect(r.compliance.losses.find((l) => l.schoolId === 'TOWN')!.leaving).toBe(3);
    // the villages' remaining music hours are taught by TOWN's teachers who stay (R21/R22)
    expect(itinerantFromTown).toBeGreaterThan(0);
  });
});
