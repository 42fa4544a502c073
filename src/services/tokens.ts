import { appendAudit, type Actor } from '../db/audit.js';
import { accountOf } from './accounts.js';
import type { Db } from '../db/database.js';
import { pageAt, startOf } from '../db/paging.js';
import { schoolName } from '../db/schools.js';
import { insertToken, listTokens, newSecret, revokeToken } from '../db/tokens.js';
import type { Page, Role, TokenInfo } from '../domain.js';
import { NotFound, ValidationFailed, withDetails } from '../errors.js';
import { paged } from './paging.js';

/** Access tokens (hr only). The secret is answered once, at creation; only its hash is stored. */
export async function findTokens(db: Db, p: { limit: number; cursor?: string; offset?: number }): Promise<Page<TokenInfo>> {
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listTokens(db, start, p.limit + 1), p.limit, start);
  });
}

/** Who the caller is: role, label and, for a principal, the school with its name; for a person, the account. */
export async function whoAmI(db: Db, caller: { role: Role; label: string; schoolId: string | null; accountId: string | null }) {
  const name = caller.schoolId ? await schoolName(db, caller.schoolId) : undefined;
  const account = caller.accountId ? await accountOf(db, caller.accountId) : null;
  return { role: caller.role, label: account?.displayName ?? caller.label, schoolId: caller.schoolId, schoolName: name ?? null, account };
}

/** A new token; a principal's names its school, no other role's does. The answer carries the secret, once. */
export async function createToken(db: Db, input: { role: Role; schoolId?: string | null; label: string }, actor: Actor) {
  const { role, label } = input;
  const schoolId = input.schoolId ?? null;
  if ((role === 'principal') !== (schoolId !== null)) {
    throw withDetails(new ValidationFailed('A principal token needs a schoolId, and only a principal token takes one'), [
      { in: 'body', field: 'schoolId', message: role === 'principal' ? 'required for role principal' : `not allowed for role ${role}` },
    ]);
  }
  const secret = newSecret();
  const row = await db.transaction().execute(async (trx) => {
    if (schoolId && (await schoolName(trx, schoolId)) === undefined) throw new NotFound('School', schoolId);
    const r = await insertToken(trx, { secret, role, schoolId, label });
    await appendAudit(trx, actor, { action: 'create', objectType: 'token', objectId: r.id, detail: { role, schoolId, label } });
    return r;
  });
  return { id: row.id, role, schoolId, label, token: secret };
}

export async function revoke(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await revokeToken(trx, id))) throw new NotFound('Token', id);
    await appendAudit(trx, actor, { action: 'revoke', objectType: 'token', objectId: id });
  });
}
