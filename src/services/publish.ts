import { academicYearStart, clockDay, type LineKind, recordEndDate } from '../../solver/domain.js';
import { PARAMETER_DEFAULTS } from '../../solver/index.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { moveChange, movesQuery, recordChanges } from '../db/changes.js';
import type { Db } from '../db/database.js';
import { isRuralClass } from '../db/mappers.js';
import { Conflict, NotFound, withDetails } from '../errors.js';
import { dayAfter, openObjections, upheldNotApplied } from './notice.js';
import * as life from './proposal-life.js';

/**
 * Publishes a proposal (the decision after the 公示): only an announced proposal whose notice period
 * has ended (today, China time, after its last day), whose every objection is answered and none upheld
 * on a line still in it (issue #19: upheld means the list changes first); otherwise
 * 409 saying which (announce first, the period runs until …, or the open objections listed in details).
 * In one transaction the proposal and its plan become
 * `published` and every line becomes a service record effective 1 September of the plan year, so
 * next year's plan sees the new clocks (R11 rural years, R08 leader tenure, R16 shadowing done).
 * Nothing about today changes: the teachers' rows stay as the personnel system wrote them, and
 * each teacher's placement follows from the ledger on its day (model.md "Placement over time").
 * A second publish of the same plan is 409, also when two race (a unique index holds one).
 */
export async function publishProposal(db: Db, proposalId: string, actor: Actor, today: string) {
  return db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('proposals').select(['id', 'plan_id']).where('id', '=', proposalId).executeTakeFirst();
    if (!head) throw new NotFound('Proposal', proposalId);
    // the plan row is the lock every publish of this plan waits on
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', head.plan_id).forUpdate().executeTakeFirstOrThrow();
    const proposal = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirstOrThrow();
    const already = await trx
      .selectFrom('proposals')
      .select(['id', 'version'])
      .where('plan_id', '=', plan.id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    const refusal = life.publishRefusal(proposal, plan, already);
    if (refusal) throw withDetails(new Conflict(refusal), [{ status: proposal.status, noticeUntil: proposal.notice_until }]);
    // issue #19: an upheld objection changes the list before it becomes final; said first, so HR does
    // not wait out the period only to learn it (the correction cycle, docs/notices.md)
    const upheld = await upheldNotApplied(trx, proposalId);
    if (upheld.length)
      throw withDetails(
        new Conflict(
          `${upheld.length} line(s) with an upheld objection are still in proposal v${proposal.version}: withdraw the notice, request a new version (the upheld moves are excluded from it) and announce it (补充公示)`,
        ),
        upheld,
      );
    // issue #12: objections are taken up to and including the last day of the notice; the decision comes after
    if (proposal.notice_until && today <= proposal.notice_until)
      throw withDetails(
        new Conflict(`The notice period (公示期) runs until ${proposal.notice_until}: publish from ${dayAfter(proposal.notice_until)} (today is ${today})`),
        [{ noticeUntil: proposal.notice_until, today, publishFrom: dayAfter(proposal.notice_until) }],
      );
    const open = await openObjections(trx, proposalId);
    if (open.length) throw withDetails(new Conflict(`${open.length} objection(s) not answered yet: answer each before publishing`), open);

    const year = plan.year;
    const start = academicYearStart(year);
    const params = proposal.parameters as Partial<Record<'rotationYears' | 'principalTermYears', unknown>>;
    const lengths = {
      rotationYears: Number(params.rotationYears ?? PARAMETER_DEFAULTS.rotationYears),
      principalTermYears: Number(params.principalTermYears ?? PARAMETER_DEFAULTS.principalTermYears),
    };
    const lines = await trx
      .selectFrom('proposal_lines as l')
      .innerJoin('teachers as t', 't.id', 'l.teacher_id')
      .innerJoin('schools as s', 's.id', 'l.to_school_id')
      .select(['l.id', 'l.teacher_id', 'l.kind', 'l.to_school_id', 'l.end_date', 't.post', 's.locality', 's.is_weak'])
      .where('l.proposal_id', '=', proposalId)
      .execute();

    const records = lines.map((l) => ({
      teacher_id: l.teacher_id,
      school_id: l.to_school_id,
      post: l.post,
      kind: l.kind,
      from_date: start,
      // a leader rotation is a new post with no end (R08); the others end with their line (R10 rotationYears, R16 one year)
      to_date: recordEndDate(l.kind as LineKind, year, lengths),
      rural_at_the_time: isRuralClass(l),
      source: 'plan' as const,
      proposal_line_id: l.id,
    }));
    for (let i = 0; i < records.length; i += 1000)
      await trx
        .insertInto('service_records')
        .values(records.slice(i, i + 1000))
        .execute();

    // R08: a rotated leader takes the post at the new school from 1 September Y, where the 12-year clock
    // restarts; the open record of the old post ends the day before. The teacher's row (the personnel
    // system's data) is not touched: publishing changes nothing about today, and placement
    // (solver/placement.ts) reads the new post from the ledger from its first day.
    const leaders = lines.filter((l) => l.kind === 'leader_rotation');
    for (const l of leaders) {
      await trx
        .updateTable('service_records')
        .set({ to_date: clockDay(year) })
        .where('teacher_id', '=', l.teacher_id)
        .where('to_date', 'is', null)
        .where('proposal_line_id', 'is', null)
        .where('from_date', '<', start)
        .execute();
    }
    // the plan row is locked and the guard was checked above: only a concurrent change outside a publish can refuse it here
    if (!(await life.publish(trx, proposalId))) throw new Conflict(`Proposal v${proposal.version} can no longer be published`);
    await trx.updateTable('plans').set({ status: 'published', updated_at: new Date() }).where('id', '=', plan.id).execute();
    await appendAudit(trx, actor, { action: 'publish', objectType: 'proposal', objectId: proposalId, detail: { planId: plan.id, year, lines: lines.length } });
    // issue #23: one move.published per line, effective 1 September Y, then the proposal's own change,
    // in this transaction: a publish that fails reports nothing
    const moves = await movesQuery(trx).where('l.proposal_id', '=', proposalId).orderBy('t.external_id').execute();
    await recordChanges(trx, [
      ...moves.map((m) => moveChange('move.published', m, m.from_date, { planId: plan.id, year })),
      {
        type: 'proposal.published',
        entity: { kind: 'proposal', id: proposalId, externalId: null },
        effectiveDate: start,
        data: { planId: plan.id, year, version: proposal.version, lines: lines.length },
        schoolIds: moves.flatMap((m) => [m.from_school_id, m.to_school_id]),
      },
    ]);
    return { proposalId, planId: plan.id, records: records.length };
  });
}
