import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry } from '../domain.js';
import type { AuditRow, DB } from './types.js';

/** Who did it: the token's id, or the signed-in account's, and a label (never a secret). */
export interface Actor {
  tokenId: string | null;
  accountId?: string | null;
  label: string;
}

/** Appends one entry to the append-only audit log, inside the caller's transaction. */
export async function appendAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  entry: { action: string; objectType: string; objectId?: string | null; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      token_id: actor.tokenId,
      account_id: actor.accountId ?? null,
      actor: actor.label,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** The one row→domain mapper of the audit log. */
export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    tokenId: r.token_id,
    accountId: r.account_id,
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    detail: r.detail,
  };
}

export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
}

/** Newest first: up to `limit` entries with an id below `before` (a decimal id) when given. */
export async function listAudit(db: Kysely<DB> | Transaction<DB>, f: AuditFilter, before: string | null, limit: number): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.since) q = q.where('at', '>=', new Date(f.since));
  if (f.until) q = q.where('at', '<', new Date(f.until));
  if (before) q = q.where('id', '<', before);
  return (await q.execute()).map(toAuditEntry);
}

/** When the object last had that action (e.g. a proposal's publish), or undefined. */
export async function lastActionAt(db: Kysely<DB> | Transaction<DB>, objectType: string, objectId: string, action: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select('at')
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? new Date(row.at) : undefined;
}
