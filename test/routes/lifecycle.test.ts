import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * A proposal's life: principals review, HR pins and re-solves, compares, publishes, exports; next
 * year's plan sees the ledger the publication wrote.
 */
describe('proposal lifecycle', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  const call = (method: string, url: string, payload?: unknown, token?: string) =>
    t.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  type L = { id: string; teacherId: string; kind: string; fromSchoolId: string; toSchoolId: string; reasons: string[]; pinned: boolean; teacher: { externalId: string } };
  const propose = async (planId: string) => {
    const req = await call('POST', `/api/v1/plans/${planId}/proposals`, {});
    expect(req.statusCode).toBe(202);
    await t.app.solveRunner.idle();
    const p = (await call('GET', `/api/v1/proposals/${req.json().id}`)).json();
    expect(p.status).toBe('done');
    return p;
  };
  const linesOf = async (proposalId: string, token?: string) => (await call('GET', `/api/v1/proposals/${proposalId}/lines`, undefined, token)).json().items as L[];

  beforeAll(async () => {
    t = await buildTestApp();
    const county = tinyCounty();
    // a senior-title applicant and a leader due to move, so next year's clocks can be checked
    county.teachers.push(
      { ...county.teachers[0], externalId: 'APP', name: '申报者', schoolSince: '2024-09-01', seniorTitleApplicationYear: 2028 },
      { ...county.teachers[0], externalId: 'PRIN', name: '老校长', post: 'principal', postSince: '2014-09-01', schoolSince: '2014-09-01', schoolExternalId: 'JH-C' },
    );
    county.schools.push({ ...county.schools[0], externalId: 'URB2', code: 'URB2', name: '惠城第二小学', isHighQuality: false, location: { lat: 23.04, lon: 116.3 } });
    expect((await call('PUT', '/api/v1/import', county)).statusCode).toBe(200);
    for (const s of (await call('GET', '/api/v1/schools')).json().items) ids[s.externalId] = s.id;
    for (const x of (await call('GET', '/api/v1/teachers?limit=100')).json().items) ids[x.externalId] = x.id;
    for (const ext of ['URB', 'JH-C', 'JH-V']) {
      tok[ext] = (await call('POST', '/api/v1/tokens', { role: 'principal', schoolId: ids[ext], label: `${ext} 校长` })).json().token;
    }
    ids.plan = (await call('POST', '/api/v1/plans', { year: 2027, name: 'cycle' })).json().id;
  });
  afterAll(async () => t?.close());

  it('the sending and the receiving principal both object to one line; HR sees both objections', async () => {
    const p = await propose(ids.plan);
    ids.v1 = p.id;
    const line = (await linesOf(p.id)).find((l) => l.kind === 'rotation' && l.fromSchoolId === ids.URB && l.teacherId !== ids.APP)!;
    ids.line = line.id;
    const receiver = Object.keys(tok).find((k) => ids[k] === line.toSchoolId)!;
    const noComment = await call('POST', `/api/v1/proposals/${p.id}/lines/${line.id}/review`, { decision: 'object' }, tok.URB);
    expect(noComment.statusCode).toBe(400);
    expect((await call('POST', `/api/v1/proposals/${p.id}/lines/${line.id}/review`, { decision: 'object', comment: '该教师是毕业班班主任' }, tok.URB)).json()).toMatchObject({ side: 'sending', decision: 'object' });
    expect((await call('POST', `/api/v1/proposals/${p.id}/lines/${line.id}/review`, { decision: 'object', comment: '本校需要英语教师' }, tok[receiver])).json()).toMatchObject({ side: 'receiving' });
    // a principal of a school the line does not touch may not review it
    const outsider = Object.keys(tok).find((k) => ids[k] !== line.toSchoolId && ids[k] !== line.fromSchoolId)!;
    expect((await call('POST', `/api/v1/proposals/${p.id}/lines/${line.id}/review`, { decision: 'approve' }, tok[outsider])).statusCode).toBe(403);
    const objections = (await call('GET', `/api/v1/proposals/${p.id}/reviews?decision=object`)).json().items;
    expect(objections.map((o: { side: string; comment: string }) => `${o.side}:${o.comment}`).sort()).toEqual(['receiving:本校需要英语教师', 'sending:该教师是毕业班班主任']);
  });

  it('re-solving with nothing changed gives the same lines', async () => {
    const p = await propose(ids.plan);
    const key = (ls: L[]) => ls.map((l) => `${l.teacherId}>${l.toSchoolId}:${l.kind}`).sort();
    expect(key(await linesOf(p.id))).toEqual(key(await linesOf(ids.v1)));
    const diff = (await call('GET', `/api/v1/proposals/${p.id}/diff?against=${ids.v1}`)).json();
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect(diff.unchanged).toBeGreaterThan(0);
  });

  it('a pin is kept and an exclusion honoured; the diff says what changed and why', async () => {
    const v1 = await linesOf(ids.v1);
    const objected = v1.find((l) => l.id === ids.line)!;
    const stay = v1.find((l) => l.kind === 'rotation' && l.fromSchoolId === ids.URB && l.id !== ids.line)!;
    const other = [...Array(12).keys()].map((i) => ids[`T${String(i + 1).padStart(3, '0')}`]).find((id) => !v1.some((l) => l.teacherId === id))!;
    const pins = await call('PUT', `/api/v1/plans/${ids.plan}/pins`, { pin: [{ teacherId: other, toSchoolId: ids['JH-V'], kind: 'rotation' }], exclude: [{ teacherId: objected.teacherId }] });
    expect(pins.statusCode).toBe(200);
    const p = await propose(ids.plan);
    ids.v3 = p.id;
    const lines = await linesOf(p.id);
    expect(lines.find((l) => l.teacherId === other)).toMatchObject({ toSchoolId: ids['JH-V'], pinned: true });
    expect(lines.find((l) => l.teacherId === other)!.reasons).toContain('PINNED');
    expect(lines.some((l) => l.teacherId === objected.teacherId)).toBe(false);
    expect(lines.some((l) => l.teacherId === stay.teacherId)).toBe(true);
    const diff = (await call('GET', `/api/v1/proposals/${p.id}/diff?against=${ids.v1}`)).json();
    expect(diff.added.map((l: { teacherId: string }) => l.teacherId)).toContain(other);
    expect(diff.removed.map((l: { teacherId: string }) => l.teacherId)).toContain(objected.teacherId);
    expect(diff.added.find((l: { teacherId: string }) => l.teacherId === other).reasons).toContain('PINNED');
    // a pin of an unknown teacher is refused and changes nothing
    const bad = await call('PUT', `/api/v1/plans/${ids.plan}/pins`, { pin: [{ teacherId: '00000000-0000-4000-8000-000000000000', toSchoolId: ids['JH-V'], kind: 'rotation' }] });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/plans/${ids.plan}/pins`)).json().pin).toHaveLength(1);
  });

  it('exports the 公示 list as a real spreadsheet, read back cell by cell, and as CSV', async () => {
    const res = await call('GET', `/api/v1/proposals/${ids.v3}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['交流轮岗', '干部交流', '跟岗学习', '走教']);
    const sheet = wb.getWorksheet('交流轮岗')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '工号', '姓名', '学科', '职务', '职称', '骨干', '原学校', '交流学校', '每周课时', '起始日期', '结束日期', '交流依据']);
    expect(sheet.getColumn(9).width).toBeGreaterThan(10);
    const lines = (await linesOf(ids.v3)).filter((l) => l.kind === 'rotation');
    expect(sheet.rowCount).toBe(lines.length + 1);
    const first = (await call('GET', `/api/v1/proposals/${ids.v3}/lines?kind=rotation&limit=1`)).json().items[0];
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    expect(sheet.getRow(2).getCell(2).value).toBe(first.teacher.externalId);
    expect(sheet.getRow(2).getCell(3).value).toBe(first.teacher.name);
    expect(sheet.getRow(2).getCell(8).value).toBe(first.fromSchoolName);
    expect(sheet.getRow(2).getCell(9).value).toBe(first.toSchoolName);
    expect(sheet.getRow(2).getCell(11).value).toBe('2027-09-01');
    expect(String(sheet.getRow(2).getCell(13).value)).toBe(first.explanation);
    // a principal's export is their own school's list only
    const mine = await call('GET', `/api/v1/proposals/${ids.v3}/export.csv`, undefined, tok['JH-V']);
    const rows = mine.body.trim().split('\r\n').slice(1);
    const touching = (await linesOf(ids.v3, tok['JH-V'])).length;
    expect(rows).toHaveLength(touching);
  });

  it('publishes once: a second publish, or a race of two, leaves exactly one published proposal', async () => {
    const [a, b] = await Promise.all([call('POST', `/api/v1/proposals/${ids.v3}/publish`), call('POST', `/api/v1/proposals/${ids.v1}/publish`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? ids.v3 : ids.v1;
    ids.published = winner;
    expect((await call('POST', `/api/v1/proposals/${winner}/publish`)).statusCode).toBe(409);
    const proposals = (await call('GET', `/api/v1/plans/${ids.plan}/proposals`)).json().items as { status: string }[];
    expect(proposals.filter((p) => p.status === 'published')).toHaveLength(1);
    expect((await call('GET', `/api/v1/plans/${ids.plan}`)).json().status).toBe('published');
    expect((await call('POST', `/api/v1/plans/${ids.plan}/proposals`, {})).statusCode).toBe(409);
  });

  it('next year sees the ledger: the rural year counts, the leader clock restarted, nobody shadows twice', async () => {
    const published = await linesOf(ids.published);
    const app = published.find((l) => l.teacherId === ids.APP)!;
    expect(app).toBeDefined();
    const records = (await call('GET', `/api/v1/teachers/${ids.APP}/service-records`)).json().items;
    expect(records).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rotation', from: '2027-09-01', to: '2030-08-31', source: 'plan', ruralAtTheTime: true })]));
    const prin = published.find((l) => l.teacherId === ids.PRIN);
    if (prin) {
      const teacher = (await call('GET', `/api/v1/teachers/${ids.PRIN}`)).json();
      expect(teacher).toMatchObject({ schoolId: prin.toSchoolId, postSince: '2027-09-01' });
    }
    // 2028: the applicant is away on rotation (not moved again) and has a rural year; the principal is not due
    const plan2 = (await call('POST', '/api/v1/plans', { year: 2028, name: 'next' })).json();
    const p2 = await propose(plan2.id);
    const lines2 = await linesOf(p2.id);
    expect(lines2.some((l) => l.teacherId === ids.APP && l.kind !== 'itinerant')).toBe(false);
    expect(lines2.some((l) => l.teacherId === ids.PRIN && l.kind === 'leader_rotation')).toBe(false);
    const compliance = (await call('GET', `/api/v1/proposals/${p2.id}/compliance`)).json();
    expect(compliance.violations.filter((v: { teacherId?: string }) => v.teacherId === ids.APP || v.teacherId === ids.PRIN)).toEqual([]);
    // everyone who moved in 2027 is away in 2028 and leaves the R01 denominator of the sending school
    const urb = compliance.schools.find((s: { schoolId: string }) => s.schoolId === ids.URB);
    const awayFromUrb = published.filter((l) => l.fromSchoolId === ids.URB && l.kind === 'rotation' && l.teacherId !== ids.APP).length;
    expect(awayFromUrb).toBeGreaterThan(0);
    expect(urb.eligible).toBe(12 - awayFromUrb);
  });

  it('the audit trail holds the whole cycle', async () => {
    const entries = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectType: string; actor: string }[];
    const seen = new Set(entries.map((e) => `${e.action}:${e.objectType}`));
    for (const x of ['import:roster', 'create:plan', 'request:proposal', 'object:proposal_line', 'pins:plan', 'publish:proposal', 'create:token']) expect(seen, x).toContain(x);
    expect(entries.find((e) => e.action === 'object')!.actor).toMatch(/校长/);
  });
});
