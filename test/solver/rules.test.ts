import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import type { SolverResult } from '../../solver/types.js';
import { input, rural, school, staff, teacher, YEAR } from './fixtures.js';

/** One tiny named fixture per rule where it binds, and one where it cannot be met. */
const movesFrom = (r: SolverResult, schoolId: string) => r.lines.filter((l) => l.fromSchoolId === schoolId && l.kind !== 'itinerant');
const lineOf = (r: SolverResult, teacherId: string) => r.lines.find((l) => l.teacherId === teacherId && l.kind !== 'itinerant');
const violations = (r: SolverResult, rule: string) => r.compliance.violations.filter((v) => v.rule === rule);

describe('H2 (R01): a sending school rotates at least ceil(10%) of its eligible teachers', () => {
  it('binds: 12 eligible teachers, 2 rotate to the receiving school', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null }))));
    expect(movesFrom(r, 'TOWN').length).toBeGreaterThanOrEqual(2);
    expect(r.compliance.schools[0]).toMatchObject({ schoolId: 'TOWN', eligible: 12, required: 2, pass: true });
    for (const l of movesFrom(r, 'TOWN')) expect(l.reasons).toContain('R01_QUOTA');
  });
  it('cannot be met: no receiving school needs the subject, and the report says so with a remedy', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] })], staff('T', 'TOWN', 12)));
    expect(movesFrom(r, 'TOWN')).toHaveLength(0);
    const v = violations(r, 'H2');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ruleId: 'R01', schoolId: 'TOWN', amount: 2 });
    expect(v[0].message).toContain('TOWN');
    expect(v[0].remedy).toMatch(/receiving posts/);
    expect(r.compliance.schools[0].pass).toBe(false);
  });
});

describe('H3 (R02): backbone teachers are at least 20% of those rotated', () => {
  it('binds: the one backbone teacher is among the movers, although others have longer tenure', async () => {
    const teachers = staff('T', 'TOWN', 10, (i) => ({ schoolSince: i === 0 ? '2020-09-01' : '2000-09-01', backbone: i === 0 ? 'city' : null, hireDate: '2000-09-01' }));
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], teachers));
    expect(lineOf(r, 'T01')).toBeDefined();
    expect(lineOf(r, 'T01')!.reasons).toContain('R02_BACKBONE_SHARE');
    expect(r.compliance.schools[0].backbone).toBeGreaterThanOrEqual(1);
  });
  it('cannot be met: no backbone teacher at the school is reported as H3', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], staff('T', 'TOWN', 10)));
    expect(violations(r, 'H3')[0]).toMatchObject({ ruleId: 'R02', schoolId: 'TOWN' });
    expect(violations(r, 'H3')[0].message).toMatch(/backbone/);
  });
});

describe('H4 (R08): a leader 12 years in the same post moves', () => {
  it('binds at exactly 12 years; 11 years stays', async () => {
    const r = await solve(input([school('A'), school('B', { location: { lat: 23.02, lon: 116.3 } })], [
      teacher('P12', 'A', { post: 'principal', postSince: '2015-09-01', schoolSince: '2015-09-01' }),
      teacher('P11', 'B', { post: 'principal', postSince: '2016-09-01', schoolSince: '2022-09-01' }),
    ]));
    expect(lineOf(r, 'P12')).toMatchObject({ kind: 'leader_rotation', toSchoolId: 'B' });
    expect(lineOf(r, 'P12')!.reasons).toContain('R08_LEADER_TENURE');
    expect(lineOf(r, 'P11')).toBeUndefined();
  });
  it('cannot be met: no other school of the stage, reported by name', async () => {
    const r = await solve(input([school('A'), school('K', { stage: 'kindergarten' })], [teacher('P', 'A', { post: 'principal', postSince: '2010-09-01' })]));
    expect(violations(r, 'H4')[0]).toMatchObject({ ruleId: 'R08', teacherId: 'P' });
    expect(violations(r, 'H4')[0].message).toMatch(/17 years/);
  });
});

describe('H5 (R11): a senior-title applicant without a rural year goes to a rural or weak school', () => {
  it('binds although the teacher is not eligible by tenure; a teacher with a rural year stays', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], [
      teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1 }),
      teacher('HAS', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR + 1, priorRuralYears: 1 }),
    ]));
    expect(lineOf(r, 'APP')).toMatchObject({ kind: 'rotation', toSchoolId: 'VIL' });
    expect(lineOf(r, 'APP')!.reasons).toContain('R11_TITLE_PREREQUISITE');
    expect(lineOf(r, 'HAS')).toBeUndefined();
  });
  it('cannot be met: no rural school teaches the subject', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], [teacher('APP', 'TOWN', { subjects: ['physics'], schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })]));
    expect(violations(r, 'H5')[0]).toMatchObject({ ruleId: 'R11', teacherId: 'APP' });
    expect(violations(r, 'H5')[0].remedy).toMatch(/vacancy/);
  });
});

describe('H6 (R16): a new village teacher shadows at a central school before five years are out', () => {
  const schools = [school('TOWN'), rural('VIL', 20), rural('CEN', 10, { locality: 'township', isCentral: true })];
  it('binds in the last year of the window; earlier, or after shadowing, not', async () => {
    const r = await solve(input(schools, [
      teacher('NEW4', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01` }),
      teacher('NEW2', 'VIL', { hireDate: `${YEAR - 2}-09-01`, schoolSince: `${YEAR - 2}-09-01`, postSince: `${YEAR - 2}-09-01` }),
      teacher('DONE', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01`,
        serviceRecords: [{ schoolId: 'CEN', post: 'teacher', kind: 'shadowing', from: `${YEAR - 2}-09-01`, to: `${YEAR - 1}-08-31`, ruralAtTheTime: false }] }),
    ]));
    expect(lineOf(r, 'NEW4')?.kind).toBe('shadowing');
    expect(['TOWN', 'CEN']).toContain(lineOf(r, 'NEW4')!.toSchoolId);
    expect(lineOf(r, 'NEW4')!.reasons).toContain('R16_SHADOWING');
    expect(lineOf(r, 'NEW2')).toBeUndefined();
    expect(lineOf(r, 'DONE')).toBeUndefined();
  });
  it('cannot be met: no host school of the stage', async () => {
    const r = await solve(input([rural('VIL', 20), school('K', { stage: 'kindergarten' })], [teacher('NEW4', 'VIL', { hireDate: `${YEAR - 4}-09-01`, schoolSince: `${YEAR - 4}-09-01`, postSince: `${YEAR - 4}-09-01` })]));
    expect(violations(r, 'H6')[0]).toMatchObject({ ruleId: 'R16', teacherId: 'NEW4' });
  });
});

describe('H7 (R19): no school ends above its approved headcount', () => {
  it('binds: the full school nearby is passed over for a farther one with room', async () => {
    const r = await solve(input([school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 }), rural('ROOM', 40)], [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10, (i) => ({ backbone: i === 0 ? 'county' : null }))]));
    expect(r.lines.some((l) => l.toSchoolId === 'FULL' && l.kind === 'rotation')).toBe(false);
    expect(r.lines.some((l) => l.toSchoolId === 'ROOM')).toBe(true);
  });
  it('cannot be met with the quota: both hard rules are named', async () => {
    const r = await solve(input([school('TOWN'), rural('FULL', 5, { approvedHeadcount: 1 })], [teacher('X', 'FULL'), ...staff('T', 'TOWN', 10)]));
    const rules = r.compliance.violations.map((v) => v.rule);
    expect(rules.some((x) => x === 'H2' || x === 'H7')).toBe(true);
  });
});

describe('H8: exempt, inactive and non-established teachers are never moved', () => {
  it('an exempt teacher stays although longest in post; a volunteer among the exempt may go', async () => {
    const teachers = [
      teacher('MAT', 'TOWN', { schoolSince: '1999-09-01', hireDate: '1999-09-01', exemptions: [{ reason: 'maternity', from: '2027-06-01', to: '2028-03-01', note: null }] }),
      teacher('NOTEST', 'TOWN', { schoolSince: '1999-09-01', hireDate: '1999-09-01', established: false }),
      teacher('LEAVE', 'TOWN', { schoolSince: '1999-09-01', hireDate: '1999-09-01', status: 'on_leave' }),
      ...staff('T', 'TOWN', 9, (i) => ({ backbone: i === 0 ? 'county' : null })),
    ];
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], teachers));
    for (const id of ['MAT', 'NOTEST', 'LEAVE']) expect(lineOf(r, id)).toBeUndefined();
    // the exempt teacher is not in the denominator: 9 eligible → 1 required
    expect(r.compliance.schools[0]).toMatchObject({ eligible: 9, required: 1 });
    // (a backbone volunteer: a lone non-backbone mover would break R02's 20% by itself)
    const v = await solve(input([school('TOWN'), rural('VIL', 20)], [teacher('VOL', 'TOWN', { volunteer: true, backbone: 'county', exemptions: [{ reason: 'illness', from: '2027-01-01', to: null, note: null }] })]));
    expect(lineOf(v, 'VOL')).toBeDefined();
    expect(lineOf(v, 'VOL')!.reasons).toContain('R09_VOLUNTEER');
  });
  it('subject and stage always match', async () => {
    const r = await solve(input([school('TOWN'), rural('JUN', 10, { stage: 'junior', needs: [{ subject: 'math', teachers: 5, weeklyHours: 70 }] }), rural('VIL', 30)], staff('T', 'TOWN', 12, (i) => ({ backbone: i < 2 ? 'county' : null }))));
    for (const l of r.lines) expect(l.toSchoolId).not.toBe('JUN');
  });
});

describe('H9: pins and exclusions', () => {
  const base = () => input([school('TOWN'), rural('NEAR', 5), rural('FAR', 60)], staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null })));
  it('a pinned line appears as pinned; an excluded teacher does not appear', async () => {
    const first = await solve(base());
    const mover = movesFrom(first, 'TOWN')[0].teacherId;
    const r = await solve({ ...base(), pins: [{ teacherId: 'T12', toSchoolId: 'FAR', kind: 'rotation' }], exclusions: [{ teacherId: mover }] });
    expect(lineOf(r, 'T12')).toMatchObject({ toSchoolId: 'FAR' });
    expect(lineOf(r, 'T12')!.reasons).toContain('PINNED');
    expect(lineOf(r, mover)).toBeUndefined();
  });
  it('excluding a teacher a rule requires to move is reported, not silent', async () => {
    const b = input([school('TOWN'), rural('VIL', 20)], [teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })]);
    const r = await solve({ ...b, exclusions: [{ teacherId: 'APP' }] });
    expect(lineOf(r, 'APP')).toBeUndefined();
    expect(violations(r, 'H5')[0]).toMatchObject({ teacherId: 'APP' });
    expect(violations(r, 'H5')[0].message).toMatch(/excluded/);
  });
  it('pins that push a school over its 编制 are named in the H7 violation, with the remedy', async () => {
    const b = input([school('TOWN'), rural('SMALL', 5, { approvedHeadcount: 1 }), rural('VIL', 20)], [teacher('X', 'SMALL'), ...staff('T', 'TOWN', 12, (i) => ({ backbone: i < 3 ? 'county' : null }))]);
    const r = await solve({ ...b, pins: [{ teacherId: 'T05', toSchoolId: 'SMALL', kind: 'rotation' }] });
    expect(lineOf(r, 'T05')).toMatchObject({ toSchoolId: 'SMALL' });
    const v = violations(r, 'H7');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ schoolId: 'SMALL', amount: 1 });
    expect(v[0].message).toContain('pinned into it: T05');
    expect(v[0].messageZh).toContain('人事股指定调入：T05');
    expect(v[0].remedy).toMatch(/remove the pin of T05/);
  });
  it('a pin that sends a senior-title applicant to a town school is named as breaking H5', async () => {
    const b = input([school('TOWN'), school('TOWN2', { locality: 'urban' }), rural('VIL', 20)], [teacher('APP', 'TOWN', { schoolSince: '2024-09-01', seniorTitleApplicationYear: YEAR })]);
    const r = await solve({ ...b, pins: [{ teacherId: 'APP', toSchoolId: 'TOWN2', kind: 'rotation' }] });
    expect(lineOf(r, 'APP')).toMatchObject({ toSchoolId: 'TOWN2' });
    const v = violations(r, 'H5');
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/HR's pin sends the teacher to TOWN2/);
    expect(v[0].remedy).toMatch(/pin the teacher to a rural or weak school/);
  });
  it('a pin that H8 forbids is reported by name, not carried out', async () => {
    const b = base();
    b.teachers[0].exemptions = [{ reason: 'illness', from: '2027-01-01', to: null, note: null }];
    const r = await solve({ ...b, pins: [{ teacherId: 'T01', toSchoolId: 'FAR', kind: 'rotation' }] });
    expect(lineOf(r, 'T01')).toBeUndefined();
    expect(violations(r, 'H9')[0]).toMatchObject({ teacherId: 'T01', schoolId: 'FAR' });
    expect(violations(r, 'H9')[0].message).toMatch(/pin/);
  });
});

describe('soft goals', () => {
  it('S1 (R06): the longer-tenured of two alike teachers goes', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', schoolSince: i === 4 ? '1998-09-01' : '2019-09-01', hireDate: '1998-09-01' }))));
    expect(movesFrom(r, 'TOWN').map((l) => l.teacherId)).toContain('T05');
  });
  it('S4 (R24): a shortage-subject vacancy is filled first', async () => {
    const teachers = [...staff('M', 'TOWN', 9, () => ({ backbone: 'county' })), teacher('MUS', 'TOWN', { subjects: ['music'], backbone: 'county', schoolSince: '2019-09-01' })];
    const r = await solve(input([school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }, { subject: 'music', teachers: 1, weeklyHours: 10 }] })], teachers));
    expect(lineOf(r, 'MUS')).toBeDefined();
    expect(lineOf(r, 'MUS')!.reasons).toContain('R24_SHORTAGE_SUBJECT');
  });
  it('S5 (R21, R30): a nearer school, and a paired school, are preferred', async () => {
    // both rural schools fully staffed: the one quota move goes where it costs least
    const full = { needs: [{ subject: 'math', teachers: 1, weeklyHours: 14 }] };
    const locals = [teacher('N1', 'NEAR'), teacher('F1', 'FAR')];
    const near = await solve(input([school('TOWN'), rural('NEAR', 8, full), rural('FAR', 50, full)], [...locals, ...staff('T', 'TOWN', 10, () => ({ backbone: 'county' }))]));
    expect(movesFrom(near, 'TOWN')).toHaveLength(1);
    expect(movesFrom(near, 'TOWN')[0].toSchoolId).toBe('NEAR');
    const paired = await solve(input([school('TOWN', { pairedSchoolIds: ['FAR'] }), rural('NEAR', 8, full), rural('FAR', 25, full)], [...locals, ...staff('T', 'TOWN', 10, () => ({ backbone: 'county' }))]));
    expect(movesFrom(paired, 'TOWN')[0].toSchoolId).toBe('FAR');
    expect(movesFrom(paired, 'TOWN')[0].reasons).toContain('R30_PAIRING');
  });
  it('S6: a teacher\'s preferred school is honoured', async () => {
    const r = await solve(input([school('TOWN'), rural('NEAR', 8), rural('FAR', 30)], staff('T', 'TOWN', 10, (i) => ({ backbone: 'county', ...(i === 2 ? { preferences: { schoolIds: ['FAR'], maxKm: null }, schoolSince: '1999-09-01', hireDate: '1999-09-01' } : {}) }))));
    expect(lineOf(r, 'T03')).toMatchObject({ toSchoolId: 'FAR' });
    expect(lineOf(r, 'T03')!.reasons).toContain('PREFERENCE');
  });
  it('S9: re-solving with the previous lines and nothing changed gives the same lines', async () => {
    const inp = input([school('TOWN'), rural('A', 10), rural('B', 10.2), rural('C', 10.4)], staff('T', 'TOWN', 30, (i) => ({ backbone: i % 4 === 0 ? 'county' : null })));
    const first = await solve(inp);
    const again = await solve({ ...inp, previousLines: first.lines.map((l) => ({ teacherId: l.teacherId, kind: l.kind, fromSchoolId: l.fromSchoolId, toSchoolId: l.toSchoolId })) });
    const key = (r: SolverResult) => r.lines.map((l) => `${l.teacherId}>${l.toSchoolId}:${l.kind}`).sort();
    expect(key(again)).toEqual(key(first));
  });
  it('S10 (R22): a shortage is covered by 走教 from the same 学区 within reach, never from another', async () => {
    const schools = [
      rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 6 }] }),
      rural('CEN', 8, { districtId: 'D1', locality: 'township', isCentral: true, needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
      rural('OTHER', 6, { districtId: 'D2', needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
    ];
    const r = await solve(input(schools, [teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 10 }), teacher('MUS2', 'OTHER', { subjects: ['music'], weeklyHours: 20 })]));
    const it = r.lines.filter((l) => l.kind === 'itinerant');
    expect(it).toHaveLength(1);
    expect(it[0]).toMatchObject({ teacherId: 'MUS', toSchoolId: 'VIL', hoursPerWeek: 6 });
    expect(it[0].reasons).toContain('R22_ITINERANT');
  });
});

it('rejects a parameter out of range, naming it', async () => {
  await expect(solve(input([school('TOWN')], [], { parameters: { rotationQuota: 5 } }))).rejects.toThrow(/rotationQuota/);
});
