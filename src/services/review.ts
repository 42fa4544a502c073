import type { Actor } from '../db/audit.js';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { Conflict, Forbidden, NotFound } from '../errors.js';
import type { Caller } from '../plugins/auth.js';
import type { ReviewDecision } from '../schemas/planning.js';

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
) {
  return db.transaction().execute(async (trx) => {
    const line = await trx.selectFrom('proposal_lines as l').innerJoin('proposals as p', 'p.id', 'l.proposal_id')
      .select(['l.id', 'l.from_school_id', 'l.to_school_id', 'p.status'])
      .where('l.id', '=', lineId).where('l.proposal_id', '=', proposalId).executeTakeFirst();
    if (!line) throw new NotFound('Line', lineId);
    if (caller.role !== 'principal') throw new Forbidden('Only the principal of the sending or receiving school reviews a line');
    const side = caller.schoolId === line.from_school_id ? 'sending' : caller.schoolId === line.to_school_id ? 'receiving' : null;
    if (!side) throw new Forbidden('A principal may only review lines touching their own school');
    if (line.status !== 'done') throw new Conflict(`The proposal is ${line.status}: only a finished, unpublished proposal is reviewed`);
    const row = await trx.insertInto('line_reviews').values({
      line_id: lineId, side, school_id: caller.schoolId!, decision: input.decision, comment: input.comment,
      token_id: actor.tokenId, actor: actor.label,
    }).onConflict((oc) => oc.columns(['line_id', 'side']).doUpdateSet({
      decision: input.decision, comment: input.comment, token_id: actor.tokenId, actor: actor.label, reviewed_at: new Date(), school_id: caller.schoolId!,
    })).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: input.decision, objectType: 'proposal_line', objectId: lineId, detail: { proposalId, side, comment: input.comment } });
    return row;
  });
}
