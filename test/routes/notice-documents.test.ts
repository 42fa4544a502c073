import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { haveBrowser, requireBrowserOnCi, launchChromium } from '../../scripts/lib/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearZh } from '../../solver/domain.js';
import { buildNotice, NOTICE_STYLE_HASH, noticeHtml } from '../../src/services/notice-documents.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue #12 point 5: the 公示 notice and the decision as documents, from the plan's settings, with
 * only what a public notice may carry; a principal prints their own school's list.
 */
requireBrowserOnCi();
const ARTIFACTS = 'test-artifacts';

const SETTINGS = { countyName: '惠来县', issuingOffice: '惠来县教育局', objectionContact: '县教育局人事股，电话0663-6612345', noticeWorkingDays: 5 };
const TODAY = '2027-06-01';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type LineOut = {
  id: string;
  kind: string;
  teacherId: string;
  fromSchoolId: string;
  toSchoolId: string;
  fromSchoolName: string;
  toSchoolName: string;
  startDate: string;
  endDate: string;
  reasons: string[];
  explanation: string;
  teacher: { name: string; externalId: string };
};

describe('the notice and the decision as documents', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tok: Record<string, string> = {};
  let planId: string;
  let proposalId: string;
  let lines: LineOut[];

  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: auth(token) });
  const send = (method: 'POST' | 'PATCH', url: string, payload: object) => t.app.inject({ method, url, headers: auth(), payload });
  const workbook = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  };
  /** every text of a workbook: each cell of each sheet, the sheet names and the document properties */
  const allText = (wb: ExcelJS.Workbook) => {
    const out: string[] = [wb.title ?? '', wb.creator ?? '', wb.subject ?? '', wb.keywords ?? '', wb.description ?? ''];
    wb.eachSheet((ws) => {
      out.push(ws.name);
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          out.push(cell.value instanceof Date ? cell.value.toISOString() : String(cell.text ?? cell.value));
        });
      });
    });
    return out.join('\n');
  };
  /** what a public notice must never show, taken from the data itself */
  const privateStrings = () => {
    const out = new Set<string>(['志愿', '职称', '申报', '工号', '骨干', '1985-03-01', '交流依据', '每周课时']);
    for (const l of lines) {
      out.add(l.teacher.externalId);
      for (const part of l.explanation.split(/[；;、。]/)) if (part.trim().length > 3) out.add(part.trim());
    }
    return [...out];
  };

  beforeAll(async () => {
    t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
    const county = tinyCounty();
    // private data that an internal list has and a notice must not: planned senior-title
    // applications (R11 names them in the reasons) and preferences (第1志愿)
    county.teachers = county.teachers.map((x, i) =>
      x.schoolExternalId === 'URB' ? { ...x, seniorTitleApplicationYear: i % 2 ? 2028 : null, preferences: { schoolExternalIds: ['JH-V'], maxKm: null } } : x,
    );
    const imp = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county });
    expect(imp.statusCode, imp.body).toBe(200);
    for (const s of (await get('/api/v1/schools')).json().items) ids[s.externalId] = s.id;
    for (const ext of ['URB', 'JH-C', 'JH-V']) {
      tok[ext] = (await send('POST', '/api/v1/tokens', { role: 'principal', schoolId: ids[ext], label: `${ext}校长` })).json().token;
    }
    const plan = await send('POST', '/api/v1/plans', { year: 2027, settings: SETTINGS });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = plan.json().id;
    const p = await send('POST', `/api/v1/plans/${planId}/proposals`, {});
    expect(p.statusCode, p.body).toBe(202);
    proposalId = p.json().id;
    await t.app.solveRunner.idle();
    expect((await get(`/api/v1/proposals/${proposalId}`)).json().status).toBe('done');
    lines = (await get(`/api/v1/proposals/${proposalId}/lines?limit=1000`)).json().items;
    expect(lines.some((l) => l.kind === 'rotation')).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('plan settings round-trip through POST, GET, the list and PATCH (merged, audited), and stay out of the solve', async () => {
    expect((await get(`/api/v1/plans/${planId}`)).json().settings).toEqual(SETTINGS);
    expect((await get('/api/v1/plans?year=2027')).json().items.find((p: { id: string }) => p.id === planId).settings).toEqual(SETTINGS);
    // a plan made without settings has {}
    const bare = await send('POST', '/api/v1/plans', { year: 2027, name: 'bare' });
    expect(bare.json().settings).toEqual({});
    // PATCH merges: a key given replaces, null removes, absent keeps
    const patched = await send('PATCH', `/api/v1/plans/${bare.json().id}`, { settings: { countyName: '普宁县', noticeWorkingDays: 7 } });
    expect(patched.statusCode, patched.body).toBe(200);
    const merged = await send('PATCH', `/api/v1/plans/${bare.json().id}`, { settings: { objectionContact: '人事股', noticeWorkingDays: null } });
    expect(merged.json().settings).toEqual({ countyName: '普宁县', objectionContact: '人事股' });
    expect((await get(`/api/v1/plans/${bare.json().id}`)).json().settings).toEqual({ countyName: '普宁县', objectionContact: '人事股' });
    // bad settings are refused, naming the field, and change nothing
    for (const settings of [
      { noticeWorkingDays: 31 },
      { noticeWorkingDays: 0 },
      { countyName: '县'.repeat(51) },
      { countyname: '拼错' },
      { issuingOffice: '' },
    ]) {
      const bad = await send('PATCH', `/api/v1/plans/${bare.json().id}`, { settings });
      expect(bad.statusCode, JSON.stringify(settings)).toBe(400);
    }
    expect((await get(`/api/v1/plans/${bare.json().id}`)).json().settings).toEqual({ countyName: '普宁县', objectionContact: '人事股' });
    const audit = (await get(`/api/v1/audit?objectId=${bare.json().id}&limit=50`)).json().items as { action: string; detail: { settings?: object } }[];
    expect(audit.filter((a) => a.action === 'update').map((a) => a.detail.settings)).toEqual(
      expect.arrayContaining([
        { countyName: '普宁县', noticeWorkingDays: 7 },
        { objectionContact: '人事股', noticeWorkingDays: null },
      ]),
    );
    await send('PATCH', `/api/v1/plans/${bare.json().id}`, { status: 'archived' });
    // the solve saw parameters, not settings
    const snapshot = await get(`/api/v1/proposals/${proposalId}/snapshot`);
    expect(snapshot.statusCode).toBe(200);
    expect(JSON.stringify(snapshot.json())).not.toContain(SETTINGS.issuingOffice);
    expect((await get(`/api/v1/proposals/${proposalId}`)).json().parameters).not.toHaveProperty('countyName');
  });

  it('the notice workbook, read back cell by cell: title, office, period, contact, date, header, a data row with real dates, print setup', async () => {
    const res = await get(`/api/v1/proposals/${proposalId}/notice.xlsx?kind=rotation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('惠来县2027—2028学年义务教育教师交流轮岗名单（征求意见稿）.xlsx')}`,
    );
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['交流轮岗']);
    const ws = wb.worksheets[0];
    const cell = (r: number, c = 1) => ws.getCell(r, c).value;
    // issue #19: not announced yet, the document is a draft for review and announces nothing
    expect(cell(1)).toBe('惠来县2027—2028学年义务教育教师交流轮岗名单（征求意见稿）');
    expect(String(cell(2))).toContain('征求意见稿');
    expect(String(cell(2))).not.toContain('现予公示');
    expect(cell(3)).toBe('发布单位：惠来县教育局');
    expect(cell(4)).toBe('公示期：尚未公示');
    expect(cell(5)).toBe(`异议受理：${SETTINGS.objectionContact}`);
    const rotations = lines.filter((l) => l.kind === 'rotation');
    expect(cell(6)).toBe(`范围：全县（共${rotations.length}人）`);
    expect(cell(7)).toBe('日期：2027年6月1日');
    expect(ws.getRow(8).values).toEqual([undefined, '序号', '姓名', '原学校', '交流学校', '学科', '类别', '起始日期', '结束日期']);
    // the first data row is the lines API's first rotation line
    const first = rotations[0];
    expect([cell(9, 1), cell(9, 2), cell(9, 3), cell(9, 4), cell(9, 5), cell(9, 6)]).toEqual([
      1,
      first.teacher.name,
      first.fromSchoolName,
      first.toSchoolName,
      '数学',
      '交流轮岗',
    ]);
    expect(cell(9, 7)).toBeInstanceOf(Date);
    expect((cell(9, 7) as Date).toISOString().slice(0, 10)).toBe(first.startDate);
    expect((cell(9, 8) as Date).toISOString().slice(0, 10)).toBe(first.endDate);
    expect(ws.getCell(9, 7).numFmt).toBe('yyyy-mm-dd');
    expect(ws.rowCount).toBe(8 + rotations.length);
    // A4 landscape, one page wide, the header row on every printed page, a filter on the header
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '8:8' });
    expect(ws.autoFilter).toBe(`A8:H${8 + rotations.length}`);
  });

  it('no private field appears anywhere in the workbook or the page, though the internal list has them', async () => {
    const internal = await get(`/api/v1/proposals/${proposalId}/export.xlsx`);
    expect(internal.statusCode).toBe(200);
    const internalText = allText(await workbook(internal.rawPayload));
    // the data really holds what must stay private: the staff numbers, 志愿 and the planned senior-title applications
    expect(internalText).toContain(lines[0].teacher.externalId);
    expect(internalText).toContain('志愿');
    expect(internalText).toContain('申报高级职称');
    const privates = privateStrings();
    const whole = await get(`/api/v1/proposals/${proposalId}/notice.xlsx`);
    const wb = await workbook(whole.rawPayload);
    // one sheet per kind that has lines
    const kinds = [...new Set(lines.map((l) => l.kind))];
    expect(wb.worksheets).toHaveLength(kinds.length);
    const html = (await get(`/api/v1/proposals/${proposalId}/notice.html`)).body;
    for (const [what, text] of [
      ['workbook', allText(wb)],
      ['page', html],
    ]) {
      for (const p of privates) expect(text.includes(p), `${what} shows "${p}"`).toBe(false);
      // every teacher of the list is there by name
      for (const l of lines) expect(text, what).toContain(l.teacher.name);
    }
  });

  it('a principal gets their school’s incoming and outgoing lines, and 403 for another school, the whole list or the internal export', async () => {
    const own = await get(`/api/v1/proposals/${proposalId}/notice.xlsx?schoolId=${ids['JH-V']}`, tok['JH-V']);
    expect(own.statusCode, own.body).toBe(200);
    const ws = (await workbook(own.rawPayload)).worksheets;
    const touching = lines.filter((l) => l.fromSchoolId === ids['JH-V'] || l.toSchoolId === ids['JH-V']);
    expect(touching.length).toBeGreaterThan(0);
    const names = ws.flatMap((w) =>
      w
        .getSheetValues()
        .slice(9)
        .map((r) => (r as unknown[])[2]),
    );
    expect(names.sort()).toEqual(touching.map((l) => l.teacher.name).sort());
    expect(ws[0].getCell(6, 1).value).toBe(
      '范围：靖海镇中心小学（调入、调出人员）'.replace('靖海镇中心小学', String((await get(`/api/v1/schools/${ids['JH-V']}`)).json().name)),
    );
    const page = await get(`/api/v1/proposals/${proposalId}/notice.html?schoolId=${ids['JH-V']}`, tok['JH-V']);
    expect(page.statusCode).toBe(200);
    for (const url of [
      `/api/v1/proposals/${proposalId}/notice.xlsx?schoolId=${ids.URB}`,
      `/api/v1/proposals/${proposalId}/notice.html?schoolId=${ids.URB}`,
      `/api/v1/proposals/${proposalId}/notice.xlsx`,
      `/api/v1/proposals/${proposalId}/notice.html?kind=rotation`,
      `/api/v1/proposals/${proposalId}/export.xlsx?schoolId=${ids['JH-V']}`,
      `/api/v1/proposals/${proposalId}/export.csv`,
    ]) {
      const res = await get(url, tok['JH-V']);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    // integration reads the whole list
    const integration = (await send('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    expect((await get(`/api/v1/proposals/${proposalId}/notice.xlsx`, integration)).statusCode).toBe(200);
    // a bad kind is a 400 naming the field
    const bad = await get(`/api/v1/proposals/${proposalId}/notice.html?kind=transfer`);
    expect(bad.statusCode).toBe(400);
  });

  it('the page is complete, in Chinese, escaped, and allowed by the Content-Security-Policy', async () => {
    const res = await get(`/api/v1/proposals/${proposalId}/notice.html?kind=rotation`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(res.body).toContain('<title>惠来县2027—2028学年义务教育教师交流轮岗名单（征求意见稿）</title>');
    expect(res.body).toContain('@page { size: A4 landscape');
    expect(res.body).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`style-src 'self' ${NOTICE_STYLE_HASH}`);
    expect(csp).toContain("script-src 'self'");
    // every text from the data is escaped (the builder is pure: a hostile name in, text out)
    const doc = buildNotice({
      year: 2027,
      status: 'done',
      settings: { countyName: '<b>县', issuingOffice: '局"&' },
      notice: null,
      date: TODAY,
      schoolName: null,
      kinds: ['rotation'],
      lines: [
        {
          kind: 'rotation',
          name: '<script>alert(1)</script>',
          fromSchool: "O'Neil小学",
          toSchool: '乙',
          subject: '数学',
          startDate: '2027-09-01',
          endDate: '2029-08-31',
        },
      ],
    });
    const html = noticeHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('O&#39;Neil小学');
    expect(html).toContain('局&quot;&amp;');
  });

  it('the notice period, once known, is printed as dates; the years read 2027—2028学年', () => {
    expect(academicYearZh(2027)).toBe('2027—2028学年');
    const base = { year: 2027, settings: {}, date: TODAY, schoolName: null, kinds: ['leader_rotation' as const], lines: [] };
    const doc = buildNotice({ ...base, status: 'announced', notice: { from: '2027-06-01', until: '2027-06-07' } });
    expect(doc.title).toBe('本县2027—2028学年义务教育学校校级领导交流轮岗名单公示');
    expect(doc.sections[0].meta).toContainEqual({ label: '公示期', text: '2027年6月1日至2027年6月7日' });
    expect(doc.sections[0].meta).toContainEqual({ label: '发布单位', text: '本县教育主管部门' });
    const decision = buildNotice({ ...base, status: 'published', notice: { from: '2027-06-01', until: '2027-06-07' } });
    expect(decision.title).toBe('关于公布本县2027—2028学年义务教育学校校级领导交流轮岗名单的通知');
    expect(decision.sections[0].lead).toContain('（2027年6月1日至2027年6月7日）');
  });

  it.skipIf(!haveBrowser)('Chromium prints the page A4 landscape without sideways overflow, styled under the CSP, and saves a PDF', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const browser = await launchChromium();
    try {
      // the printable width of A4 landscape with the page's 10 mm side margins: 277 mm at 96 px per inch
      const printWidth = Math.floor((277 / 25.4) * 96);
      const page = await browser.newPage({ viewport: { width: printWidth, height: 800 } });
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      page.on('pageerror', (e) => refused.push(e.message));
      await page.setExtraHTTPHeaders(auth(tok['JH-V']));
      const res = await page.goto(`${base}/api/v1/proposals/${proposalId}/notice.html?schoolId=${ids['JH-V']}`);
      expect(res!.status()).toBe(200);
      await page.emulateMedia({ media: 'print' });
      expect(refused).toEqual([]);
      // the inline stylesheet applied (a refused one would leave the table's default separate borders)
      expect(
        await page
          .locator('table')
          .first()
          .evaluate((el) => getComputedStyle(el).borderCollapse),
      ).toBe('collapse');
      const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      expect(await page.locator('h1').first().textContent()).toBe('惠来县2027—2028学年义务教育教师交流轮岗名单（征求意见稿）');
      const pdf = `${ARTIFACTS}/notice-principal.pdf`;
      await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // A4 landscape: the page box is 842 × 595 points
      const boxes = [...bytes.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
        Math.round(Number(m[1])),
        Math.round(Number(m[2])),
      ]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) expect(box).toEqual([842, 595]);
      await page.screenshot({ path: `${ARTIFACTS}/notice-principal.png`, fullPage: true });
      await page.close();
      // as the web page will print it: fetched with the token, opened as a blob: URL that inherits the
      // service's CSP, whose style-src carries the stylesheet's hash
      const app = await browser.newPage({ viewport: { width: printWidth, height: 800 } });
      const blocked: string[] = [];
      app.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
      });
      await app.goto(base);
      const blobUrl = await app.evaluate(
        async ([url, token]) => {
          const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
          return URL.createObjectURL(new Blob([await r.text()], { type: 'text/html' }));
        },
        [`/api/v1/proposals/${proposalId}/notice.html?schoolId=${ids['JH-V']}`, tok['JH-V']],
      );
      await app.goto(blobUrl);
      expect(
        await app
          .locator('table')
          .first()
          .evaluate((el) => getComputedStyle(el).borderCollapse),
      ).toBe('collapse');
      expect(blocked).toEqual([]);
      await app.close();
    } finally {
      await browser.close();
    }
  });

  it("a principal reads their own school's quota row, the same as HR's report has; another school's is 403", async () => {
    const report = (await get(`/api/v1/proposals/${proposalId}/compliance`)).json();
    const sending = report.schools.find((r: { schoolId: string }) => r.schoolId === ids.URB);
    expect(sending).toBeDefined();
    const own = await get(`/api/v1/proposals/${proposalId}/quota?schoolId=${ids.URB}`, tok.URB);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({ schoolId: ids.URB, quota: sending });
    // a school that sends no one by rule has no row
    const receiving = await get(`/api/v1/proposals/${proposalId}/quota?schoolId=${ids['JH-V']}`, tok['JH-V']);
    expect(receiving.json().quota).toEqual(report.schools.find((r: { schoolId: string }) => r.schoolId === ids['JH-V']) ?? null);
    expect((await get(`/api/v1/proposals/${proposalId}/quota?schoolId=${ids['JH-V']}`, tok.URB)).statusCode).toBe(403);
    expect((await get(`/api/v1/proposals/${proposalId}/compliance`, tok.URB)).statusCode).toBe(403);
  });

  it('once published it is the decision, dated the day it was published; settings still change, parameters do not', async () => {
    // announced: the notice prints the period HR opened (POST /announce), as dates
    const announced = await send('POST', `/api/v1/proposals/${proposalId}/announce`, { noticeUntil: '2027-06-09' });
    expect(announced.statusCode, announced.body).toBe(200);
    const { from, until } = announced.json().notice;
    const zh = (d: string) =>
      d
        .split('-')
        .map(Number)
        .reduce((s: string, n: number, i: number) => s + n + ['年', '月', '日'][i], '');
    const period = `${zh(from)}至${zh(until)}`;
    const noticeBook = await workbook((await get(`/api/v1/proposals/${proposalId}/notice.xlsx?kind=rotation`)).rawPayload);
    expect(allText(noticeBook)).toContain(`公示期：${period}`);
    // the day after the period, publish: the decision keeps the period it was announced with
    t.clock.offsetMs += new Date(`${until}T12:00:00+08:00`).getTime() + 86_400_000 - t.clock.now().getTime();
    const pub = await send('POST', `/api/v1/proposals/${proposalId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const contact = await send('PATCH', `/api/v1/plans/${planId}`, { settings: { objectionContact: '县教育局人事股，电话0663-6600000' } });
    expect(contact.statusCode, contact.body).toBe(200);
    expect(contact.json().settings).toEqual({ ...SETTINGS, objectionContact: '县教育局人事股，电话0663-6600000' });
    expect((await send('PATCH', `/api/v1/plans/${planId}`, { parameters: { rotationQuota: 0.2 } })).statusCode).toBe(409);
    const res = await get(`/api/v1/proposals/${proposalId}/notice.xlsx?kind=rotation`);
    const ws = (await workbook(res.rawPayload)).worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('关于公布惠来县2027—2028学年义务教育教师交流轮岗名单的通知');
    expect(String(ws.getCell(2, 1).value)).toContain('现予公布，自2027年9月1日起执行');
    expect(ws.getCell(5, 1).value).toBe('联系方式：县教育局人事股，电话0663-6600000');
    const published = (await get(`/api/v1/audit?objectId=${proposalId}&limit=50`)).json().items.find((a: { action: string }) => a.action === 'publish');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(published.at));
    const [y, m, d] = day.split('-').map(Number);
    expect(ws.getCell(7, 1).value).toBe(`日期：${y}年${m}月${d}日`);
    const html = (await get(`/api/v1/proposals/${proposalId}/notice.html`)).body;
    expect(html).toContain('关于公布惠来县2027—2028学年义务教育教师交流轮岗名单的通知');
    expect(html).not.toContain('名单公示</h1>');
  });
});
