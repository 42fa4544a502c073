import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { lineForReview } from '../db/proposal-lines.js';
import { upsertReview } from '../db/reviews.js';
import type { Review, ReviewDecision } from '../domain.js';
import { Conflict, Forbidden, NotFound } from '../errors.js';
import type { Caller } from '../access.js';

/**
 * A principal approves or objects to a line touching their school. The principal of the sending
 * school reviews as `sending`, the receiving school's as `receiving`; a later review by the same
 * side replaces the earlier one (the audit log keeps both).
 */
export async function reviewLine(
  db: Db,
  proposalId: string,
  lineId: string,
  caller: Caller,
  actor: Actor,
  input: { decision: ReviewDecision; comment: string },
): Promise<Review> {
  return db.transaction().execute(async (trx) => {
    const line = await lineForReview(trx, proposalId, lineId);
    if (!line) throw new NotFound('Line', lineId);
    if (caller.role !== 'principal') throw new Forbidden('Only the principal of the sending or receiving school reviews a line');
    const side = caller.schoolId === line.fromSchoolId ? 'sending' : caller.schoolId === line.toSchoolId ? 'receiving' : null;
    if (!side) throw new Forbidden('A principal may only review lines touching their own school');
    if (line.proposalStatus !== 'done') throw new Conflict(`The proposal is ${line.proposalStatus}: only a finished, unpublished proposal is reviewed`);
    const review = await upsertReview(trx, {
      lineId,
      side,
      schoolId: caller.schoolId!,
      decision: input.decision,
      comment: input.comment,
      tokenId: actor.tokenId,
      actor: actor.label,
    });
    await appendAudit(trx, actor, {
      action: input.decision,
      objectType: 'proposal_line',
      objectId: lineId,
      detail: { proposalId, side, comment: input.comment },
    });
    return review;
  });
}
