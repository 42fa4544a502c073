import { sql } from 'kysely';
import {
  type ChangeInput,
  type ChangeRow,
  decodeChangeCursor,
  encodeChangeCursor,
  headSeq,
  type MoveRow,
  moveChange,
  movesQuery,
  pruneChanges,
  readChanges,
  recordChanges,
} from '../db/changes.js';
import type { Db } from '../db/database.js';
import { pruneKeys } from '../db/idempotency.js';
import { InvalidCursor } from '../db/paging.js';
import { Gone, withDetails } from '../errors.js';
import { invalidCursor } from './paging.js';

/** One change as the API shows it (api.md "Changes"). */
export interface Change {
  id: string;
  cursor: string;
  type: string;
  occurredAt: string;
  effectiveDate: string | null;
  entity: { kind: string; id: string | null; externalId: string | null };
  version: number | null;
  data: Record<string, unknown>;
}

export function toChange(r: ChangeRow): Change {
  return {
    id: r.id,
    cursor: encodeChangeCursor(r.seq),
    type: r.type,
    occurredAt: new Date(r.occurred_at).toISOString(),
    effectiveDate: r.effective_date,
    entity: { kind: r.entity_kind, id: r.entity_id, externalId: r.entity_external_id },
    version: r.version,
    data: r.data,
  };
}

function cursorOr400(cursor: string): number {
  try {
    return decodeChangeCursor(cursor);
  } catch (err) {
    if (err instanceof InvalidCursor) throw withDetails(invalidCursor(), [{ in: 'querystring', field: 'after', message: 'not a cursor this service made' }]);
    throw err;
  }
}

/**
 * GET /changes: the changes after `after`, in commit order. A cursor the retention has passed is 410:
 * the changes between it and what is kept are gone, and a follower that went on would miss them
 * (Kubernetes' "resourceVersion too old"); it re-reads the lists and follows from their asOfCursor.
 * `nextCursor` is never null: it is where to read from next (the same cursor when nothing is new).
 */
export async function listChanges(
  db: Db,
  p: { after?: string; limit: number; schoolId?: string },
): Promise<{ items: Change[]; nextCursor: string; hasMore: boolean }> {
  const after = p.after ? cursorOr400(p.after) : null;
  const { rows, prunedThrough } = await readChanges(db, { after: after ?? 0, limit: p.limit + 1, schoolId: p.schoolId });
  if (after !== null && after < prunedThrough)
    throw withDetails(new Gone('This cursor is older than the changes kept: re-read the lists and follow the changes from their asOfCursor'), [
      { in: 'querystring', field: 'after', oldestCursor: encodeChangeCursor(prunedThrough) },
    ]);
  const page = rows.slice(0, p.limit);
  const last = page.at(-1)?.seq ?? after ?? prunedThrough;
  return { items: page.map(toChange), nextCursor: encodeChangeCursor(last), hasMore: rows.length > p.limit };
}

/**
 * The cursor a list answer reflects (`asOfCursor`): read BEFORE the list, so every change up to it is in
 * the list; a change committed between the two reads is both in the list and after the cursor, and
 * a follower sees it twice (an upsert, harmless) rather than never.
 */
export async function asOfCursor(db: Db): Promise<string> {
  return encodeChangeCursor(await headSeq(db));
}

/** Reads a list with its asOfCursor (api.md "Changes": re-list, then follow from the cursor the lists report). */
export async function withAsOf<T extends object>(db: Db, read: () => Promise<T>): Promise<T & { asOfCursor: string }> {
  const cursor = await asOfCursor(db);
  return { ...(await read()), asOfCursor: cursor };
}

// ---- what a day brings: the scheduled job

/** The day after a date (YYYY-MM-DD). */
function dayAfter(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** two-int advisory lock key ('rota', 4): one process ticks at a time; the others skip that round */
const TICK_LOCK = sql<{ got: boolean }>`SELECT pg_try_advisory_xact_lock(1919906913, 4) AS got`;

export interface TickResult {
  effective: number;
  ended: number;
  pruned: number;
  skipped?: boolean;
}

/**
 * The feed's daily work, run by every service process on a timer and at start (src/plugins/change-feed.ts):
 * - move.effective for every published line whose first day (1 September, China time) has come;
 * - move.ended for every line whose last day has passed (a leader's rotation has no end);
 * - the retention: changes older than `retentionDays` go.
 * Each line's emission is claimed in scheduled_changes by its primary key in the same transaction as
 * the change, so however many processes tick, and whenever one restarts (catching up what it missed
 * while down), each is emitted exactly once. `today` is the service's clock (BuildOptions.now).
 */
export async function tickChanges(db: Db, today: string, retentionDays: number): Promise<TickResult> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await TICK_LOCK.execute(trx);
    if (!rows[0]?.got) return { effective: 0, ended: 0, pruned: 0, skipped: true };
    const claim = async (type: 'move.effective' | 'move.ended', due: ReturnType<typeof sql<boolean>>) => {
      const claimed = await sql<{ proposal_line_id: string }>`
        INSERT INTO scheduled_changes (proposal_line_id, type)
        SELECT r.proposal_line_id, ${type} FROM service_records r
        WHERE r.proposal_line_id IS NOT NULL AND ${due}
          AND NOT EXISTS (SELECT 1 FROM scheduled_changes sc WHERE sc.proposal_line_id = r.proposal_line_id AND sc.type = ${type})
        ON CONFLICT DO NOTHING
        RETURNING proposal_line_id`.execute(trx);
      const ids = claimed.rows.map((r) => r.proposal_line_id);
      const moves: MoveRow[] = [];
      for (let i = 0; i < ids.length; i += 5000)
        moves.push(
          ...(await movesQuery(trx)
            .where('l.id', '=', sql<string>`ANY(${ids.slice(i, i + 5000)}::uuid[])`)
            .orderBy('r.from_date')
            .orderBy('t.external_id')
            .execute()),
        );
      return moves;
    };
    const effective = await claim('move.effective', sql<boolean>`r.from_date <= ${today}::date`);
    const ended = await claim('move.ended', sql<boolean>`r.to_date IS NOT NULL AND r.to_date < ${today}::date`);
    const changes: ChangeInput[] = [
      ...effective.map((m) => moveChange('move.effective', m, m.from_date)),
      ...ended.map((m) => moveChange('move.ended', m, dayAfter(m.to_date!))),
    ];
    // retention: counted from the start of today in China time
    const before = new Date(Date.parse(`${today}T00:00:00+08:00`) - retentionDays * 86_400_000);
    const pruned = await pruneChanges(trx, before);
    // Idempotency-Keys are kept at least 24 hours (api.md): those older than 48 go
    await pruneKeys(trx, new Date(Date.parse(`${today}T00:00:00+08:00`) - 2 * 86_400_000));
    await recordChanges(trx, changes);
    return { effective: effective.length, ended: ended.length, pruned };
  });
}
