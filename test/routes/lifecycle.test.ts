import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportTeacher } from '../../src/schemas/master-data.js';
import { anImportSchool, anImportTeacher } from '../builders.js';
import type { TestApp } from '../helpers.js';
import {
  announceAndPublish,
  caller,
  county,
  type CountySpec,
  DUE,
  type Line,
  linesOf,
  ownApp,
  plan,
  principalOf,
  proposed,
  requiredRotations,
  TINY_SPEC,
} from '../scenario.js';

/**
 * A proposal's life: principals review, HR pins and re-solves, compares, publishes, exports; next
 * year's plan sees the ledger the publication wrote. Each test has an app and a county of its own
 * (a plan covers the whole county) and walks the part of the cycle it is about.
 */
describe('proposal lifecycle', () => {
  const year = 2027;
  const { eligible } = TINY_SPEC.sending;
  const key = (ls: Line[]) => ls.map((l) => `${l.teacherId}>${l.toSchoolId}:${l.kind}`).sort();

  /** a county, a plan of `year` and its first proposal, with a principal token per school */
  const solvedCounty = async (t: TestApp, spec: CountySpec = TINY_SPEC) => {
    const c = await county(t, spec);
    const planId = await plan(t, year);
    const v1 = await proposed(t, planId);
    const principals = new Map<string, string>();
    for (const school of [c.sending, ...c.receiving]) principals.set(school, await principalOf(t, school, `${school} 校长`));
    return { c, planId, v1: v1.id as string, principals };
  };

  it('the sending and the receiving principal both object to one line; HR sees both objections', async () => {
    const t = await ownApp();
    const call = caller(t);
    const { c, v1, principals } = await solvedCounty(t);
    const line = (await linesOf(t, v1)).find((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending)!;
    expect(line).toBeDefined();
    const review = (token: string, body: object) => call('POST', `/api/v1/proposals/${v1}/lines/${line.id}/review`, body, token);
    const noComment = await review(principals.get(c.sending)!, { decision: 'object' });
    expect(noComment.statusCode).toBe(400);
    expect((await review(principals.get(c.sending)!, { decision: 'object', comment: '该教师是毕业班班主任' })).json()).toMatchObject({
      side: 'sending',
      decision: 'object',
    });
    expect((await review(principals.get(line.toSchoolId)!, { decision: 'object', comment: '本校需要英语教师' })).json()).toMatchObject({ side: 'receiving' });
    // a principal of a school the line does not touch may not review it
    const outsider = [...principals.keys()].find((s) => s !== line.toSchoolId && s !== line.fromSchoolId)!;
    expect((await review(principals.get(outsider)!, { decision: 'approve' })).statusCode).toBe(403);
    const objections = (await call('GET', `/api/v1/proposals/${v1}/reviews?decision=object`)).json().items;
    expect(objections.map((o: { side: string; comment: string }) => `${o.side}:${o.comment}`).sort()).toEqual([
      'receiving:本校需要英语教师',
      'sending:该教师是毕业班班主任',
    ]);
  });

  it('re-solving with nothing changed gives the same lines', async () => {
    const t = await ownApp();
    const { planId, v1 } = await solvedCounty(t);
    const p = await proposed(t, planId);
    expect(key(await linesOf(t, p.id))).toEqual(key(await linesOf(t, v1)));
    const diff = (await caller(t)('GET', `/api/v1/proposals/${p.id}/diff?against=${v1}`)).json();
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect(diff.unchanged).toBeGreaterThan(0);
  });

  it('a pin is kept and an exclusion honoured; the diff says what changed and why', async () => {
    const t = await ownApp();
    const call = caller(t);
    const { c, planId, v1 } = await solvedCounty(t);
    const first = await linesOf(t, v1);
    const rotations = first.filter((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending);
    expect(rotations.length).toBeGreaterThanOrEqual(requiredRotations(eligible));
    // HR excludes one rotating teacher (e.g. after an objection) and pins one the solver left at home to the village school
    const [excluded, stay] = rotations;
    const other = c.eligible.find((id) => !first.some((l) => l.teacherId === id))!;
    expect(other).toBeDefined();
    const village = c.receiving[1];
    const pins = await call('PUT', `/api/v1/plans/${planId}/pins`, {
      pin: [{ teacherId: other, toSchoolId: village, kind: 'rotation' }],
      exclude: [{ teacherId: excluded.teacherId }],
    });
    expect(pins.statusCode).toBe(200);
    const p = await proposed(t, planId);
    const lines = await linesOf(t, p.id);
    expect(lines.find((l) => l.teacherId === other)).toMatchObject({ toSchoolId: village, pinned: true });
    expect(lines.find((l) => l.teacherId === other)!.reasons).toContain('PINNED');
    expect(lines.some((l) => l.teacherId === excluded.teacherId)).toBe(false);
    expect(lines.some((l) => l.teacherId === stay.teacherId)).toBe(true);
    const diff = (await call('GET', `/api/v1/proposals/${p.id}/diff?against=${v1}`)).json();
    expect(diff.added.map((l: { teacherId: string }) => l.teacherId)).toContain(other);
    expect(diff.removed.map((l: { teacherId: string }) => l.teacherId)).toContain(excluded.teacherId);
    expect(diff.added.find((l: { teacherId: string }) => l.teacherId === other).reasons).toContain('PINNED');
    // a pin of an unknown teacher is refused and changes nothing
    const bad = await call('PUT', `/api/v1/plans/${planId}/pins`, {
      pin: [{ teacherId: '00000000-0000-4000-8000-000000000000', toSchoolId: village, kind: 'rotation' }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/plans/${planId}/pins`)).json().pin).toHaveLength(1);
  });

  it('exports the 公示 list as a real spreadsheet, read back cell by cell, and as CSV', async () => {
    const t = await ownApp();
    const call = caller(t);
    const { c, v1, principals } = await solvedCounty(t);
    const res = await call('GET', `/api/v1/proposals/${v1}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['交流轮岗', '干部交流', '跟岗学习', '走教']);
    const sheet = wb.getWorksheet('交流轮岗')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '工号',
      '姓名',
      '学科',
      '职务',
      '职称',
      '骨干',
      '原学校',
      '交流学校',
      '每周课时',
      '起始日期',
      '结束日期',
      '交流依据',
    ]);
    expect(sheet.getColumn(9).width).toBeGreaterThan(10);
    const lines = (await linesOf(t, v1)).filter((l) => l.kind === 'rotation');
    expect(lines.length).toBeGreaterThan(0);
    expect(sheet.rowCount).toBe(lines.length + 1);
    const first = (await call('GET', `/api/v1/proposals/${v1}/lines?kind=rotation&limit=1`)).json().items[0];
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    expect(sheet.getRow(2).getCell(2).value).toBe(first.teacher.externalId);
    expect(sheet.getRow(2).getCell(3).value).toBe(first.teacher.name);
    expect(sheet.getRow(2).getCell(8).value).toBe(first.fromSchoolName);
    expect(sheet.getRow(2).getCell(9).value).toBe(first.toSchoolName);
    expect(sheet.getRow(2).getCell(11).value).toBe(`${year}-09-01`);
    expect(String(sheet.getRow(2).getCell(13).value)).toBe(first.explanation);
    // the internal list is HR's and the personnel system's: a principal prints the notice of their own school (test/routes/notice-documents.test.ts)
    const villagePrincipal = principals.get(c.receiving[1])!;
    expect((await call('GET', `/api/v1/proposals/${v1}/export.csv`, undefined, villagePrincipal)).statusCode).toBe(403);
    const mine = await call('GET', `/api/v1/proposals/${v1}/export.csv?schoolId=${c.receiving[1]}`);
    const rows = mine.body.trim().split('\r\n').slice(1);
    const touching = (await linesOf(t, v1, villagePrincipal)).length;
    expect(rows).toHaveLength(touching);
  });

  it('publishes once: a second publish, or a race of two, leaves exactly one published proposal', async () => {
    const t = await ownApp();
    const call = caller(t);
    const { planId, v1 } = await solvedCounty(t);
    const v2 = (await proposed(t, planId)).id as string;
    // announcing v1 after v2 replaces v2 in the notice (issue #12): v2 is done again and cannot be published
    expect((await call('POST', `/api/v1/proposals/${v2}/announce`, {})).statusCode).toBe(200);
    const announced = await call('POST', `/api/v1/proposals/${v1}/announce`, {});
    expect(announced.statusCode, announced.body).toBe(200);
    expect((await call('GET', `/api/v1/proposals/${v2}`)).json().status).toBe('done');
    t.clock.offsetMs += new Date(`${announced.json().notice.until}T12:00:00+08:00`).getTime() + 86_400_000 - t.clock.now().getTime();
    const [a, b] = await Promise.all([call('POST', `/api/v1/proposals/${v1}/publish`), call('POST', `/api/v1/proposals/${v1}/publish`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await call('POST', `/api/v1/proposals/${v2}/publish`)).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/proposals/${v1}/publish`)).statusCode).toBe(409);
    const proposals = (await call('GET', `/api/v1/plans/${planId}/proposals`)).json().items as { status: string }[];
    expect(proposals.filter((p) => p.status === 'published')).toHaveLength(1);
    expect((await call('GET', `/api/v1/plans/${planId}`)).json().status).toBe('published');
    expect((await call('POST', `/api/v1/plans/${planId}/proposals`, {})).statusCode).toBe(409);
  });

  it('next year sees the ledger: the rural year counts, the leader clock restarted, nobody shadows twice', async () => {
    const t = await ownApp();
    const call = caller(t);
    // a senior-title applicant (R-rule: rural service before the application) and a leader due to move, so next year's clocks can be checked
    let applicant!: ImportTeacher;
    let leader!: ImportTeacher;
    const c = await county(t, {
      ...TINY_SPEC,
      extra: ({ district, sending, receiving }) => {
        applicant = anImportTeacher(sending, { ...DUE, gender: 'M', backbone: 'county', schoolSince: '2024-09-01', seniorTitleApplicationYear: year + 1 });
        leader = anImportTeacher(receiving[0], {
          ...DUE,
          gender: 'M',
          backbone: 'county',
          post: 'principal',
          postSince: '2014-09-01',
          schoolSince: '2014-09-01',
        });
        // a second urban school with room, as the tiny county's lifecycle had
        const sendingNeeds = eligible - requiredRotations(eligible);
        const secondUrban = anImportSchool(district.sending, {
          locality: 'urban',
          isHighQuality: false,
          approvedHeadcount: eligible + 2,
          location: { lat: 23.04, lon: 116.3 },
          needs: [{ subject: 'math', teachers: sendingNeeds, weeklyHours: 14 * sendingNeeds }],
        });
        return { schools: [secondUrban], teachers: [applicant, leader] };
      },
    });
    const app = c.ids[applicant.externalId];
    const prin = c.ids[leader.externalId];
    const planId = await plan(t, year);
    const v1 = (await proposed(t, planId)).id as string;
    expect((await announceAndPublish(t, v1)).statusCode).toBe(200);
    const published = await linesOf(t, v1);
    expect(published.find((l) => l.teacherId === app)).toBeDefined();
    const records = (await call('GET', `/api/v1/teachers/${app}/service-records`)).json().items;
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rotation', from: `${year}-09-01`, to: `${year + 3}-08-31`, source: 'plan', ruralAtTheTime: true }),
      ]),
    );
    const prinLine = published.find((l) => l.teacherId === prin);
    if (prinLine) {
      // publishing changes nothing about today (issue #11): the personnel data stays, the ledger holds the new post from 1 September
      const teacher = (await call('GET', `/api/v1/teachers/${prin}`)).json();
      expect(teacher).toMatchObject({ schoolId: prinLine.fromSchoolId, postSince: '2014-09-01' });
      const prinRecords = (await call('GET', `/api/v1/teachers/${prin}/service-records`)).json().items;
      expect(prinRecords).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'leader_rotation', schoolId: prinLine.toSchoolId, from: `${year}-09-01`, source: 'plan' })]),
      );
    }
    // next year: the applicant is away on rotation (not moved again) and has a rural year; the principal is not due
    const p2 = await proposed(t, await plan(t, year + 1));
    const lines2 = await linesOf(t, p2.id);
    expect(lines2.some((l) => l.teacherId === app && l.kind !== 'itinerant')).toBe(false);
    expect(lines2.some((l) => l.teacherId === prin && l.kind === 'leader_rotation')).toBe(false);
    const compliance = (await call('GET', `/api/v1/proposals/${p2.id}/compliance`)).json();
    expect(compliance.violations.filter((v: { teacherId?: string }) => v.teacherId === app || v.teacherId === prin)).toEqual([]);
    // everyone who moved this year is away next year and leaves the R01 denominator of the sending school
    const urb = compliance.schools.find((s: { schoolId: string }) => s.schoolId === c.sending);
    const awayFromUrb = published.filter((l) => l.fromSchoolId === c.sending && l.kind === 'rotation' && l.teacherId !== app).length;
    expect(awayFromUrb).toBeGreaterThan(0);
    expect(urb.eligible).toBe(eligible - awayFromUrb);
  });

  it('the whole cycle is in the audit trail: import, plan, request, objection, pins, publication, tokens', async () => {
    const t = await ownApp();
    const call = caller(t);
    const { c, planId, v1, principals } = await solvedCounty(t);
    const line = (await linesOf(t, v1)).find((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending)!;
    expect(
      (await call('POST', `/api/v1/proposals/${v1}/lines/${line.id}/review`, { decision: 'object', comment: '请再议' }, principals.get(c.sending))).statusCode,
    ).toBe(200);
    expect((await call('PUT', `/api/v1/plans/${planId}/pins`, { pin: [], exclude: [{ teacherId: line.teacherId }] })).statusCode).toBe(200);
    // the objection is answered before publishing (issue #12)
    const objection = (await call('GET', `/api/v1/proposals/${v1}/objections?state=open`)).json().items[0];
    expect((await call('POST', `/api/v1/proposals/${v1}/objections/${objection.id}/answer`, { decision: 'rejected', reason: '按政策执行' })).statusCode).toBe(
      200,
    );
    expect((await announceAndPublish(t, v1)).statusCode).toBe(200);
    const entries = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectType: string; actor: string }[];
    const seen = new Set(entries.map((e) => `${e.action}:${e.objectType}`));
    for (const x of [
      'import:roster',
      'create:plan',
      'request:proposal',
      'object:proposal_line',
      'pins:plan',
      'answer_objection:objection',
      'announce:proposal',
      'publish:proposal',
      'create:token',
    ])
      expect(seen, x).toContain(x);
    expect(entries.find((e) => e.action === 'object')!.actor).toMatch(/校长/);
  });
});
