/**
 * Exceptions on record (Q12): the teachers a hard rule (H4 R08, H5 R11, H6 R16) names who are not
 * moved as it asks are listed in the proposal's compliance report (solver/exceptions.ts); HR gives
 * each a reason, audited, before the proposal is published.
 */
import type { ExceptionRecord } from '../../solver/types.js';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import {
  listExceptionReasons,
  lockedProposalStatus,
  teacherNames,
  upsertExceptionReason,
  type ExceptionReasonGiven,
  type ExceptionRule,
} from '../db/exception-reasons.js';
import { pageAt, startOf } from '../db/paging.js';
import type { ProposalRow } from '../db/types.js';
import type { Page } from '../domain.js';
import { Conflict, NotFound } from '../errors.js';
import { paged } from './paging.js';
import { proposalRowOr404 } from './plans.js';

/** One exception of the compliance report. */
type ExceptionOnRecord = ExceptionRecord;
export interface ExceptionListed extends ExceptionOnRecord {
  teacherName: string | null;
  /** HR's reason, or null while none was given */
  hrReason: { text: string; by: string; at: string } | null;
}

/** The report's exceptions; 409 while the proposal has no report (not finished), as for its compliance. */
function exceptionsOf(row: ProposalRow): ExceptionOnRecord[] {
  if (!row.compliance) throw new Conflict(`Proposal ${row.id} is ${row.status}: it has no compliance report yet`);
  // reports stored before exceptions were recorded have none
  return ((row.compliance as { exceptions?: ExceptionOnRecord[] }).exceptions ?? []) as ExceptionOnRecord[];
}

/** GET /proposals/:id/exceptions: in the report's order (by rule), each with HR's reason or null. */
export async function findExceptions(db: Db, proposalId: string, p: { limit: number; cursor?: string; offset?: number }): Promise<Page<ExceptionListed>> {
  const row = await proposalRowOr404(db, proposalId);
  const all = exceptionsOf(row);
  return paged(async () => {
    const start = startOf(p);
    const slice = all.slice(start, start + p.limit + 1);
    const given = new Map((await listExceptionReasons(db, proposalId)).map((g) => [`${g.teacherId}|${g.rule}`, g]));
    const names = await teacherNames(
      db,
      slice.map((e) => e.teacherId),
    );
    const items = slice.map((e): ExceptionListed => {
      const g = given.get(`${e.teacherId}|${e.rule}`);
      return { ...e, teacherName: names.get(e.teacherId) ?? null, hrReason: g ? { text: g.text, by: g.by, at: g.at } : null };
    });
    return pageAt(items, p.limit, start);
  });
}

/**
 * PUT /proposals/:id/exceptions/:teacherId: HR's reason for an exception of the proposal (Q12),
 * audited. 404 for a teacher and rule not among its exceptions; 409 once it is published.
 */
export async function giveExceptionReason(
  db: Db,
  proposalId: string,
  teacherId: string,
  actor: Actor,
  input: { rule: ExceptionRule; reason: string },
): Promise<ExceptionReasonGiven> {
  return db.transaction().execute(async (trx) => {
    const row = await proposalRowOr404(trx, proposalId);
    if ((await lockedProposalStatus(trx, proposalId)) === 'published')
      throw new Conflict(`Proposal ${row.id} is published: the reason for an exception is given before publishing`);
    const exception = exceptionsOf(row).find((e) => e.teacherId === teacherId && e.rule === input.rule);
    if (!exception) throw new NotFound(`Exception ${input.rule} of teacher`, teacherId);
    const given = await upsertExceptionReason(trx, {
      proposalId,
      teacherId,
      rule: input.rule,
      reason: input.reason,
      tokenId: actor.tokenId,
      actor: actor.label,
    });
    await appendAudit(trx, actor, {
      action: 'exception_reason',
      objectType: 'proposal',
      objectId: proposalId,
      detail: { teacherId, rule: input.rule, ruleId: exception.ruleId, exception: exception.reason, reason: input.reason },
    });
    return given;
  });
}
