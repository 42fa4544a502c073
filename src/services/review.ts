import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { upsertReview } from '../db/reviews.js';
import type { Review, ReviewDecision } from '../domain.js';
import { Conflict, Forbidden } from '../errors.js';
import type { Caller } from '../access.js';
import { lineInPeriod, recordPrincipalObjection, withdrawPrincipalObjection } from './notice.js';

/**
 * A principal approves or objects to a line touching their school. The principal of the sending
 * school reviews as `sending`, the receiving school's as `receiving`; a later review by the same
 * side replaces the earlier one (the audit log keeps both). An `object` is an objection HR answers
 * (src/services/notice.ts); reviews are taken while the proposal is done, or announced up to and
 * including the last day of its notice (公示期), and not after.
 */
export async function reviewLine(
  db: Db,
  proposalId: string,
  lineId: string,
  caller: Caller,
  actor: Actor,
  input: { decision: ReviewDecision; comment: string },
  today: string,
): Promise<Review> {
  return db.transaction().execute(async (trx) => {
    const { line, refusal } = await lineInPeriod(trx, proposalId, lineId, today);
    if (caller.role !== 'principal') throw new Forbidden('Only the principal of the sending or receiving school reviews a line');
    const side = caller.schoolId === line.from_school_id ? 'sending' : caller.schoolId === line.to_school_id ? 'receiving' : null;
    if (!side) throw new Forbidden('A principal may only review lines touching their own school');
    if (refusal) throw new Conflict(refusal);
    const review = await upsertReview(trx, {
      lineId,
      side,
      schoolId: caller.schoolId!,
      decision: input.decision,
      comment: input.comment,
      tokenId: actor.tokenId,
      actor: actor.label,
    });
    if (input.decision === 'object')
      await recordPrincipalObjection(trx, { proposalId, lineId, side, schoolId: caller.schoolId!, comment: input.comment, actor });
    else await withdrawPrincipalObjection(trx, lineId, side);
    await appendAudit(trx, actor, {
      action: input.decision,
      objectType: 'proposal_line',
      objectId: lineId,
      detail: { proposalId, side, comment: input.comment },
    });
    return review;
  });
}
