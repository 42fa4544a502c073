import ExcelJS from 'exceljs';
import type { Db } from '../db/database.js';
import { BACKBONE_ZH, LINE_KIND_ZH, LINE_KINDS, postZh, subjectZh, TITLE_ZH, type BackboneLevel, type Title } from '../../solver/domain.js';
import { inertCell, toCsv } from '../csv.js';
import { listLines, type LineWithNames } from './plans.js';

/** One sheet per line kind, in the domain's order, named by its Chinese label (solver/domain.ts). */
const KIND_SHEETS: { kind: string; sheet: string }[] = LINE_KINDS.map((kind) => ({ kind, sheet: LINE_KIND_ZH[kind] }));

export const COLUMNS: { header: string; width: number; value: (l: LineWithNames) => string | number }[] = [
  { header: '序号', width: 6, value: () => 0 },
  { header: '工号', width: 14, value: (l) => l.teacher_external_id },
  { header: '姓名', width: 10, value: (l) => l.teacher_name },
  { header: '学科', width: 10, value: (l) => subjectZh(l.subject ?? l.teacher_subjects[0]) },
  { header: '职务', width: 10, value: (l) => postZh(l.post) },
  { header: '职称', width: 8, value: (l) => TITLE_ZH[l.title as Title] ?? l.title },
  { header: '骨干', width: 10, value: (l) => (l.backbone ? (BACKBONE_ZH[l.backbone as BackboneLevel] ?? l.backbone) : '') },
  { header: '原学校', width: 24, value: (l) => l.from_name },
  { header: '交流学校', width: 24, value: (l) => l.to_name },
  { header: '每周课时', width: 9, value: (l) => l.hours_per_week ?? '' },
  { header: '起始日期', width: 12, value: (l) => l.start_date },
  { header: '结束日期', width: 12, value: (l) => l.end_date },
  { header: '交流依据', width: 48, value: (l) => l.explanation || l.reasons.join('、') },
];

async function linesFor(db: Db, proposalId: string, schoolId?: string) {
  return listLines(db, proposalId, { schoolId, limit: 1_000_000, offset: 0 });
}

/** The 公示 list as a workbook: one sheet per kind, Chinese headers, column widths set, header frozen. */
export async function linesXlsx(db: Db, proposalId: string, title: string, schoolId?: string): Promise<Buffer> {
  const lines = await linesFor(db, proposalId, schoolId);
  const wb = new ExcelJS.Workbook();
  wb.creator = '轮岗';
  wb.title = title;
  for (const { kind, sheet } of KIND_SHEETS) {
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    // a name a spreadsheet would evaluate is written inert, as in the CSV (src/csv.ts inertCell)
    lines.filter((l) => l.kind === kind).forEach((l, i) => ws.addRow(COLUMNS.map((c, j) => (j === 0 ? i + 1 : inertCell(c.value(l))))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same list as one CSV (UTF-8 with BOM), with the kind as the first column. */
export async function linesCsv(db: Db, proposalId: string, schoolId?: string): Promise<string> {
  const lines = await linesFor(db, proposalId, schoolId);
  const sheetOf = new Map(KIND_SHEETS.map((k) => [k.kind, k.sheet]));
  return toCsv(
    ['类别', ...COLUMNS.map((c) => c.header)],
    lines.map((l, i) => [sheetOf.get(l.kind), ...COLUMNS.map((c, j) => (j === 0 ? i + 1 : c.value(l)))]),
  );
}
