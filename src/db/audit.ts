import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.js';

/** Who did it: the token's id and label (never its secret). */
export interface Actor {
  tokenId: string | null;
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
      actor: actor.label,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
