import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ChangedSinceReview, LineChange } from '../db/types.js';
import type { ReviewSide } from '../domain.js';

/**
 * Reviews that carry over (issue #12): when a new version's lines are stored, each line equal to a line
 * of the plan's previous version (the latest earlier one that was done or announced: same teacher, kind,
 * schools and hours) gets that line's reviews and objections, answers included, marked with the version
 * they were first made on. A line of the same teacher that changed is not reviewed on the new version;
 * each side that had reviewed the earlier line is told what changed (`changed_since_review`).
 * Run in the transaction that writes the lines, before the proposal is finished.
 */
export async function carryReviews(trx: Db, proposalId: string): Promise<void> {
  const me = await trx.selectFrom('proposals').select(['plan_id', 'version']).where('id', '=', proposalId).executeTakeFirstOrThrow();
  const prev = await trx
    .selectFrom('proposals')
    .select(['id', 'version'])
    .where('plan_id', '=', me.plan_id)
    .where('version', '<', me.version)
    .where('status', 'in', ['done', 'announced'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!prev) return;
  const same = sql`o.proposal_id = ${prev.id} AND o.teacher_id = n.teacher_id AND o.kind = n.kind AND o.from_school_id = n.from_school_id
    AND o.to_school_id = n.to_school_id AND o.hours_per_week IS NOT DISTINCT FROM n.hours_per_week`;
  await sql`INSERT INTO line_reviews (line_id, side, school_id, decision, comment, token_id, actor, reviewed_at, carried_from_version)
    SELECT n.id, r.side, r.school_id, r.decision, r.comment, r.token_id, r.actor, r.reviewed_at, COALESCE(r.carried_from_version, ${prev.version})
    FROM proposal_lines n JOIN proposal_lines o ON ${same} JOIN line_reviews r ON r.line_id = o.id
    WHERE n.proposal_id = ${proposalId}`.execute(trx);
  await sql`INSERT INTO objections (proposal_id, line_id, source, side, school_id, comment, lodged_by, channel, token_id, lodged_at,
      carried_from_version, decision, reason, answered_by, answered_at)
    SELECT ${proposalId}, n.id, x.source, x.side, x.school_id, x.comment, x.lodged_by, x.channel, x.token_id, x.lodged_at,
      COALESCE(x.carried_from_version, ${prev.version}), x.decision, x.reason, x.answered_by, x.answered_at
    FROM proposal_lines n JOIN proposal_lines o ON ${same} JOIN objections x ON x.line_id = o.id
    WHERE n.proposal_id = ${proposalId}`.execute(trx);

  // the same teacher's line that changed: what changed, for each side that had reviewed the earlier line
  const rows = await sql<{
    id: string;
    teacher_id: string;
    kind: string;
    from_school_id: string;
    to_school_id: string;
    hours_per_week: number | null;
    old: boolean;
    sides: ReviewSide[] | null;
  }>`WITH pairs AS (SELECT n.id AS nid, o.id AS oid FROM proposal_lines n JOIN proposal_lines o ON ${same} WHERE n.proposal_id = ${proposalId})
    SELECT l.id, l.teacher_id, l.kind, l.from_school_id, l.to_school_id, l.hours_per_week, l.proposal_id = ${prev.id} AS old,
      (SELECT array_agg(r.side) FROM line_reviews r WHERE r.line_id = l.id) AS sides
    FROM proposal_lines l
    WHERE (l.proposal_id = ${prev.id} OR l.proposal_id = ${proposalId})
      AND l.id NOT IN (SELECT nid FROM pairs) AND l.id NOT IN (SELECT oid FROM pairs)`.execute(trx);
  const before = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) if (r.old && r.sides?.length) before.set(r.teacher_id, [...(before.get(r.teacher_id) ?? []), r]);
  const changes: { id: string; c: ChangedSinceReview }[] = [];
  for (const n of rows.rows) {
    const olds = before.get(n.teacher_id);
    if (n.old || !olds) continue;
    // the earlier line it replaces: the same kind if there is one (a 走教 teacher may have several)
    const o = olds.find((x) => x.kind === n.kind && x.to_school_id === n.to_school_id) ?? olds.find((x) => x.kind === n.kind) ?? olds[0];
    const what: LineChange[] = [];
    if (o.to_school_id !== n.to_school_id) what.push('toSchool');
    if (o.from_school_id !== n.from_school_id) what.push('fromSchool');
    if (o.hours_per_week !== n.hours_per_week) what.push('hours');
    if (o.kind !== n.kind) what.push('kind');
    if (!what.length) continue;
    changes.push({ id: n.id, c: Object.fromEntries((o.sides ?? []).map((s) => [s, what])) });
  }
  if (changes.length)
    await sql`UPDATE proposal_lines l SET changed_since_review = v.c
      FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(id uuid, c jsonb) WHERE l.id = v.id`.execute(trx);
}
