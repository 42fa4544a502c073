import { SUBJECTS } from '../../solver/domain.js';
import type { Db } from '../db/database.js';
import { pageAt, startOf } from '../db/paging.js';
import { paged } from './paging.js';
import { getPlan } from './plans.js';

/** ordered by code, as the table's primary key ordered it */
const CATALOGUE = [...SUBJECTS].sort((a, b) => (a.code < b.code ? -1 : 1));
const DEFAULT_SHORTAGE = new Set<string>(CATALOGUE.filter((s) => s.shortage).map((s) => s.code));

/**
 * The subject catalogue. Names and the shortage flag come from solver/domain.ts, not from the
 * `subjects` table (which keeps only the codes school needs refer to, migration 0011), so the list
 * cannot disagree with the `shortageSubjects` parameter (R24): without a plan the flag is the
 * parameter's default (DEFAULT_SHORTAGE_SUBJECTS); with one, the plan's own value.
 */
export async function listSubjects(db: Db, q: { planId?: string; limit: number; cursor?: string; offset?: number }) {
  let shortage = DEFAULT_SHORTAGE;
  if (q.planId) {
    const effective = (await getPlan(db, q.planId)).effectiveParameters.shortageSubjects;
    shortage = new Set(Array.isArray(effective) ? effective.map(String) : []);
  }
  return paged(async () => {
    const start = startOf(q);
    const page = pageAt(CATALOGUE.slice(start, start + q.limit + 1), q.limit, start);
    return { items: page.items.map((s) => ({ code: s.code, name: s.zh, shortage: shortage.has(s.code) })), nextCursor: page.nextCursor };
  });
}
