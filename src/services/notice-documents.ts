import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { academicYearStart, academicYearZh, LINE_KINDS, NOTICE_KIND_ZH, subjectZh, type LineKind } from '../../solver/domain.js';
import type { Db } from '../db/database.js';
import { getPlanRow } from '../db/plans.js';
import { listNoticeRows } from '../db/proposal-lines.js';
import { schoolName as findSchoolName } from '../db/schools.js';
import { lastActionAt } from '../db/audit.js';
import { inertCell } from '../csv.js';
import type { PlanSettings } from '../domain.js';
import { Conflict, NotFound } from '../errors.js';
import { proposalRowOr404 } from './plans.js';

/**
 * The 公示 notice and the decision as documents (issue #12 point 5): an XLSX and a printable HTML page
 * per line kind. A proposal that is done or announced gives the notice (名单公示); a published one
 * gives the decision (关于公布…名单的通知). They carry only what a public notice may: 序号, name,
 * school from and to, subject, kind and term. The full internal list, with staff numbers, titles and
 * reasons, is GET /proposals/:id/export.xlsx (src/services/export-lines.ts), for HR and the personnel
 * system only.
 */

/** One line as a notice prints it: nothing else is ever handed to the document builders. */
export interface NoticeLine {
  kind: LineKind;
  name: string;
  fromSchool: string;
  toSchool: string;
  /** the subject's Chinese name, '' when the line has none (a leader rotation may not) */
  subject: string;
  startDate: string;
  endDate: string;
}

export interface NoticeInput {
  /** the plan's year: the academic year Y—Y+1 the moves take effect in */
  year: number;
  /** the proposal's status: published gives the decision, anything else the notice */
  status: string;
  settings: PlanSettings;
  /** the notice period, once the proposal was announced; null: not known (the period is said in working days) */
  notice: { from: string; until: string } | null;
  /** the document's date (YYYY-MM-DD) */
  date: string;
  /** the school a principal's list is for, or null for the whole county's list */
  schoolName: string | null;
  /** the kinds asked for, in order: one section each */
  kinds: LineKind[];
  lines: NoticeLine[];
}

export interface NoticeSection {
  kind: LineKind;
  title: string;
  /** the sentence under the title */
  lead: string;
  /** labelled rows above the table: issuing office, period, contact, scope, date */
  meta: { label: string; text: string }[];
  headers: string[];
  lines: NoticeLine[];
}

export interface NoticeDocument {
  decision: boolean;
  /** the document's title: the one section's, or the year's list when it has several */
  title: string;
  /** who signs it and when (落款) */
  office: string;
  date: string;
  sections: NoticeSection[];
}

const DEFAULT_NOTICE_WORKING_DAYS = 5;

/** "2027-09-01" → "2027年9月1日", as dates are written in a notice's text. */
export function zhDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** The title's subject: a leader rotation concerns schools' leaders, the other kinds teachers. */
const listName = (county: string, year: number, kind: LineKind) =>
  `${county}${academicYearZh(year)}义务教育${kind === 'leader_rotation' ? '学校' : '教师'}${NOTICE_KIND_ZH[kind]}名单`;

/** The receiving school's heading per kind: where the teacher goes to work, learn or teach. */
const TO_HEADER: Record<LineKind, string> = { rotation: '交流学校', leader_rotation: '交流学校', shadowing: '跟岗学校', itinerant: '走教学校' };
const FROM_HEADER: Record<LineKind, string> = { rotation: '原学校', leader_rotation: '原学校', shadowing: '原学校', itinerant: '任职学校' };
export const noticeHeaders = (kind: LineKind) => ['序号', '姓名', FROM_HEADER[kind], TO_HEADER[kind], '学科', '类别', '起始日期', '结束日期'];

/**
 * The notice or decision from its data alone (no database, no clock): titles, the lead sentence, the
 * labelled rows and the table of each kind. Settings left unset read neutrally (本县, 本县教育主管部门).
 */
export function buildNotice(input: NoticeInput): NoticeDocument {
  const decision = input.status === 'published';
  const county = input.settings.countyName ?? '本县';
  const office = input.settings.issuingOffice ?? `${county}教育主管部门`;
  const days = input.settings.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS;
  const period = input.notice ? `${zhDate(input.notice.from)}至${zhDate(input.notice.until)}` : null;
  const sections = input.kinds.map((kind): NoticeSection => {
    const name = listName(county, input.year, kind);
    const lines = input.lines.filter((l) => l.kind === kind);
    const meta = [
      { label: '发布单位', text: office },
      decision ? { label: '公示期', text: period ?? '已按规定公示期满' } : { label: '公示期', text: period ?? `自发布之日起${days}个工作日` },
      decision
        ? { label: '联系方式', text: input.settings.objectionContact ?? office }
        : { label: '异议受理', text: input.settings.objectionContact ?? `请向${office}反映` },
      { label: '范围', text: input.schoolName ? `${input.schoolName}（调入、调出人员）` : `全县（共${lines.length}人）` },
      { label: '日期', text: zhDate(input.date) },
    ];
    const lead = decision
      ? `${name}已经公示${period ? `（${period}）` : ''}，现予公布，自${zhDate(academicYearStart(input.year))}起执行。`
      : `经研究，拟安排以下人员${NOTICE_KIND_ZH[kind]}，现予公示。公示期间如有异议，请以实名书面形式向${office}反映。`;
    return { kind, title: decision ? `关于公布${name}的通知` : `${name}公示`, lead, meta, headers: noticeHeaders(kind), lines };
  });
  const title =
    sections.length === 1
      ? sections[0].title
      : decision
        ? `关于公布${county}${academicYearZh(input.year)}义务教育教师交流名单的通知`
        : `${county}${academicYearZh(input.year)}义务教育教师交流名单公示`;
  return { decision, title, office, date: input.date, sections };
}

const row = (l: NoticeLine, i: number) => [i + 1, l.name, l.fromSchool, l.toSchool, l.subject, NOTICE_KIND_ZH[l.kind], l.startDate, l.endDate];

// ---- XLSX

/** The row the table's header is on: title, lead and the five labelled rows come first. */
export const NOTICE_HEADER_ROW = 8;
const WIDTHS = [6, 10, 30, 30, 10, 16, 12, 12];
const asDate = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * The workbook: one sheet per section, printable as it is: A4 landscape fitted to one page wide, the
 * header row repeated on every printed page, an autofilter on the header, dates as date cells.
 */
export async function noticeXlsx(doc: NoticeDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.office;
  wb.title = doc.title;
  const last = WIDTHS.length;
  for (const s of doc.sections) {
    const ws = wb.addWorksheet(NOTICE_KIND_ZH[s.kind], {
      views: [{ state: 'frozen', ySplit: NOTICE_HEADER_ROW }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages tall as the list needs
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    });
    ws.columns = WIDTHS.map((width) => ({ width }));
    const text = (r: number, value: string, opts: { bold?: boolean; size?: number; center?: boolean; height?: number } = {}) => {
      ws.mergeCells(r, 1, r, last);
      const cell = ws.getCell(r, 1);
      // the county's and school's names come from settings and master data: inert as every export cell (src/csv.ts)
      cell.value = inertCell(value);
      cell.font = { bold: opts.bold, size: opts.size };
      cell.alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (opts.height) ws.getRow(r).height = opts.height;
    };
    text(1, s.title, { bold: true, size: 16, center: true, height: 30 });
    text(2, s.lead, { height: 32 });
    for (const [i, m] of s.meta.entries()) text(3 + i, `${m.label}：${m.text}`);
    const header = ws.getRow(NOTICE_HEADER_ROW);
    header.values = s.headers;
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle' };
    s.lines.forEach((l, i) => {
      const r = ws.getRow(NOTICE_HEADER_ROW + 1 + i);
      const values = row(l, i);
      r.values = [...values.slice(0, 6).map(inertCell), asDate(l.startDate), asDate(l.endDate)];
      r.getCell(7).numFmt = 'yyyy-mm-dd';
      r.getCell(8).numFmt = 'yyyy-mm-dd';
    });
    const lastRow = NOTICE_HEADER_ROW + s.lines.length;
    for (let r = NOTICE_HEADER_ROW; r <= lastRow; r++) {
      for (let c = 1; c <= last; c++) {
        ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      }
    }
    ws.autoFilter = { from: { row: NOTICE_HEADER_ROW, column: 1 }, to: { row: lastRow, column: last } };
    // the header row on every printed page (Excel's print titles)
    ws.pageSetup.printTitlesRow = `${NOTICE_HEADER_ROW}:${NOTICE_HEADER_ROW}`;
    ws.pageSetup.printArea = `A1:H${lastRow}`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- HTML

/**
 * The page's one stylesheet, inline so a saved copy prints the same; the service's
 * Content-Security-Policy allows exactly this text by its hash (NOTICE_STYLE_HASH, src/app.ts), and
 * the page needs no script. A4 landscape leaves 277 mm between the margins: the table takes the
 * width and wraps long school names rather than overflow; the browser repeats <thead> on each page.
 */
export const NOTICE_STYLE = `
@page { size: A4 landscape; margin: 12mm 10mm; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
body { margin: 0 auto; padding: 8px; max-width: 277mm; }
section + section { break-before: page; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6px; }
p.lead { text-indent: 2em; margin: 4px 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 4px 0 8px; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2px 4px; overflow-wrap: anywhere; text-align: left; vertical-align: top; }
th { background: #eee; text-align: center; }
col.n { width: 5%; } col.name { width: 10%; } col.school { width: 24%; } col.subject { width: 8%; } col.kind { width: 11%; } col.date { width: 9%; }
td.num, td.date { text-align: center; white-space: nowrap; }
p.sign { text-align: right; margin-top: 12px; }
p.empty { text-align: center; }
@media print { body { padding: 0; max-width: none; } }
`;
/** The CSP source that allows NOTICE_STYLE and nothing else inline. */
export const NOTICE_STYLE_HASH = `'sha256-${createHash('sha256').update(NOTICE_STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every text from the database goes through this: a school named <script> prints as text. */
export const escapeHtml = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A complete page in Simplified Chinese, one section per kind, printable as it is (no script). */
export function noticeHtml(doc: NoticeDocument): string {
  const e = escapeHtml;
  const sections = doc.sections.map((s) => {
    const head = `<tr>${s.headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr>`;
    const body = s.lines
      .map((l, i) => {
        const [n, ...cells] = row(l, i);
        const dates = cells.slice(5);
        return `<tr><td class="num">${e(n)}</td>${cells
          .slice(0, 5)
          .map((c) => `<td>${e(c)}</td>`)
          .join('')}${dates.map((d) => `<td class="date">${e(d)}</td>`).join('')}</tr>`;
      })
      .join('\n');
    return `<section>
<h1>${e(s.title)}</h1>
<p class="lead">${e(s.lead)}</p>
<dl class="meta">${s.meta.map((m) => `<dt>${e(m.label)}</dt><dd>${e(m.text)}</dd>`).join('')}</dl>
<table>
<colgroup><col class="n"><col class="name"><col class="school"><col class="school"><col class="subject"><col class="kind"><col class="date"><col class="date"></colgroup>
<thead>${head}</thead>
<tbody>
${body}
</tbody>
</table>
${s.lines.length ? '' : '<p class="empty">（无）</p>'}
<p class="sign">${e(doc.office)}<br>${e(zhDate(doc.date))}</p>
</section>`;
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
<style>${NOTICE_STYLE}</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}

// ---- from the database

/** Statuses that have a final set of lines to print. */
const PRINTABLE = ['done', 'announced', 'published'];

/**
 * The notice or decision of a proposal, as asked: one kind or every kind that has lines, the whole
 * county or one school's incoming and outgoing lines. 409 while the proposal has no lines to print.
 */
export async function loadNotice(db: Db, proposalId: string, q: { kind?: LineKind; schoolId?: string }, today: string): Promise<NoticeDocument> {
  const p = await proposalRowOr404(db, proposalId);
  // the period HR announced (POST /proposals/:id/announce); a published proposal keeps the one it was announced with
  const notice = p.notice_from && p.notice_until ? { from: String(p.notice_from), until: String(p.notice_until) } : null;
  if (!PRINTABLE.includes(p.status)) throw new Conflict(`Proposal v${p.version} is ${p.status}: only a finished, announced or published proposal has a notice`);
  const plan = await getPlanRow(db, p.plan_id);
  if (!plan) throw new NotFound('Plan', p.plan_id);
  let schoolName: string | null = null;
  if (q.schoolId) {
    schoolName = (await findSchoolName(db, q.schoolId)) ?? null;
    if (schoolName === null) throw new NotFound('School', q.schoolId);
  }
  const rows = await listNoticeRows(db, p.id, q);
  const lines: NoticeLine[] = rows.map((r) => ({
    kind: r.kind,
    name: r.teacher_name,
    fromSchool: r.from_name,
    toSchool: r.to_name,
    subject: subjectZh(r.subject ?? r.teacher_subjects[0]),
    startDate: r.start_date,
    endDate: r.end_date,
  }));
  const present = LINE_KINDS.filter((k) => lines.some((l) => l.kind === k));
  const kinds = q.kind ? [q.kind] : present.length ? present : ['rotation' as const];
  // the decision is dated the day it was published (the audit log's entry); the notice the day its period opens, or today
  const published = p.status === 'published' ? await lastActionAt(db, 'proposal', p.id, 'publish') : undefined;
  const date = published ? chinaDay(published) : (notice?.from ?? today);
  return buildNotice({ year: plan.year, status: p.status, settings: plan.settings, notice, date, schoolName, kinds, lines });
}

const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
