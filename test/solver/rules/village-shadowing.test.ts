import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher, YEAR } from '../fixtures.js';
import { exceptions, lineOf, violations } from './helpers.js';

describe('H6 (R16): a new village teacher shadows at a central school before five years are out', () => {
  const schools = [school('TOWN'), rural('VIL', 20), rural('CEN', 10, { locality: 'township', isCentral: true })];
  it('binds in the last year of the window; earlier, or after shadowing, not', async () => {
    const r = await solve(
      input(schools, [
        teacher('NEW4', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01` }),
        teacher('NEW2', 'VIL', { hireDate: `${YEAR - 2}-09-01`, schoolSince: `${YEAR - 2}-09-01`, postSince: `${YEAR - 2}-09-01` }),
        teacher('DONE', 'VIL', {
          hireDate: `${YEAR - 4}-09-01`,
          schoolSince: `${YEAR - 4}-09-01`,
          postSince: `${YEAR - 4}-09-01`,
          serviceRecords: [{ schoolId: 'CEN', post: 'teacher', kind: 'shadowing', from: `${YEAR - 2}-09-01`, to: `${YEAR - 1}-08-31`, ruralAtTheTime: false }],
        }),
      ]),
    );
    expect(lineOf(r, 'NEW4')?.kind).toBe('shadowing');
    expect(['TOWN', 'CEN']).toContain(lineOf(r, 'NEW4')!.toSchoolId);
    expect(lineOf(r, 'NEW4')!.reasons).toContain('R16_SHADOWING');
    expect(lineOf(r, 'NEW2')).toBeUndefined();
    expect(lineOf(r, 'DONE')).toBeUndefined();
  });
  it('cannot be met: no host school of the stage', async () => {
    const r = await solve(
      input(
        [rural('VIL', 20), school('K', { stage: 'kindergarten' })],
        [teacher('NEW4', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01` })],
      ),
    );
    expect(violations(r, 'H6')[0]).toMatchObject({ ruleId: 'R16', teacherId: 'NEW4' });
  });
  it("an excluded village teacher is named with the plan's own shadowWindowYears, not a fixed 5", async () => {
    const r = await solve({
      ...input(schools, [teacher('NEW3', 'VIL', { hireDate: `${YEAR - 3}-09-01`, schoolSince: `${YEAR - 3}-09-01`, postSince: `${YEAR - 3}-09-01` })], {
        parameters: { shadowWindowYears: 4 },
      }),
      exclusions: [{ teacherId: 'NEW3' }],
    });
    expect(violations(r, 'H6')[0].message).toMatch(/R16 \(shadowing within 4 years\)/);
  });
  it('a pin that sends the teacher on a rotation instead is an H6 violation naming the pin', async () => {
    const r = await solve({
      ...input(schools, [teacher('NEW4', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01` })]),
      pins: [{ teacherId: 'NEW4', toSchoolId: 'CEN', kind: 'rotation' }],
    });
    expect(lineOf(r, 'NEW4')).toMatchObject({ kind: 'rotation', toSchoolId: 'CEN' });
    const v = violations(r, 'H6');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ teacherId: 'NEW4', pin: { teacherId: 'NEW4', toSchoolId: 'CEN', kind: 'rotation' } });
    expect(v[0].remedy).toMatch(/remove the pin of NEW4 to CEN/);
  });
  it('on leave or not established in the last window year, or the window already closed unshadowed: exceptions on record', async () => {
    const hired = (y: number) => ({ hireDate: `${YEAR - y}-09-01`, schoolSince: `${YEAR - y}-09-01`, postSince: `${YEAR - y}-09-01` });
    const r = await solve(
      input(schools, [
        teacher('LEAVE', 'VIL', { ...hired(4), status: 'on_leave' }),
        teacher('NE', 'VIL', { ...hired(4), established: false }),
        teacher('CLOSED', 'VIL', hired(6)),
        teacher('OLD', 'VIL', hired(12)),
        teacher('TOWNIE', 'TOWN', hired(6)),
      ]),
    );
    expect(r.lines.filter((l) => l.kind === 'shadowing')).toEqual([]);
    expect(violations(r, 'H6')).toEqual([]);
    expect(exceptions(r, 'H6').map((e) => [e.teacherId, e.ruleId, e.reason])).toEqual([
      ['LEAVE', 'R16', 'on_leave'],
      ['NE', 'R16', 'not_established'],
      ['CLOSED', 'R16', 'window_closed'],
    ]);
  });
});
