import { listAudit, type AuditFilter } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { decodeCursor, encodeCursor } from '../db/paging.js';
import type { AuditEntry } from '../domain.js';
import { invalidCursor, paged } from './paging.js';

/** GET /audit: newest first, paged by id (the cursor, or `before`: the last id of the previous page). */
export async function findAudit(
  db: Db,
  f: AuditFilter & { limit: number; cursor?: string; before?: number },
): Promise<{ items: AuditEntry[]; nextCursor: string | null; nextBefore: number | null }> {
  const before = f.cursor ? await paged(async () => decodeCursor(f.cursor!)) : f.before ? String(f.before) : null;
  if (before !== null && !/^\d{1,18}$/.test(before)) throw invalidCursor();
  const rows = await listAudit(db, f, before, f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = rows.length > f.limit ? page[page.length - 1].id : null;
  return { nextCursor: last === null ? null : encodeCursor(String(last)), items: page, nextBefore: last };
}
