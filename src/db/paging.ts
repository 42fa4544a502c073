import { ValidationFailed, withDetails } from '../errors.js';

/** Lists are ordered by externalId; the cursor is the last externalId of the page, opaque to clients. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey }), 'utf8').toString('base64url');
}
export function decodeCursor(cursor: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof v.k === 'string') return v.k;
  } catch {
    // fall through
  }
  throw withDetails(new ValidationFailed('Invalid cursor'), [{ in: 'querystring', field: 'cursor', message: 'not a cursor this service made' }]);
}
/** Given limit+1 rows, the page and the cursor of the next one. */
export function pageFrom<T extends { external_id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1].external_id) };
}
