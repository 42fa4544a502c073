import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, staff, teacher } from '../fixtures.js';
import { lineOf } from './helpers.js';

describe('H8: exempt, inactive and non-established teachers are never moved', () => {
  it('an exempt teacher stays although longest in post; a volunteer among the exempt may go', async () => {
    const teachers = [
      teacher('MAT', 'TOWN', {
        schoolSince: '1999-09-01',
        hireDate: '1999-09-01',
        exemptions: [{ reason: 'maternity', from: '2027-06-01', to: '2028-03-01', note: null }],
      }),
      teacher('NOTEST', 'TOWN', { schoolSince: '1999-09-01', hireDate: '1999-09-01', established: false }),
      teacher('LEAVE', 'TOWN', { schoolSince: '1999-09-01', hireDate: '1999-09-01', status: 'on_leave' }),
      ...staff('T', 'TOWN', 9, (i) => ({ backbone: i === 0 ? 'county' : null })),
    ];
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], teachers));
    for (const id of ['MAT', 'NOTEST', 'LEAVE']) expect(lineOf(r, id)).toBeUndefined();
    // the exempt teacher is not in the denominator: 9 eligible → 1 required
    expect(r.compliance.schools[0]).toMatchObject({ eligible: 9, required: 1 });
    // (a backbone volunteer: a lone non-backbone mover would break R02's 20% by itself)
    const v = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        [teacher('VOL', 'TOWN', { volunteer: true, backbone: 'county', exemptions: [{ reason: 'illness', from: '2027-01-01', to: null, note: null }] })],
      ),
    );
    expect(lineOf(v, 'VOL')).toBeDefined();
    expect(lineOf(v, 'VOL')!.reasons).toContain('R09_VOLUNTEER');
  });
  it('a volunteer coming back from a rotation on 1 September is not sent out again that day', async () => {
    const back = { schoolId: 'VIL', post: 'teacher', kind: 'rotation' as const, from: '2024-09-01', to: '2027-08-31', ruralAtTheTime: true };
    const vol = (id: string, serviceRecords: (typeof back)[]) => teacher(id, 'TOWN', { volunteer: true, backbone: 'county', serviceRecords });
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], [vol('BACK', [back]), vol('STAYED', [])]));
    expect(lineOf(r, 'BACK')).toBeUndefined();
    expect(lineOf(r, 'STAYED')).toBeDefined();
  });
  it('subject and stage always match', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('JUN', 10, { stage: 'junior', needs: [{ subject: 'math', teachers: 5, weeklyHours: 70 }] }), rural('VIL', 30)],
        staff('T', 'TOWN', 12, (i) => ({ backbone: i < 2 ? 'county' : null })),
      ),
    );
    for (const l of r.lines) expect(l.toSchoolId).not.toBe('JUN');
  });
});
