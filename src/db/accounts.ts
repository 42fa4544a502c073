import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Account } from '../domain.js';
import { hashToken } from './tokens.js';
import type { AccountRow, DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time activation code: 80 random bits as 16 characters in four groups (XXXX-XXXX-XXXX-XXXX). */
export function newActivationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) out = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)] + out;
  return out.match(/.{4}/g)!.join('-');
}

/** A typed code as stored: case, spaces and dashes do not matter; I/L read as 1 and O as 0 (Crockford). */
export function activationCodeHash(code: string): string {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return hashToken(clean);
}

/** A session cookie's secret; the table keeps its SHA-256 only. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

type AccountListed = AccountRow & { school_name: string | null };

/** The one row→domain mapper of accounts: never the password hash. */
export function toAccount(r: AccountListed): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    schoolId: r.school_id,
    schoolName: r.school_name,
    disabled: r.disabled,
    activated: r.password_hash !== null,
    createdAt: new Date(r.created_at).toISOString(),
    lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at).toISOString() : null,
  };
}

function accountsWithSchool(db: Q) {
  return db.selectFrom('accounts').leftJoin('schools', 'schools.id', 'accounts.school_id').selectAll('accounts').select('schools.name as school_name');
}

export async function accountById(db: Q, id: string): Promise<AccountListed | undefined> {
  return accountsWithSchool(db).where('accounts.id', '=', id).executeTakeFirst();
}

/** User names are matched without regard to case (the unique index is on lower(username)). */
export async function accountByUsername(db: Q, username: string): Promise<AccountListed | undefined> {
  return accountsWithSchool(db).where(sql<string>`lower(accounts.username)`, '=', username.toLowerCase()).executeTakeFirst();
}

/** HR first, then principals by user name; `limit` from position `start`. */
export async function listAccounts(db: Q, start: number, limit: number): Promise<Account[]> {
  const rows = await accountsWithSchool(db)
    .orderBy(sql`accounts.role = 'principal'`)
    .orderBy(sql`lower(accounts.username)`)
    .orderBy('accounts.id')
    .limit(limit)
    .offset(start)
    .execute();
  return rows.map(toAccount);
}

export async function usernamesTaken(db: Q, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db
    .selectFrom('accounts')
    .select(sql<string>`lower(username)`.as('u'))
    .where(
      sql<string>`lower(username)`,
      'in',
      usernames.map((u) => u.toLowerCase()),
    )
    .execute();
  return new Set(rows.map((r) => r.u));
}

/** Schools (all, or those asked) with no principal account yet, by code. */
export async function schoolsWithoutPrincipal(db: Q, schoolIds?: string[]) {
  let q = db
    .selectFrom('schools')
    .select(['id', 'code', 'name'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.school_id', '=', 'schools.id').where('accounts.role', '=', 'principal'))),
    )
    .orderBy('code');
  if (schoolIds) q = q.where('id', 'in', schoolIds);
  return q.execute();
}

export async function insertAccount(db: Q, a: { username: string; displayName: string; role: 'hr' | 'principal'; schoolId: string | null; now: Date }) {
  return db
    .insertInto('accounts')
    .values({ username: a.username, display_name: a.displayName, role: a.role, school_id: a.schoolId, created_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateAccountRow(db: Q, id: string, set: { disabled?: boolean; displayName?: string; passwordHash?: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({
      ...(set.disabled !== undefined ? { disabled: set.disabled } : {}),
      ...(set.displayName !== undefined ? { display_name: set.displayName } : {}),
      ...(set.passwordHash !== undefined ? { password_hash: set.passwordHash } : {}),
    })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}

export async function setLastSignIn(db: Q, id: string, at: Date): Promise<void> {
  await db.updateTable('accounts').set({ last_sign_in_at: at }).where('id', '=', id).execute();
}

// ---- activation codes

/** A new code for the account; any code still open for it is spent, so only the newest works. */
export async function issueActivationCode(db: Q, accountId: string, code: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('account_activation_codes').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
  await db
    .insertInto('account_activation_codes')
    .values({ account_id: accountId, code_hash: activationCodeHash(code), created_at: now, expires_at: expiresAt })
    .execute();
}

/** The open, unexpired code of this account with this hash, or undefined. */
export async function openActivationCode(db: Q, accountId: string, codeHash: string, now: Date) {
  return db
    .selectFrom('account_activation_codes')
    .select(['id', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Spends a code once: false when another request spent it first. */
export async function spendActivationCode(db: Q, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('account_activation_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}

// ---- sessions

export async function insertSession(db: Q, s: { secret: string; accountId: string; now: Date; expiresAt: Date }) {
  return db
    .insertInto('account_sessions')
    .values({ token_hash: hashToken(s.secret), account_id: s.accountId, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A live session by its cookie's secret, with its account: not ended, not past its absolute expiry, account enabled. */
export async function liveSession(db: Q, secret: string, now: Date) {
  return db
    .selectFrom('account_sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.last_seen_at', 's.account_id', 'a.username', 'a.display_name', 'a.role', 'a.school_id'])
    .where('s.token_hash', '=', hashToken(secret))
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('a.disabled', '=', false)
    .executeTakeFirst();
}

export async function touchSession(db: Q, id: string, now: Date): Promise<void> {
  await db.updateTable('account_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function endSession(db: Q, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('account_sessions')
    .set({ ended_at: now })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}

/** Ends every open session of the account (disabled, or reset): returns how many. */
export async function endSessionsOf(db: Q, accountId: string, now: Date): Promise<number> {
  const rows = await db
    .updateTable('account_sessions')
    .set({ ended_at: now })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** Forgets sessions that ended or expired more than a day ago (the audit keeps the sign-ins). */
export async function purgeOldSessions(db: Q, before: Date): Promise<void> {
  await db
    .deleteFrom('account_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('ended_at', '<', before)]))
    .execute();
}
