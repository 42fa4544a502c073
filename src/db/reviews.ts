import type { Kysely, Transaction } from 'kysely';
import type { ReviewDecision, Review, ReviewListed, ReviewSide } from '../domain.js';
import type { DB, LineReviewRow } from './types.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The one row→domain mapper of line reviews (审核意见). */
export function toReview(r: Pick<LineReviewRow, 'line_id' | 'side' | 'school_id' | 'decision' | 'comment' | 'actor' | 'reviewed_at'>): Review {
  return {
    lineId: r.line_id,
    side: r.side,
    schoolId: r.school_id,
    decision: r.decision,
    comment: r.comment,
    reviewer: r.actor,
    reviewedAt: new Date(r.reviewed_at).toISOString(),
  };
}

/** A proposal's reviews in the order they were made, `limit` from position `start`; one decision only when given. */
export async function listReviews(db: Q, proposalId: string, f: { decision?: ReviewDecision }, start: number, limit: number): Promise<ReviewListed[]> {
  let q = db
    .selectFrom('line_reviews as r')
    .innerJoin('proposal_lines as l', 'l.id', 'r.line_id')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .select([
      'r.line_id',
      'r.side',
      'r.school_id',
      's.name as school_name',
      'r.decision',
      'r.comment',
      'r.actor',
      'r.reviewed_at',
      't.name as teacher_name',
      'l.kind',
    ])
    .where('l.proposal_id', '=', proposalId)
    .orderBy('r.reviewed_at')
    .orderBy('r.id')
    .limit(limit)
    .offset(start);
  if (f.decision) q = q.where('r.decision', '=', f.decision);
  return (await q.execute()).map((r) => ({ ...toReview(r), schoolName: r.school_name, teacherName: r.teacher_name, kind: r.kind }));
}

/** Records a side's review of a line; a later review by the same side replaces the earlier one. */
export async function upsertReview(
  db: Q,
  r: { lineId: string; side: ReviewSide; schoolId: string; decision: ReviewDecision; comment: string; tokenId: string | null; actor: string },
): Promise<Review> {
  const row = await db
    .insertInto('line_reviews')
    .values({
      line_id: r.lineId,
      side: r.side,
      school_id: r.schoolId,
      decision: r.decision,
      comment: r.comment,
      token_id: r.tokenId,
      actor: r.actor,
    })
    .onConflict((oc) =>
      oc.columns(['line_id', 'side']).doUpdateSet({
        decision: r.decision,
        comment: r.comment,
        token_id: r.tokenId,
        actor: r.actor,
        reviewed_at: new Date(),
        school_id: r.schoolId,
        // the principal's own decision on this version: no longer the one carried from an earlier version
        carried_from_version: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row);
}
