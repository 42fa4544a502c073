import { describe, expect, it } from 'vitest';
import { clocksOf, ruralServiceYears } from '../../solver/clocks.js';
import { Context } from '../../solver/context.js';
import { solve } from '../../solver/index.js';
import { resolveParameters } from '../../solver/parameters.js';
import { placementOn } from '../../solver/placement.js';
import type { SolverServiceRecord, SolverTeacher } from '../../solver/types.js';
import { input, rural, school, staff, teacher, YEAR } from './fixtures.js';
import { lineOf } from './rules/helpers.js';

const p = resolveParameters({});
const record = (over: Partial<SolverServiceRecord> & Pick<SolverServiceRecord, 'schoolId' | 'kind' | 'from'>): SolverServiceRecord => ({
  post: 'teacher',
  to: null,
  ruralAtTheTime: true,
  ...over,
});
/** A three-year rotation at `host` starting 1 September of `from`. */
const rotation = (host: string, from: number, years = 3) => record({ schoolId: host, kind: 'rotation', from: `${from}-09-01`, to: `${from + years}-08-31` });
const ctxOf = (teachers: SolverTeacher[], year = YEAR, parameters = {}) =>
  new Context(input([school('TOWN'), rural('VIL', 20)], teachers, { year }), resolveParameters(parameters));

describe('placement over time (model.md "Placement over time")', () => {
  it('a leader rotation published for 1 September Y is not the home post before that day, and is from it', () => {
    const vp = teacher('VP', 'TOWN', {
      post: 'vice_principal',
      postSince: '2015-09-01',
      serviceRecords: [record({ schoolId: 'VIL', kind: 'leader_rotation', post: 'principal', from: `${YEAR}-09-01`, to: `${YEAR + 3}-08-31` })],
    });
    const before = placementOn(vp, `${YEAR}-08-31`);
    expect(before).toMatchObject({
      homeSchoolId: 'TOWN',
      homePost: 'vice_principal',
      postSince: '2015-09-01',
      workingSchoolId: 'TOWN',
      leftPersonnelPost: null,
    });
    const on = placementOn(vp, `${YEAR}-09-01`);
    expect(on).toMatchObject({ homeSchoolId: 'VIL', homePost: 'principal', postSince: `${YEAR}-09-01`, workingSchoolId: 'VIL', since: `${YEAR}-09-01` });
    // the plan year before sees her at home in her old post; the plan year of the record at the host, 0 years in post
    expect(ctxOf([vp], YEAR - 1).teacherById.get('VP')).toMatchObject({ schoolId: 'TOWN', post: 'vice_principal' });
    const ctx = ctxOf([vp], YEAR);
    expect(ctx.teacherById.get('VP')).toMatchObject({ schoolId: 'VIL', post: 'principal', postSince: `${YEAR}-09-01` });
    expect(ctx.clocks.get('VP')).toMatchObject({ yearsInPost: 0, yearsAtSchool: 0, leader: true, awayNow: false });
    expect(ctx.headcount(ctx.schoolById.get('VIL')!)).toBe(1);
    expect(ctx.headcount(ctx.schoolById.get('TOWN')!)).toBe(0);
  });

  it('a teacher back from a rotation has 0 continuous years at home from the return (R06)', () => {
    const backNow = teacher('B0', 'TOWN', { schoolSince: '2005-09-01', serviceRecords: [rotation('VIL', YEAR - 3)] });
    const backLastYear = teacher('B1', 'TOWN', { schoolSince: '2005-09-01', serviceRecords: [rotation('VIL', YEAR - 4)] });
    // the day before the return she is still away
    expect(placementOn(backNow, `${YEAR}-08-31`)).toMatchObject({ workingSchoolId: 'VIL', homeSchoolId: 'TOWN' });
    expect(placementOn(backNow, `${YEAR}-09-01`)).toMatchObject({ workingSchoolId: 'TOWN', awayRecord: null, since: `${YEAR}-09-01` });
    expect(placementOn(backLastYear, `${YEAR}-09-01`).since).toBe(`${YEAR - 1}-09-01`);
    const now = clocksOf(backNow, new Map([school('TOWN'), rural('VIL', 20)].map((s) => [s.id, s])), YEAR, p);
    expect(now).toMatchObject({ yearsAtSchool: 0, eligible: false, available: true, awayNow: false });
    const ctx = ctxOf([backNow, backLastYear]);
    expect(ctx.clocks.get('B1')).toMatchObject({ yearsAtSchool: 1, eligible: false });
    // back at home: she works there again and counts there
    expect(ctx.staffIn(ctx.schoolById.get('TOWN')!, 'math')).toBe(2);
    expect(ctx.staffIn(ctx.schoolById.get('VIL')!, 'math')).toBe(0);
  });

  it('R06/R01: a long-tenured teacher returning on 1 September Y gets no rotation line and is not in the eligible count', async () => {
    // the returning teacher is the best candidate by far (backbone, master's degree) if she were eligible
    const back = teacher('A00', 'TOWN', { schoolSince: '2000-09-01', backbone: 'county', education: 'master', serviceRecords: [rotation('VIL2', YEAR - 3)] });
    const r = await solve(input([school('TOWN'), rural('VIL', 20), rural('VIL2', 30)], [back, ...staff('T', 'TOWN', 10, () => ({ education: 'associate' }))]));
    expect(lineOf(r, 'A00')).toBeUndefined();
    expect(r.compliance.schools.find((s) => s.schoolId === 'TOWN')).toMatchObject({ eligible: 10, required: 1, proposed: 1 });
  });

  it('a teacher hosted from an earlier year counts in staffIn at the host, not at home; her 编制 stays at home (Q16)', () => {
    const hosted = teacher('H', 'TOWN', { serviceRecords: [rotation('VIL', YEAR - 1)] });
    const ctx = ctxOf([hosted, teacher('L', 'VIL')]);
    const [town, vil] = [ctx.schoolById.get('TOWN')!, ctx.schoolById.get('VIL')!];
    expect(ctx.placement.get('H')).toMatchObject({ homeSchoolId: 'TOWN', workingSchoolId: 'VIL', postAtHost: false });
    expect(ctx.staffIn(vil, 'math')).toBe(2);
    expect(ctx.staffIn(town, 'math')).toBe(0);
    expect(ctx.teachersAt.get('VIL')!.map((t) => t.id)).toEqual(['H', 'L']);
    expect(ctx.headcount(town)).toBe(1);
    expect(ctx.headcount(vil)).toBe(1);
    expect(ctx.clocks.get('H')).toMatchObject({ awayNow: true, available: false });
  });

  it('H7 counts home posts (Q16); a rotation longer than three years takes the post along only when the plan says so', () => {
    const four = teacher('F', 'TOWN', { serviceRecords: [rotation('VIL', YEAR - 1, 4)] });
    const kept = ctxOf([four]);
    expect(kept.headcount(kept.schoolById.get('TOWN')!)).toBe(1);
    expect(kept.movesPost('rotation')).toBe(false);
    expect(kept.movesPost('leader_rotation')).toBe(true);
    const moved = ctxOf([four], YEAR, { longRotationMovesPost: true, rotationYears: 4 });
    expect(moved.placement.get('F')).toMatchObject({ homeSchoolId: 'VIL', workingSchoolId: 'VIL', postAtHost: true });
    expect(moved.headcount(moved.schoolById.get('TOWN')!)).toBe(0);
    expect(moved.headcount(moved.schoolById.get('VIL')!)).toBe(1);
    expect(moved.movesPost('rotation')).toBe(true);
    // three-year rotations keep the post at home whatever the flag says
    expect(ctxOf([four], YEAR, { longRotationMovesPost: true, rotationYears: 3 }).movesPost('rotation')).toBe(false);
  });

  it('R11: rural years include a leader rotation to a rural school, and a rural personnel post stops counting once a leader rotation took the teacher to town', () => {
    const schools = new Map([school('TOWN'), rural('VIL', 20)].map((s) => [s.id, s]));
    const toVillage = teacher('UP', 'TOWN', {
      post: 'vice_principal',
      serviceRecords: [record({ schoolId: 'VIL', kind: 'leader_rotation', post: 'principal', from: `${YEAR - 3}-09-01` })],
    });
    expect(ruralServiceYears(toVillage, schools, YEAR)).toBe(3);
    expect(clocksOf(toVillage, schools, YEAR, p).ruralYears).toBe(3);
    const toTown = teacher('DOWN', 'VIL', {
      schoolSince: `${YEAR - 12}-09-01`,
      post: 'vice_principal',
      serviceRecords: [record({ schoolId: 'TOWN', kind: 'leader_rotation', post: 'principal', from: `${YEAR - 3}-09-01`, ruralAtTheTime: false })],
    });
    // nine years in the village, then three in town: the personnel post's school is still the village
    expect(clocksOf(toTown, schools, YEAR, p).ruralYears).toBe(9);
    expect(ruralServiceYears(toTown, schools, YEAR, placementOn(toTown, `${YEAR}-09-01`))).toBe(9);
  });

  it("the compliance report shows every school's 编制 and working staff before and after the moves", async () => {
    const r = await solve(
      input(
        [school('TOWN'), rural('VIL', 20, { needs: [{ subject: 'math', teachers: 3, weeklyHours: 42 }] }), rural('FAR', 30, { needs: [] })],
        [...staff('T', 'TOWN', 10), teacher('H', 'TOWN', { serviceRecords: [rotation('FAR', YEAR - 1)] }), teacher('L', 'VIL')],
      ),
    );
    const moved = r.lines.filter((l) => l.kind === 'rotation' && l.fromSchoolId === 'TOWN').length;
    expect(moved).toBeGreaterThan(0);
    const by = new Map(r.compliance.staffing.map((s) => [s.schoolId, s]));
    expect([...by.keys()].sort()).toEqual(['FAR', 'TOWN', 'VIL']);
    // H's post stays at TOWN (Q16) while she works at FAR; three-year rotations move no post
    expect(by.get('TOWN')).toEqual({
      schoolId: 'TOWN',
      approvedHeadcount: 100,
      homePostsBefore: 11,
      homePostsAfter: 11,
      workingBefore: 10,
      workingAfter: 10 - moved,
    });
    expect(by.get('FAR')).toMatchObject({ homePostsBefore: 0, homePostsAfter: 0, workingBefore: 1, workingAfter: 1 });
    expect(by.get('VIL')).toMatchObject({ homePostsBefore: 1, homePostsAfter: 1, workingBefore: 1, workingAfter: 1 + moved });
  });

  it('with long rotations taking the post (Q16 parameter), the report moves the 编制 too', async () => {
    const r = await solve(input([school('TOWN'), rural('VIL', 20)], staff('T', 'TOWN', 10), { parameters: { rotationYears: 4, longRotationMovesPost: true } }));
    const moved = r.lines.filter((l) => l.kind === 'rotation').length;
    expect(moved).toBeGreaterThan(0);
    const vil = r.compliance.staffing.find((s) => s.schoolId === 'VIL')!;
    expect(vil).toMatchObject({ homePostsBefore: 0, homePostsAfter: moved, workingAfter: moved });
  });

  it('走教 starts from where a teacher works: a music teacher hosted from an earlier year covers the host, so no 走教 is planned there', async () => {
    const schools = [
      school('TOWN', { districtId: 'D1' }),
      rural('VIL', 5, { districtId: 'D1', needs: [{ subject: 'music', teachers: 1, weeklyHours: 10 }] }),
      rural('CEN', 8, { districtId: 'D1', locality: 'township', isCentral: true, needs: [] }),
    ];
    const hosted = teacher('HM', 'TOWN', { subjects: ['music'], weeklyHours: 14, serviceRecords: [rotation('VIL', YEAR - 1)] });
    const r = await solve(input(schools, [hosted, teacher('MUS', 'CEN', { subjects: ['music'], weeklyHours: 8 })]));
    expect(r.lines.filter((l) => l.kind === 'itinerant')).toEqual([]);
  });
});
