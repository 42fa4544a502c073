import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Role, TokenInfo } from '../domain.js';
import type { AccessTokenRow, DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Tokens are stored as SHA-256 only; the secret is shown once, when made. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
export function newSecret(): string {
  return `rot_${randomBytes(32).toString('base64url')}`;
}

export async function findActiveToken(db: Q, secret: string): Promise<AccessTokenRow | undefined> {
  return db.selectFrom('access_tokens').selectAll().where('token_hash', '=', hashToken(secret)).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function insertToken(db: Q, t: { secret: string; role: Role; schoolId: string | null; label: string }) {
  return db
    .insertInto('access_tokens')
    .values({ token_hash: hashToken(t.secret), role: t.role, school_id: t.schoolId, label: t.label })
    .returning(['id', 'role', 'school_id', 'label', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * First start: an `hr` token from ROTATION_BOOTSTRAP_TOKEN if set (idempotent), otherwise, if the
 * database has no token at all, a fresh one whose secret is returned so the caller prints it once.
 */
export async function ensureBootstrapToken(db: Kysely<DB>, envSecret: string | undefined): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if (envSecret) {
      const hash = hashToken(envSecret);
      const found = await trx.selectFrom('access_tokens').select(['id', 'revoked_at']).where('token_hash', '=', hash).executeTakeFirst();
      if (!found) {
        await insertToken(trx, { secret: envSecret, role: 'hr', schoolId: null, label: 'bootstrap (ROTATION_BOOTSTRAP_TOKEN)' });
      }
      return null;
    }
    const any = await trx.selectFrom('access_tokens').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    const secret = newSecret();
    await insertToken(trx, { secret, role: 'hr', schoolId: null, label: 'bootstrap (printed at first start)' });
    return secret;
  });
}

/** The one row→domain mapper of access tokens: never the hash. */
export function toTokenInfo(r: Pick<AccessTokenRow, 'id' | 'role' | 'school_id' | 'label' | 'created_at' | 'revoked_at'>): TokenInfo {
  return {
    id: r.id,
    role: r.role,
    schoolId: r.school_id,
    label: r.label,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}

/** Tokens by creation, `limit` from position `start`. */
export async function listTokens(db: Q, start: number, limit: number): Promise<TokenInfo[]> {
  const rows = await db
    .selectFrom('access_tokens')
    .select(['id', 'role', 'school_id', 'label', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .offset(start)
    .execute();
  return rows.map(toTokenInfo);
}

/** Revokes an active token; false when there is no active token with that id. */
export async function revokeToken(db: Q, id: string): Promise<boolean> {
  const r = await db
    .updateTable('access_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}
