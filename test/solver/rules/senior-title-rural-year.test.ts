import { describe, expect, it } from 'vitest';
import { solve } from '../../../solver/index.js';
import { input, rural, school, teacher, YEAR } from '../fixtures.js';
import { lineOf, violations } from './helpers.js';

describe('H5 (R11): a senior-title applicant without a rural year goes to a rural or weak school', () => {
  it('binds although the teacher is not eligible by tenure; a teacher with a rural year stays', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        [
          teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1 }),
          teacher('HAS', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1, priorRuralYears: 1 }),
        ],
      ),
    );
    expect(lineOf(r, 'APP')).toMatchObject({ kind: 'rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'APP')!.reasons).toContain('R11_TITLE_PREREQUISITE');
    expect(lineOf(r, 'HAS')).toBeUndefined();
  });
  it('cannot be met: no rural school teaches the subject', async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20)],
        [teacher('APP', 'TOWN', { subjects: ['physics'], schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })],
      ),
    );
    expect(violations(r, 'H5')[0]).toMatchObject({ ruleId: 'R11', teacherId: 'APP' });
    expect(violations(r, 'H5')[0].remedy).toMatch(/vacancy/);
  });
});
