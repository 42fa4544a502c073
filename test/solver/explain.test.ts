import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import { input, rural, school, staff, teacher } from './fixtures.js';

/** Reasons cite only the rules that made the line (issue 11). */
describe('explain: a line cites R01 and 学区内 only when they made it', () => {
  it('R01: only the moves a school needed to reach its quota cite R01; the others keep their own reasons', async () => {
    // 10 eligible teachers: ⌈10% · 10⌉ = 1 required; HR pins three to the rural school
    const teachers = staff('T', 'TOWN', 10, (i) => ({ schoolSince: `${2010 + i}-09-01` }));
    const r = await solve({
      ...input([school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 8, weeklyHours: 112 }] })], teachers),
      pins: ['T03', 'T05', 'T07'].map((teacherId) => ({ teacherId, toSchoolId: 'VIL', kind: 'rotation' as const })),
    });
    const out = r.lines.filter((l) => l.fromSchoolId === 'TOWN' && l.kind === 'rotation');
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(r.compliance.schools.find((s) => s.schoolId === 'TOWN')).toMatchObject({ eligible: 10, required: 1 });
    const r01 = out.filter((l) => l.reasons.includes('R01_QUOTA'));
    expect(r01).toHaveLength(1);
    // the longest at the school of those moved is the one the quota needed (deterministic order)
    const since = (id: string) => teachers.find((t) => t.id === id)!.schoolSince;
    const longest = out.map((l) => l.teacherId).sort((a, b) => since(a).localeCompare(since(b)) || a.localeCompare(b))[0];
    expect(r01[0].teacherId).toBe(longest);
    for (const l of out.filter((x) => !x.reasons.includes('R01_QUOTA'))) {
      expect(l.reasons).toContain('R06_LONG_TENURE');
      expect(l.explanation).not.toMatch(/本校交流比例要求/);
    }
  });
  it('学区内: a pinned 走教 line across 学区 does not say 学区内 or 同一学区内; one inside the 学区 does', async () => {
    const schools = [
      rural('CEN', 8, { districtId: 'D1', locality: 'township', isCentral: true, needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
      rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
      rural('FAR', 60, { districtId: 'D2', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
    ];
    const r = await solve({
      ...input(schools, [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 10 }), teacher('MUS2', 'CEN', { subjects: ['music'], weeklyHours: 10 })]),
      pins: [{ teacherId: 'MUS2', toSchoolId: 'FAR', kind: 'itinerant' }],
    });
    const across = r.lines.find((l) => l.kind === 'itinerant' && l.teacherId === 'MUS2')!;
    expect(across.toSchoolId).toBe('FAR');
    expect(across.reasons).toContain('PINNED');
    expect(across.reasons).not.toContain('R21_SAME_DISTRICT');
    expect(across.explanation).not.toMatch(/学区内/);
    const inside = r.lines.find((l) => l.kind === 'itinerant' && l.toSchoolId === 'VIL')!;
    expect(inside.reasons).toContain('R21_SAME_DISTRICT');
    expect(inside.explanation).toMatch(/学区内走教/);
  });
});
