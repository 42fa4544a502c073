/**
 * Spreadsheet injection (OWASP "CSV injection"): Excel, WPS and LibreOffice take a cell whose text
 * starts with one of these as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`, `-2+3`),
 * and a leading tab or carriage return is stripped before that test by some of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The one guard every export's cells go through (CSV and XLSX alike, issue #18 point 4): a text
 * that a spreadsheet would evaluate gets a leading single quote, which spreadsheets read as "this
 * cell is text" (and Excel does not show). Only text is touched: a number, negative or not, stays a
 * number; dates and codes never start with these characters.
 */
export function inertCell<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

/** One CSV field, made inert (inertCell), quoted when it must be (RFC 4180); lists are joined with ';'. */
export function csvField(v: unknown): string {
  const cell = inertCell(Array.isArray(v) ? v.join(';') : v);
  const s = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document, with a BOM so that Excel (what county offices open CSVs with) reads UTF-8 Chinese. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
