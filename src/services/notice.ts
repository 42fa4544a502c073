import { sql } from 'kysely';
import { academicYearStart, YEAR_ENDS } from '../../solver/domain.js';
import type { Caller } from '../access.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { recordChanges } from '../db/changes.js';
import type { Db } from '../db/database.js';
import { pageAt, startOf } from '../db/paging.js';
import { getProposalRow, toProposal } from '../db/proposals.js';
import type { ObjectionChannel, ProposalRow } from '../db/types.js';
import type { Proposal } from '../domain.js';
import { Conflict, type Detail, Forbidden, NotFound, ValidationFailed, withDetails } from '../errors.js';
import type { Objection } from '../schemas/planning.js';
import { paged } from './paging.js';
import * as life from './proposal-life.js';

/**
 * The 公示 (public notice) cycle of issue #12: HR announces a finished proposal for a notice period,
 * principals object (a review `object`) and teachers object through HR, HR answers every objection,
 * and only then, after the period, publishes (src/services/publish.ts). One result per academic year:
 * at most one proposal of a year is announced or published, whatever its plan's name (migrations/0016).
 */

/** The default notice period: five working days (Mon–Fri) from the day after the announcement. */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;

const asDate = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The calendar day after `d` (YYYY-MM-DD). */
export function dayAfter(d: string): string {
  const x = asDate(d);
  x.setUTCDate(x.getUTCDate() + 1);
  return iso(x);
}
/**
 * The n-th working day (Mon–Fri) after `today`: the last day of a notice of n working days. Public
 * holidays are not known here: HR gives `noticeUntil` when the period spans one.
 */
export function addWorkingDays(today: string, n: number): string {
  let d = today;
  for (let left = n; left > 0; ) {
    d = dayAfter(d);
    const wd = asDate(d).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

/** The longest notice period HR may give: 30 working days from its first day (issue #18 point 6). */
export const MAX_NOTICE_WORKING_DAYS = 30;

/**
 * Why a notice period cannot be used, or null: it must end by 31 August of the plan's year, the day
 * before the moves take effect on 1 September (a 公示 after that decides nothing), and within
 * MAX_NOTICE_WORKING_DAYS working days of its first day (the day after `today`).
 */
export function noticeEndRefusal(until: string, year: number, today: string): string | null {
  const lastDay = `${year}-${YEAR_ENDS}`;
  if (until > lastDay) return `must be ${lastDay} or earlier: the notice ends before the ${year} plan takes effect on ${academicYearStart(year)}`;
  const longest = addWorkingDays(today, MAX_NOTICE_WORKING_DAYS);
  if (until > longest) return `must be ${longest} or earlier: a notice runs at most ${MAX_NOTICE_WORKING_DAYS} working days from ${dayAfter(today)}`;
  return null;
}

type Holder = { id: string; plan_id: string; version: number; status: string; plan_name: string; year: number };

/** The proposals holding `year` (announced or published), with their plan's name. */
async function holdersOfYear(db: Db, year: number): Promise<Holder[]> {
  return db
    .selectFrom('proposals as p')
    .innerJoin('plans as pl', 'pl.id', 'p.plan_id')
    .select(['p.id', 'p.plan_id', 'p.version', 'p.status', 'pl.name as plan_name', 'p.year'])
    .where('p.year', '=', year)
    .where('p.status', 'in', ['announced', 'published'])
    .execute();
}

/** 409 naming the proposal that holds the year (plan name, version, id). */
function yearTaken(h: Holder) {
  const state = h.status === 'announced' ? 'announced (公示中)' : 'published (已发布)';
  return withDetails(
    new Conflict(
      `The ${h.year} result is already ${state}: plan "${h.plan_name}" v${h.version} (proposal ${h.id}). One plan result per academic year: withdraw that notice first`,
    ),
    [{ proposalId: h.id, planId: h.plan_id, planName: h.plan_name, version: h.version, status: h.status, year: h.year }],
  );
}

const isYearIndexViolation = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'proposals_one_result_per_year_idx' || /proposals_one_result_per_year_idx/.test(e.message ?? ''));
};

/**
 * Line, proposal and review counts HR reads per version: how far the review has come (issue #19: per
 * side, since a principal answers for one side of a line; a line both sides approved is `reviewed`).
 * `upheldNotApplied`: objections HR upheld whose line is still in this version (an upheld objection
 * changes the list: publish refuses it). `exceptionsWithoutReason`: the report's exceptions (Q12) HR
 * has not explained yet.
 */
export async function reviewCounts(db: Db, proposalId: string): Promise<NonNullable<Proposal['reviewCounts']>> {
  const r = await sql<Record<string, string>>`
    WITH per_line AS (
      SELECT l.id, l.changed_since_review -> 'sending' IS NOT NULL AS changed_s, l.changed_since_review -> 'receiving' IS NOT NULL AS changed_r,
        EXISTS (SELECT 1 FROM line_reviews r WHERE r.line_id = l.id AND r.side = 'sending') AS sending,
        EXISTS (SELECT 1 FROM line_reviews r WHERE r.line_id = l.id AND r.side = 'receiving') AS receiving,
        EXISTS (SELECT 1 FROM objections o WHERE o.line_id = l.id) AS objected
      FROM proposal_lines l WHERE l.proposal_id = ${proposalId})
    SELECT count(*) AS lines,
      count(*) FILTER (WHERE sending AND receiving) AS reviewed,
      count(*) FILTER (WHERE sending) AS sending,
      count(*) FILTER (WHERE receiving) AS receiving,
      count(*) FILTER (WHERE NOT sending AND NOT receiving) AS neither,
      count(*) FILTER (WHERE (changed_s AND NOT sending) OR (changed_r AND NOT receiving)) AS changed,
      count(*) FILTER (WHERE objected) AS objected,
      (SELECT count(*) FROM objections o WHERE o.proposal_id = ${proposalId} AND o.decision IS NULL) AS open,
      (SELECT count(*) FROM objections o WHERE o.proposal_id = ${proposalId} AND o.decision = 'upheld') AS upheld,
      (SELECT count(*) FROM proposals p CROSS JOIN LATERAL jsonb_array_elements(COALESCE(p.compliance -> 'exceptions', '[]'::jsonb)) e
        WHERE p.id = ${proposalId} AND NOT EXISTS (SELECT 1 FROM exception_reasons x
          WHERE x.proposal_id = p.id AND x.teacher_id::text = e ->> 'teacherId' AND x.rule = e ->> 'rule')) AS unexplained
    FROM per_line`.execute(db);
  const n = (k: string) => Number(r.rows[0][k]);
  return {
    lines: n('lines'),
    reviewed: n('reviewed'),
    reviewedBySending: n('sending'),
    reviewedByReceiving: n('receiving'),
    reviewedByNeither: n('neither'),
    changedToReview: n('changed'),
    objected: n('objected'),
    openObjections: n('open'),
    upheldNotApplied: n('upheld'),
    exceptionsWithoutReason: n('unexplained'),
  };
}

/** GET /proposals/:id: the proposal, its notice period and its review counts. */
export async function proposalWithCounts(db: Db, id: string): Promise<Proposal> {
  const row = await getProposalRow(db, id);
  if (!row) throw new NotFound('Proposal', id);
  return { ...toProposal(row), reviewCounts: await reviewCounts(db, id), noticePeriods: await noticePeriods(db, id) };
}

/** The notice periods a proposal's lines were announced in, oldest first (two after a 补充公示). */
export async function noticePeriods(db: Db, proposalId: string): Promise<{ from: string; until: string; lines: number }[]> {
  const rows = await db
    .selectFrom('proposal_lines')
    .select(['notice_from', 'notice_until', (eb) => eb.fn.countAll<string>().as('n')])
    .where('proposal_id', '=', proposalId)
    .where('notice_until', 'is not', null)
    .groupBy(['notice_from', 'notice_until'])
    .orderBy('notice_until')
    .execute();
  return rows.map((r) => ({ from: String(r.notice_from), until: String(r.notice_until), lines: Number(r.n) }));
}

/**
 * Issue #19, the correction cycle (docs/notices.md): which notice period each line of a version being
 * announced runs in. A line equal to a line of the plan's latest earlier announced version (same
 * teacher, kind, schools and hours) whose notice ran its full period keeps that period: it was
 * announced and is not announced again. Every other line (changed, new) is announced for `period`,
 * which makes the version's notice a 补充公示 of those lines when some kept an earlier one.
 */
async function assignLinePeriods(trx: Db, proposalId: string, planId: string, version: number, period: { from: string; until: string }) {
  const prev = await trx
    .selectFrom('proposals as p')
    .select(['p.id'])
    .where('p.plan_id', '=', planId)
    .where('p.version', '<', version)
    .where((eb) =>
      eb.exists(eb.selectFrom('proposal_lines as l').select('l.id').whereRef('l.proposal_id', '=', 'p.id').where('l.notice_until', 'is not', null)),
    )
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx.updateTable('proposal_lines').set({ notice_from: period.from, notice_until: period.until }).where('proposal_id', '=', proposalId).execute();
  if (!prev) return;
  await sql`UPDATE proposal_lines n SET notice_from = o.notice_from, notice_until = o.notice_until
    FROM proposal_lines o
    WHERE n.proposal_id = ${proposalId} AND o.proposal_id = ${prev.id} AND o.notice_until IS NOT NULL
      AND o.teacher_id = n.teacher_id AND o.kind = n.kind AND o.from_school_id = n.from_school_id
      AND o.to_school_id = n.to_school_id AND o.hours_per_week IS NOT DISTINCT FROM n.hours_per_week`.execute(trx);
}

/**
 * A notice withdrawn before its period ran its course announced nothing for good: the lines announced
 * in it lose that period (a later version announces them again). After the period, the lines keep it:
 * a corrected version's unchanged lines keep it too (the 补充公示 of docs/notices.md).
 */
async function endNotice(trx: Db, proposalId: string, today: string) {
  const p = await trx.selectFrom('proposals').select(['notice_until']).where('id', '=', proposalId).executeTakeFirstOrThrow();
  if (p.notice_until && today <= String(p.notice_until))
    await trx
      .updateTable('proposal_lines')
      .set({ notice_from: null, notice_until: null })
      .where('proposal_id', '=', proposalId)
      .where('notice_until', '=', String(p.notice_until))
      .execute();
}

/**
 * POST /proposals/:id/announce: done → announced for the notice period. Another version of the same
 * plan that is announced goes back to `done` in the same transaction (replaced, audited); another
 * plan's announced or published proposal for the year is a 409 naming it, also when two announces race
 * (the unique index refuses the second; the answer then names the winner).
 */
export async function announceProposal(
  db: Db,
  id: string,
  body: { noticeUntil?: string; noticeWorkingDays?: number },
  today: string,
  actor: Actor,
): Promise<Proposal> {
  const from = dayAfter(today);
  const until = body.noticeUntil ?? addWorkingDays(today, body.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS);
  if (until < from)
    throw withDetails(new ValidationFailed('The notice period must end tomorrow or later'), [
      { in: 'body', field: 'noticeUntil', message: `must be ${from} or later (the notice runs from the day after today, ${today})` },
    ]);
  let year: number | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('proposals').select(['plan_id']).where('id', '=', id).executeTakeFirst();
      if (!head) throw new NotFound('Proposal', id);
      // the plan row is the lock every announce and publish of this plan waits on
      const plan = await trx.selectFrom('plans').selectAll().where('id', '=', head.plan_id).forUpdate().executeTakeFirstOrThrow();
      year = plan.year;
      const tooLate = noticeEndRefusal(until, plan.year, today);
      if (tooLate) {
        const field = body.noticeUntil === undefined && body.noticeWorkingDays !== undefined ? 'noticeWorkingDays' : 'noticeUntil';
        throw withDetails(new ValidationFailed(`The notice period cannot end on ${until}`), [{ in: 'body', field, message: tooLate }]);
      }
      const p = (await getProposalRow(trx, id))!;
      if (p.status === 'announced') throw new Conflict(`Proposal v${p.version} is already announced until ${p.notice_until}; withdraw it to change the period`);
      if (p.status !== 'done') throw new Conflict(`Proposal v${p.version} is ${p.status}: only a finished proposal is announced`);
      if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: its proposals can no longer be announced`);
      const holders = await holdersOfYear(trx, plan.year);
      const other = holders.find((h) => h.plan_id !== plan.id);
      if (other) throw yearTaken(other);
      // a version of this plan announced before: the new version replaces it in the notice
      for (const h of holders) {
        if (h.status !== 'announced') throw yearTaken(h);
        await endNotice(trx, h.id, today);
        if (!(await life.withdraw(trx, h.id))) throw yearTaken(h);
        await appendAudit(trx, actor, { action: 'withdraw', objectType: 'proposal', objectId: h.id, detail: { planId: plan.id, replacedBy: id } });
      }
      if (!(await life.announce(trx, id, { from, until }))) throw new Conflict(`Proposal v${p.version} can no longer be announced`);
      await assignLinePeriods(trx, id, plan.id, p.version, { from, until });
      await appendAudit(trx, actor, {
        action: 'announce',
        objectType: 'proposal',
        objectId: id,
        detail: { planId: plan.id, year: plan.year, from, until, replaced: holders.map((h) => h.id) },
      });
      // issue #23: the change feed hears of the notice in this transaction
      const touched = await trx.selectFrom('proposal_lines').select(['from_school_id', 'to_school_id']).where('proposal_id', '=', id).execute();
      await recordChanges(trx, [
        {
          type: 'proposal.announced',
          entity: { kind: 'proposal', id, externalId: null },
          data: { planId: plan.id, year: plan.year, version: p.version, noticeFrom: from, noticeUntil: until },
          schoolIds: touched.flatMap((l) => [l.from_school_id, l.to_school_id]),
        },
      ]);
    });
  } catch (err) {
    if (year !== undefined && isYearIndexViolation(err)) {
      const winner = (await holdersOfYear(db, year)).find((h) => h.id !== id);
      if (winner) throw yearTaken(winner);
    }
    throw err;
  }
  return proposalWithCounts(db, id);
}

/** POST /proposals/:id/withdraw: announced → done, the notice period ends with nothing published. */
export async function withdrawProposal(db: Db, id: string, actor: Actor, today: string): Promise<Proposal> {
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('proposals').select(['status', 'version', 'plan_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw new NotFound('Proposal', id);
    if (p.status === 'announced') await endNotice(trx, id, today);
    if (!(await life.withdraw(trx, id))) throw new Conflict(`Proposal v${p.version} is ${p.status}: only an announced proposal is withdrawn`);
    await appendAudit(trx, actor, { action: 'withdraw', objectType: 'proposal', objectId: id, detail: { planId: p.plan_id } });
  });
  return proposalWithCounts(db, id);
}

/**
 * Why a line of this proposal takes no review or objection today, or null when it does: a finished
 * proposal any day; an announced one up to and including the last day of its notice.
 */
export function objectionRefusal(
  p: Pick<ProposalRow, 'status' | 'version' | 'notice_until'>,
  today: string,
  line?: { notice_until: string | null },
): string | null {
  if (p.status === 'done') return null;
  if (p.status === 'announced' && p.notice_until) {
    // a line kept from an earlier notice (补充公示, issue #19) takes objections within its own period only
    const until = String(line?.notice_until ?? p.notice_until);
    return today <= until
      ? null
      : `公示期已于${until}结束: the notice period of this line of proposal v${p.version} ended on ${until}; no review or objection is taken any more`;
  }
  return `The proposal is ${p.status}: only a finished or announced proposal is reviewed`;
}

/** The line with its proposal, locked for a review or objection; 404 when the proposal has no such line. */
export async function lineInPeriod(trx: Db, proposalId: string, lineId: string, today: string) {
  const p = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).forUpdate().executeTakeFirst();
  const line = p && (await trx.selectFrom('proposal_lines').selectAll().where('id', '=', lineId).where('proposal_id', '=', proposalId).executeTakeFirst());
  if (!p || !line) throw new NotFound('Line', lineId);
  return { proposal: p, line, refusal: objectionRefusal(p, today, { notice_until: line.notice_until === null ? null : String(line.notice_until) }) };
}

/** A principal's objecting review is an objection to answer; objecting again replaces the open one's comment. */
export async function recordPrincipalObjection(
  trx: Db,
  o: { proposalId: string; lineId: string; side: 'sending' | 'receiving'; schoolId: string; comment: string; actor: Actor },
) {
  const open = await trx
    .selectFrom('objections')
    .select('id')
    .where('line_id', '=', o.lineId)
    .where('side', '=', o.side)
    .where('source', '=', 'principal')
    .where('decision', 'is', null)
    .executeTakeFirst();
  if (open) {
    await trx
      .updateTable('objections')
      .set({ comment: o.comment, lodged_by: o.actor.label, token_id: o.actor.tokenId, lodged_at: new Date() })
      .where('id', '=', open.id)
      .execute();
    return;
  }
  await trx
    .insertInto('objections')
    .values({
      proposal_id: o.proposalId,
      line_id: o.lineId,
      source: 'principal',
      side: o.side,
      school_id: o.schoolId,
      comment: o.comment,
      lodged_by: o.actor.label,
      token_id: o.actor.tokenId,
    })
    .execute();
}

/** A principal who approves a line they objected to withdraws the open objection (the audit log keeps both). */
export async function withdrawPrincipalObjection(trx: Db, lineId: string, side: 'sending' | 'receiving') {
  await trx
    .deleteFrom('objections')
    .where('line_id', '=', lineId)
    .where('side', '=', side)
    .where('source', '=', 'principal')
    .where('decision', 'is', null)
    .execute();
}

/** POST /proposals/:id/lines/:lineId/objections: HR records a teacher's objection, with who lodged it and how. */
export async function lodgeTeacherObjection(
  db: Db,
  proposalId: string,
  lineId: string,
  body: { comment: string; lodgedBy: string; channel: ObjectionChannel },
  today: string,
  actor: Actor,
): Promise<Objection> {
  const id = await db.transaction().execute(async (trx) => {
    const { refusal } = await lineInPeriod(trx, proposalId, lineId, today);
    if (refusal) throw new Conflict(refusal);
    const row = await trx
      .insertInto('objections')
      .values({
        proposal_id: proposalId,
        line_id: lineId,
        source: 'teacher',
        comment: body.comment,
        lodged_by: body.lodgedBy,
        channel: body.channel,
        token_id: actor.tokenId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: 'lodge_objection',
      objectType: 'proposal_line',
      objectId: lineId,
      detail: { proposalId, objectionId: row.id, ...body },
    });
    return row.id;
  });
  return (await objectionRows(db, proposalId, { id }, 0, 1))[0];
}

async function objectionRows(db: Db, proposalId: string, f: { id?: string; state?: 'open' | 'answered'; schoolId?: string }, start: number, limit: number) {
  let q = db
    .selectFrom('objections as o')
    .innerJoin('proposal_lines as l', 'l.id', 'o.line_id')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .selectAll('o')
    .select(['l.teacher_id', 't.name as teacher_name', 'l.kind', 'fs.name as from_name', 'ts.name as to_name'])
    .where('o.proposal_id', '=', proposalId)
    .orderBy('o.lodged_at')
    .orderBy('o.id')
    .limit(limit)
    .offset(start);
  if (f.id) q = q.where('o.id', '=', f.id);
  if (f.state === 'open') q = q.where('o.decision', 'is', null);
  if (f.state === 'answered') q = q.where('o.decision', 'is not', null);
  if (f.schoolId) {
    const s = f.schoolId;
    q = q.where((eb) => eb.or([eb('l.from_school_id', '=', s), eb('l.to_school_id', '=', s)]));
  }
  return (await q.execute()).map(
    (r): Objection => ({
      id: r.id,
      lineId: r.line_id,
      teacherId: r.teacher_id,
      teacherName: r.teacher_name,
      kind: r.kind,
      fromSchoolName: r.from_name,
      toSchoolName: r.to_name,
      source: r.source,
      side: r.side,
      schoolId: r.school_id,
      comment: r.comment,
      lodgedBy: r.lodged_by,
      channel: r.channel,
      lodgedAt: new Date(r.lodged_at).toISOString(),
      carried: r.carried_from_version !== null,
      carriedFromVersion: r.carried_from_version,
      answer:
        r.decision && r.answered_at
          ? { decision: r.decision, reason: r.reason ?? '', answeredBy: r.answered_by ?? '', answeredAt: new Date(r.answered_at).toISOString() }
          : null,
    }),
  );
}

/** GET /proposals/:id/objections: HR every one; a principal those on lines touching their school (schoolId set by src/access.ts). */
export async function findObjections(
  db: Db,
  proposalId: string,
  caller: Caller,
  q: { state?: 'open' | 'answered'; schoolId?: string; limit: number; cursor?: string },
) {
  if (!(await getProposalRow(db, proposalId))) throw new NotFound('Proposal', proposalId);
  if (caller.role === 'principal' && q.schoolId !== caller.schoolId) throw new Forbidden('A principal sees the objections of their own school only');
  return paged(async () => {
    const start = startOf(q);
    return pageAt(await objectionRows(db, proposalId, q, start, q.limit + 1), q.limit, start);
  });
}

/** The open objections of a proposal, as publish's 409 lists them. */
export async function openObjections(db: Db, proposalId: string): Promise<Detail[]> {
  const rows = await db
    .selectFrom('objections as o')
    .innerJoin('proposal_lines as l', 'l.id', 'o.line_id')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .select(['o.id', 'o.line_id', 't.name'])
    .where('o.proposal_id', '=', proposalId)
    .where('o.decision', 'is', null)
    .orderBy('o.lodged_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ objectionId: r.id, lineId: r.line_id, teacherName: r.name }));
}

/**
 * The upheld objections whose line is still in this proposal, as publish's 409 lists them (issue #19):
 * objections belong to one version's lines and carry only to an equal line, so an upheld one here is
 * a line that has not been changed yet.
 */
export async function upheldNotApplied(db: Db, proposalId: string): Promise<Detail[]> {
  const rows = await db
    .selectFrom('objections as o')
    .innerJoin('proposal_lines as l', 'l.id', 'o.line_id')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .select(['o.id', 'o.line_id', 't.name', 'fs.name as from_name', 'ts.name as to_name', 'o.reason'])
    .where('o.proposal_id', '=', proposalId)
    .where('o.decision', '=', 'upheld')
    .orderBy('o.answered_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    objectionId: r.id,
    lineId: r.line_id,
    teacherName: r.name,
    fromSchoolName: r.from_name,
    toSchoolName: r.to_name,
    decision: 'upheld',
    reason: r.reason ?? '',
  }));
}

/**
 * POST /proposals/:id/objections/:objectionId/answer: HR upholds or rejects an objection with a reason.
 * Upheld means the list changes (issue #19): the teacher's move to that school becomes a plan
 * exclusion (H9, as PUT /plans/:id/pins) in the same transaction, so the corrected version leaves
 * that line out; `exclude` is implied by `upheld` (kept for callers that send it). HR's pin of that
 * very move gives way: it is removed in the same transaction (`unpinned` in the audit entry).
 */
export async function answerObjection(
  db: Db,
  proposalId: string,
  objectionId: string,
  body: { decision: 'upheld' | 'rejected'; reason: string; exclude: boolean },
  actor: Actor,
): Promise<Objection> {
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('proposals').select(['status', 'version', 'plan_id']).where('id', '=', proposalId).forUpdate().executeTakeFirst();
    if (!p) throw new NotFound('Proposal', proposalId);
    const o = await trx.selectFrom('objections').selectAll().where('id', '=', objectionId).where('proposal_id', '=', proposalId).executeTakeFirst();
    if (!o) throw new NotFound('Objection', objectionId);
    if (p.status !== 'done' && p.status !== 'announced') throw new Conflict(`The proposal is ${p.status}: its objections can no longer be answered`);
    if (o.decision) throw new Conflict(`The objection was already answered (${o.decision}) by ${o.answered_by}`);
    let excluded: { teacherId: string; toSchoolId: string } | null = null;
    let unpinned = false;
    if (body.decision === 'upheld') {
      const line = await trx.selectFrom('proposal_lines').select(['teacher_id', 'to_school_id']).where('id', '=', o.line_id).executeTakeFirstOrThrow();
      const plan = await trx.selectFrom('plans').select(['status']).where('id', '=', p.plan_id).forUpdate().executeTakeFirstOrThrow();
      if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: its exclusions can no longer change`);
      const pin = await trx
        .selectFrom('plan_pins')
        .select('id')
        .where('plan_id', '=', p.plan_id)
        .where('teacher_id', '=', line.teacher_id)
        .where('to_school_id', '=', line.to_school_id)
        .executeTakeFirst();
      // HR's own earlier pin of this move gives way to HR's answer that it must change (audited with the answer)
      if (pin) {
        await trx.deleteFrom('plan_pins').where('id', '=', pin.id).execute();
        unpinned = true;
      }
      await trx
        .insertInto('plan_exclusions')
        .values({ plan_id: p.plan_id, teacher_id: line.teacher_id, to_school_id: line.to_school_id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      excluded = { teacherId: line.teacher_id, toSchoolId: line.to_school_id };
    }
    await trx
      .updateTable('objections')
      .set({ decision: body.decision, reason: body.reason, answered_by: actor.label, answered_at: new Date() })
      .where('id', '=', objectionId)
      .execute();
    await appendAudit(trx, actor, {
      action: 'answer_objection',
      objectType: 'objection',
      objectId: objectionId,
      detail: { proposalId, lineId: o.line_id, decision: body.decision, reason: body.reason, excluded, unpinned },
    });
  });
  return (await objectionRows(db, proposalId, { id: objectionId }, 0, 1))[0];
}
