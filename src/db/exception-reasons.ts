import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

export type ExceptionRule = 'H4' | 'H5' | 'H6';
/** HR's reason for one exception on record (Q12). */
export interface ExceptionReasonGiven {
  teacherId: string;
  rule: ExceptionRule;
  text: string;
  by: string;
  at: string;
}

const toGiven = (r: { teacher_id: string; rule: ExceptionRule; reason: string; actor: string; given_at: Date | string }): ExceptionReasonGiven => ({
  teacherId: r.teacher_id,
  rule: r.rule,
  text: r.reason,
  by: r.actor,
  at: new Date(r.given_at).toISOString(),
});

/** Every reason HR gave for a proposal's exceptions. */
export async function listExceptionReasons(db: Q, proposalId: string): Promise<ExceptionReasonGiven[]> {
  const rows = await db
    .selectFrom('exception_reasons')
    .select(['teacher_id', 'rule', 'reason', 'actor', 'given_at'])
    .where('proposal_id', '=', proposalId)
    .execute();
  return rows.map(toGiven);
}

/** Records HR's reason; a later one for the same teacher and rule replaces it (the audit log keeps both). */
export async function upsertExceptionReason(
  db: Q,
  r: { proposalId: string; teacherId: string; rule: ExceptionRule; reason: string; tokenId: string | null; actor: string },
): Promise<ExceptionReasonGiven> {
  const row = await db
    .insertInto('exception_reasons')
    .values({ proposal_id: r.proposalId, teacher_id: r.teacherId, rule: r.rule, reason: r.reason, token_id: r.tokenId, actor: r.actor })
    .onConflict((oc) =>
      oc
        .columns(['proposal_id', 'teacher_id', 'rule'])
        .doUpdateSet({ reason: r.reason, token_id: r.tokenId, actor: r.actor, given_at: new Date().toISOString() }),
    )
    .returning(['teacher_id', 'rule', 'reason', 'actor', 'given_at'])
    .executeTakeFirstOrThrow();
  return toGiven(row);
}

/** Teachers' names by id (the exceptions list names them). */
export async function teacherNames(db: Q, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('teachers').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The proposal's status, its row locked until the transaction ends: a publish racing a reason waits (or makes it 409). */
export async function lockedProposalStatus(db: Transaction<DB>, proposalId: string): Promise<string | undefined> {
  const row = await db.selectFrom('proposals').select('status').where('id', '=', proposalId).forUpdate().executeTakeFirst();
  return row?.status;
}
