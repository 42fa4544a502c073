import { hash, verify } from '@node-rs/argon2';
import ExcelJS from 'exceljs';
import type { Caller } from '../access.js';
import {
  accountById,
  accountByUsername,
  activationCodeHash,
  endSession,
  endSessionsOf,
  insertAccount,
  insertSession,
  issueActivationCode,
  listAccounts,
  liveSession,
  newActivationCode,
  newSessionSecret,
  openActivationCode,
  purgeOldSessions,
  schoolsWithoutPrincipal,
  setLastSignIn,
  spendActivationCode,
  toAccount,
  touchSession,
  updateAccountRow,
  usernamesTaken,
} from '../db/accounts.js';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { pageAt, startOf } from '../db/paging.js';
import { schoolName } from '../db/schools.js';
import type { Account, Page } from '../domain.js';
import { Conflict, NotFound, ValidationFailed, withDetails } from '../errors.js';
import { paged } from './paging.js';

/** The account settings of the service (src/config.ts). */
export interface AccountSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  activationDays: number;
}

const MINUTE = 60_000;
/** a session's last-seen time is written at most this often: not one write per request */
const TOUCH_EVERY_MS = MINUTE;

/**
 * argon2id (the library's Algorithm.Argon2id, 2: a const enum, spelled out here because isolated
 * modules cannot read it) with the library's costs: 19 MiB, 2 passes, 1 lane, OWASP's minimum for argon2id.
 */
const ARGON2 = { algorithm: 2 } as const;
export const hashPassword = (password: string) => hash(password, ARGON2);
/** A hash to verify against when the user name is unknown, so that an unknown name takes as long as a wrong password. */
let decoy: Promise<string> | undefined;

/** The audit actor of a person: the account's id and a label naming them. */
export function accountActor(a: { id: string; username: string; displayName: string }): Actor {
  return { tokenId: null, accountId: a.id, label: `${a.displayName} (${a.username})` };
}

export async function findAccounts(db: Db, p: { limit: number; cursor?: string; offset?: number }): Promise<Page<Account>> {
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listAccounts(db, start, p.limit + 1), p.limit, start);
  });
}

async function loadAccount(db: Db, id: string): Promise<Account> {
  const row = await accountById(db, id);
  if (!row) throw new NotFound('Account', id);
  return toAccount(row);
}

const expiry = (now: Date, s: AccountSettings) => new Date(now.getTime() + s.activationDays * 24 * 60 * MINUTE);

/** One account with its first activation code (answered once; stored as a hash). A principal's names its school. */
export async function createAccount(
  db: Db,
  input: { username: string; displayName: string; role: 'hr' | 'principal'; schoolId?: string | null },
  actor: Actor,
  now: Date,
  s: AccountSettings,
): Promise<{ account: Account; activationCode: string }> {
  const schoolId = input.schoolId ?? null;
  if ((input.role === 'principal') !== (schoolId !== null)) {
    throw withDetails(new ValidationFailed("A principal's account needs a schoolId, and only a principal's takes one"), [
      { in: 'body', field: 'schoolId', message: input.role === 'principal' ? 'required for role principal' : 'not allowed for role hr' },
    ]);
  }
  const code = newActivationCode();
  const id = await db.transaction().execute(async (trx) => {
    if (schoolId && (await schoolName(trx, schoolId)) === undefined) throw new NotFound('School', schoolId);
    if ((await usernamesTaken(trx, [input.username])).size > 0) {
      throw withDetails(new Conflict(`The user name ${input.username} is taken`), [{ in: 'body', field: 'username', message: 'already taken' }]);
    }
    const { id } = await insertAccount(trx, { ...input, schoolId, now });
    await issueActivationCode(trx, id, code, now, expiry(now, s));
    await appendAudit(trx, actor, { action: 'create', objectType: 'account', objectId: id, detail: { username: input.username, role: input.role, schoolId } });
    return id;
  });
  return { account: await loadAccount(db, id), activationCode: code };
}

/**
 * A principal's account for each school without one (all schools, or those asked): user name the
 * school's code, display name "<school>校长". One transaction: all or none. A school code already
 * used as another account's user name is refused with the schools named, nothing written.
 */
export async function bulkCreatePrincipals(db: Db, input: { schoolIds?: string[] }, actor: Actor, now: Date, s: AccountSettings) {
  const made = await db.transaction().execute(async (trx) => {
    const schools = await schoolsWithoutPrincipal(trx, input.schoolIds);
    if (input.schoolIds) {
      const found = new Set(schools.map((x) => x.id));
      const missing = input.schoolIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw withDetails(
          new Conflict(`${missing.length} of the schools asked are unknown or already have a principal's account; nothing was created`),
          missing.map((id) => ({ in: 'body', field: 'schoolIds', value: id, message: 'unknown school, or it has a principal account' })),
        );
      }
    }
    const taken = await usernamesTaken(
      trx,
      schools.map((x) => x.code),
    );
    if (taken.size > 0) {
      const clash = schools.filter((x) => taken.has(x.code.toLowerCase()));
      throw withDetails(
        new Conflict(`${clash.length} school code(s) are already other accounts' user names; nothing was created`),
        clash.map((x) => ({ in: 'body', field: 'schoolIds', value: x.id, message: `user name ${x.code} is taken` })),
      );
    }
    const out: { id: string; code: string }[] = [];
    for (const school of schools) {
      const code = newActivationCode();
      const { id } = await insertAccount(trx, { username: school.code, displayName: `${school.name}校长`, role: 'principal', schoolId: school.id, now });
      await issueActivationCode(trx, id, code, now, expiry(now, s));
      out.push({ id, code });
    }
    // one action with its items (the accounts made), not one entry per account
    if (out.length > 0)
      await appendAudit(trx, actor, { action: 'bulk_create', objectType: 'account', detail: { role: 'principal', accountIds: out.map((x) => x.id) } });
    return out;
  });
  const items = [];
  for (const m of made) items.push({ account: await loadAccount(db, m.id), activationCode: m.code });
  return { items };
}

/** A new activation code: the password is cleared and every session ends (a forgotten or leaked password). */
export async function resetAccount(db: Db, id: string, actor: Actor, now: Date, s: AccountSettings) {
  const code = newActivationCode();
  await db.transaction().execute(async (trx) => {
    if (!(await updateAccountRow(trx, id, { passwordHash: null }))) throw new NotFound('Account', id);
    await issueActivationCode(trx, id, code, now, expiry(now, s));
    const ended = await endSessionsOf(trx, id, now);
    await appendAudit(trx, actor, { action: 'reset', objectType: 'account', objectId: id, detail: { sessionsEnded: ended } });
  });
  return { account: await loadAccount(db, id), activationCode: code };
}

/** Disable (every session ends at once), enable, or rename an account. */
export async function updateAccount(db: Db, id: string, input: { disabled?: boolean; displayName?: string }, actor: Actor, now: Date): Promise<Account> {
  await db.transaction().execute(async (trx) => {
    if (!(await updateAccountRow(trx, id, input))) throw new NotFound('Account', id);
    const ended = input.disabled ? await endSessionsOf(trx, id, now) : 0;
    const action = input.disabled === true ? 'disable' : input.disabled === false ? 'enable' : 'update';
    await appendAudit(trx, actor, { action, objectType: 'account', objectId: id, detail: { ...input, sessionsEnded: ended } });
  });
  return loadAccount(db, id);
}

/**
 * Sets the password with a one-time code: the code must be the account's open one and unexpired; it
 * is spent in the same transaction as the password is set, so it works once. undefined when the
 * name or code is wrong (the caller counts the failure).
 */
export async function activate(db: Db, input: { username: string; activationCode: string; password: string }, now: Date): Promise<Account | undefined> {
  const row = await accountByUsername(db, input.username);
  if (!row || row.disabled) return undefined;
  // the code first: a wrong one costs no password hashing (argon2 is slow on purpose)
  const code = await openActivationCode(db, row.id, activationCodeHash(input.activationCode), now);
  if (!code) return undefined;
  const passwordHash = await hashPassword(input.password);
  const ok = await db.transaction().execute(async (trx) => {
    // spent in the same transaction as the password is set: of two racing activations one wins
    if (!(await spendActivationCode(trx, code.id, now))) return false;
    await updateAccountRow(trx, row.id, { passwordHash });
    await appendAudit(trx, accountActor({ id: row.id, username: row.username, displayName: row.display_name }), {
      action: 'activate',
      objectType: 'account',
      objectId: row.id,
    });
    return true;
  });
  return ok ? loadAccount(db, row.id) : undefined;
}

/**
 * Checks a user name and password; on success opens a session (its secret goes in the cookie) and
 * records the sign-in. undefined on any failure: unknown name, wrong password, disabled or not yet
 * activated — the caller answers them alike and counts the failure.
 */
export async function signIn(
  db: Db,
  input: { username: string; password: string; address: string },
  now: Date,
  s: AccountSettings,
): Promise<{ account: Account; secret: string; sessionId: string } | undefined> {
  const row = await accountByUsername(db, input.username);
  decoy ??= hashPassword('a password nobody has');
  const ok = await verify(row?.password_hash ?? (await decoy), input.password).catch(() => false);
  if (!row?.password_hash || !ok || row.disabled) {
    const reason = !row ? 'unknown_user' : !row.password_hash ? 'not_activated' : row.disabled ? 'disabled' : 'wrong_password';
    await appendAudit(
      db,
      // no account acted: the account tried is the object, not the actor
      { tokenId: null, label: 'sign-in' },
      {
        action: 'sign_in_failed',
        objectType: 'account',
        objectId: row?.id ?? null,
        detail: { username: input.username, reason, address: input.address },
      },
    );
    return undefined;
  }
  const secret = newSessionSecret();
  const actor = accountActor({ id: row.id, username: row.username, displayName: row.display_name });
  const sessionId = await db.transaction().execute(async (trx) => {
    const { id } = await insertSession(trx, { secret, accountId: row.id, now, expiresAt: new Date(now.getTime() + s.sessionMaxHours * 60 * MINUTE) });
    await setLastSignIn(trx, row.id, now);
    await appendAudit(trx, actor, { action: 'sign_in', objectType: 'account', objectId: row.id, detail: { sessionId: id, address: input.address } });
    await purgeOldSessions(trx, new Date(now.getTime() - 24 * 60 * MINUTE));
    return id;
  });
  return { account: await loadAccount(db, row.id), secret, sessionId };
}

/**
 * The caller of a session cookie: the account acts with its role and school, exactly as a token of
 * that role would (src/access.ts). undefined when the session ended, passed its absolute or idle
 * expiry, or its account is disabled.
 */
export async function sessionCaller(db: Db, secret: string, now: Date, s: AccountSettings): Promise<Caller | undefined> {
  const row = await liveSession(db, secret, now);
  if (!row) return undefined;
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idleMs > s.sessionIdleMinutes * MINUTE) return undefined;
  if (idleMs > TOUCH_EVERY_MS) await touchSession(db, row.id, now);
  return {
    tokenId: null,
    accountId: row.account_id,
    sessionId: row.id,
    role: row.role,
    schoolId: row.school_id,
    label: `${row.display_name} (${row.username})`,
  };
}

/** Sign-out: the session ends on the server, whatever the browser keeps. */
export async function signOut(db: Db, sessionId: string, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await endSession(trx, sessionId, now))
      await appendAudit(trx, actor, { action: 'sign_out', objectType: 'account', objectId: actor.accountId ?? null, detail: { sessionId } });
  });
}

export async function accountOf(db: Db, id: string): Promise<Account> {
  return loadAccount(db, id);
}

/**
 * The activation codes HR hands out, as a workbook: one row per account. Each code is checked to be
 * the account's open, unexpired one, so the file never lists a code that will not work; nothing is
 * written (the codes are stored as hashes and cannot be read back: the page sends what it was answered).
 */
const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

export async function activationCodesXlsx(db: Db, items: { accountId: string; activationCode: string }[], now: Date): Promise<Buffer> {
  const rows: { account: Account; code: string; expiresAt: Date }[] = [];
  const bad: { in: string; field: string; value: string; message: string }[] = [];
  for (const [i, it] of items.entries()) {
    const row = await accountById(db, it.accountId);
    const open = row && (await openActivationCode(db, row.id, activationCodeHash(it.activationCode), now));
    if (!row || !open) bad.push({ in: 'body', field: `items[${i}].activationCode`, value: it.accountId, message: 'not the open code of this account' });
    else rows.push({ account: toAccount(row), code: it.activationCode, expiresAt: new Date(open.expires_at) });
  }
  if (bad.length > 0) throw withDetails(new ValidationFailed(`${bad.length} code(s) are not open codes of their accounts`), bad);
  const wb = new ExcelJS.Workbook();
  wb.creator = '轮岗';
  wb.title = '账号激活码';
  const ws = wb.addWorksheet('激活码', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '学校', width: 28 },
    { header: '姓名/称呼', width: 24 },
    { header: '用户名', width: 16 },
    { header: '激活码', width: 24 },
    { header: '有效期至', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, r.account.schoolName ?? '', r.account.displayName, r.account.username, r.code, chinaDay(r.expiresAt)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The demo's people (scripts/demo.ts): the account is made if missing, enabled, and given this
 * password, so that each run prints a password that works. Never used by the service itself.
 */
export async function demoAccount(
  db: Db,
  a: { username: string; displayName: string; role: 'hr' | 'principal'; schoolId: string | null },
  password: string,
  now: Date,
): Promise<Account> {
  const passwordHash = await hashPassword(password);
  const id = await db.transaction().execute(async (trx) => {
    const found = await accountByUsername(trx, a.username);
    const id = found?.id ?? (await insertAccount(trx, { ...a, now })).id;
    await updateAccountRow(trx, id, { passwordHash, disabled: false });
    await appendAudit(
      trx,
      { tokenId: null, label: 'demo' },
      { action: found ? 'reset' : 'create', objectType: 'account', objectId: id, detail: { demo: true } },
    );
    return id;
  });
  return loadAccount(db, id);
}
