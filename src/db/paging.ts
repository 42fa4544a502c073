/**
 * A cursor this service did not make. A plain domain error: src/db/ speaks no HTTP; the services
 * answer it as a 400 on the `cursor` field (src/services/paging.ts). CursorSchema refuses most bad
 * cursors at the edge already; what gets here is a well-formed cursor of another list.
 */
export class InvalidCursor extends Error {
  constructor() {
    super('Invalid cursor');
    this.name = 'InvalidCursor';
  }
}

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
  throw new InvalidCursor();
}
/** Given limit+1 rows, the page and the cursor of the next one. */
export function pageFrom<T extends { external_id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1].external_id) };
}

/**
 * Lists ordered by something other than externalId (lines, reviews, plans, proposals, tokens,
 * service records) page by position: the cursor is the opaque position of the next page, and
 * `offset` stays as an alias where it existed (api.md: one paging convention, {items, nextCursor}).
 */
export function encodePositionCursor(position: number): string {
  return Buffer.from(JSON.stringify({ p: position }), 'utf8').toString('base64url');
}
export function startOf(p: { cursor?: string; offset?: number }): number {
  if (!p.cursor) return p.offset ?? 0;
  try {
    const v = JSON.parse(Buffer.from(p.cursor, 'base64url').toString('utf8')) as { p?: unknown };
    if (Number.isSafeInteger(v.p) && (v.p as number) >= 0) return v.p as number;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}
/** Given up to limit+1 rows read from `start`, the page and the cursor of the next one. */
export function pageAt<T>(rows: T[], limit: number, start: number): { items: T[]; nextCursor: string | null } {
  return rows.length > limit ? { items: rows.slice(0, limit), nextCursor: encodePositionCursor(start + limit) } : { items: rows, nextCursor: null };
}
