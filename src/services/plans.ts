import { parameterProblems, withDefaults } from '../../solver/index.js';
import { academicYearStart, academicYearZh } from '../../solver/domain.js';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import { pageAt, startOf } from '../db/paging.js';
import { getPlanRow, insertPlan, listPlans, liveNamesake, toPlan, updatePlanRow } from '../db/plans.js';
import { listLineRows, listLines, type LineFilter, type LineWithNames } from '../db/proposal-lines.js';
import { getProposalRow, insertProposal, lastVersion, listProposals, proposalExists, toProposal } from '../db/proposals.js';
import { listReviews } from '../db/reviews.js';
import { countActiveHiredBefore } from '../db/teachers.js';
import type { PlanRow, ProposalRow } from '../db/types.js';
import type { Engine, Line, Page, Plan, PlanSettings, Proposal, ReviewDecision, ReviewListed } from '../domain.js';
import { Conflict, NotFound, Unprocessable, ValidationFailed, withDetails, type Detail } from '../errors.js';
import { paged } from './paging.js';

/** The 公示 exports (src/services/export-lines.ts) format these rows. */
export { listLineRows as listLines, type LineWithNames };

/**
 * Checks parameter overrides against their definitions (solver/parameters.ts), as the routes' schema
 * does: a service called from elsewhere (the demo, a script) cannot store what the solver refuses.
 */
export function checkParameters(overrides: Record<string, unknown>): void {
  const details: Detail[] = parameterProblems(overrides).map((p) => ({ in: 'body', field: `parameters.${p.name}`, message: p.message }));
  if (details.length) throw withDetails(new ValidationFailed('Invalid plan parameters'), details);
}

type PlanSettingsPatch = { [K in keyof PlanSettings]?: PlanSettings[K] | null };

/** A settings patch over the stored settings: a key given replaces, null removes, absent keeps. */
export function mergeSettings(stored: PlanSettings, patch: PlanSettingsPatch): PlanSettings {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as PlanSettings;
}

type PageQuery = { limit: number; cursor?: string; offset?: number };

export async function getPlanOr404(db: Db, id: string): Promise<PlanRow> {
  const plan = await getPlanRow(db, id);
  if (!plan) throw new NotFound('Plan', id);
  return plan;
}

export async function getPlan(db: Db, id: string): Promise<Plan> {
  return toPlan(await getPlanOr404(db, id));
}

export async function findPlans(db: Db, p: PageQuery & { year?: number }): Promise<Page<Plan>> {
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listPlans(db, p, start, p.limit + 1), p.limit, start);
  });
}

export async function createPlan(
  db: Db,
  input: { year: number; name: string; parameters: Record<string, unknown>; settings?: PlanSettings },
  actor: Actor,
): Promise<Plan> {
  checkParameters(input.parameters);
  // issue #19: a plan always has a name a person can tell apart; none given, it is named after its year
  if (!input.name.trim()) input = { ...input, name: `${academicYearZh(input.year)}交流方案` };
  return db.transaction().execute(async (trx) => {
    const clash = await liveNamesake(trx, input.year, input.name);
    if (clash) throw new Conflict(`A plan for ${input.year} named "${input.name}" already exists (${clash}); archive it or choose another name`);
    const plan = await insertPlan(trx, { ...input, settings: input.settings ?? {} });
    await appendAudit(trx, actor, { action: 'create', objectType: 'plan', objectId: plan.id, detail: input });
    return toPlan(plan);
  });
}

export async function updatePlan(
  db: Db,
  id: string,
  patch: { name?: string; parameters?: Record<string, unknown>; settings?: PlanSettingsPatch; status?: 'open' | 'archived' },
  actor: Actor,
): Promise<Plan> {
  if (patch.parameters) checkParameters(patch.parameters);
  return db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, id, { forUpdate: true });
    if (!plan) throw new NotFound('Plan', id);
    if (plan.status === 'published' && patch.parameters) throw new Conflict('The plan is published: its parameters can no longer change');
    // settings are the documents' (who issues them, the contact), not the solve's: they may change after publishing
    const row = await updatePlanRow(trx, id, {
      name: patch.name,
      parameters: patch.parameters,
      settings: patch.settings && mergeSettings(plan.settings, patch.settings),
      status: patch.status && plan.status !== 'published' ? patch.status : undefined,
    });
    await appendAudit(trx, actor, { action: 'update', objectType: 'plan', objectId: id, detail: patch });
    return toPlan(row);
  });
}

/** POST /plans/:id/proposals: a queued proposal; 422 when the county has nobody to plan for. */
export async function requestProposal(db: Db, planId: string, req: { engine: Engine; timeLimitSeconds?: number }, actor: Actor): Promise<Proposal> {
  return db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, planId, { forUpdate: true });
    if (!plan) throw new NotFound('Plan', planId);
    if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: no new proposal can be requested`);
    // a teacher counts for year Y if active and hired before the moves take effect (1 September Y)
    if ((await countActiveHiredBefore(trx, academicYearStart(plan.year))) === 0) {
      throw new Unprocessable(`Nothing to plan: no active teacher was hired before 1 September ${plan.year}; import the roster first`);
    }
    const row = await insertProposal(trx, {
      planId,
      version: (await lastVersion(trx, planId)) + 1,
      engine: req.engine,
      timeLimitSeconds: req.timeLimitSeconds ?? null,
      // frozen: the proposal solves and publishes with these, whatever the plan's parameters become (issue #20)
      parameters: withDefaults(plan.parameters),
      createdBy: actor.label,
    });
    await appendAudit(trx, actor, { action: 'request', objectType: 'proposal', objectId: row.id, detail: { planId, ...req } });
    return toProposal(row);
  });
}

/** A plan's proposals, newest first (404 when there is no such plan). */
export async function findProposals(db: Db, planId: string, p: PageQuery): Promise<Page<Proposal>> {
  await getPlanOr404(db, planId);
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listProposals(db, planId, start, p.limit + 1), p.limit, start);
  });
}

export async function proposalRowOr404(db: Db, id: string): Promise<ProposalRow> {
  const row = await getProposalRow(db, id);
  if (!row) throw new NotFound('Proposal', id);
  return row;
}

/** 404 unless the proposal exists (reads only its id). */
async function proposalOr404(db: Db, id: string): Promise<void> {
  if (!(await proposalExists(db, id))) throw new NotFound('Proposal', id);
}

export async function getProposal(db: Db, id: string): Promise<Proposal> {
  return toProposal(await proposalRowOr404(db, id));
}

/** The proposal's compliance report; 409 while it has none (not finished). */
export async function getCompliance(db: Db, id: string): Promise<unknown> {
  const row = await proposalRowOr404(db, id);
  if (!row.compliance) throw new Conflict(`Proposal ${row.id} is ${row.status}: it has no compliance report yet`);
  return row.compliance;
}

/**
 * One school's quota row of the compliance report (R01 eligible, required, proposed; R02 backbone): what
 * a principal's list states once at its top (issue #12 point 6). Only that school's row, so a principal
 * reads nothing of another school; null when the school is not a sending school this year.
 */
export async function getSchoolQuota(db: Db, id: string, schoolId: string | undefined) {
  // optional in the route's schema so that a principal without it meets the access check's 403 first
  // (src/access.ts schoolQueryRequired); for HR and the personnel system it is still required
  if (schoolId === undefined)
    throw withDetails(new ValidationFailed('Invalid querystring: 1 problem(s)'), [{ in: 'querystring', field: 'schoolId', message: 'required' }]);
  const report = (await getCompliance(db, id)) as { schools?: { schoolId: string }[] };
  const row = report.schools?.find((s) => s.schoolId === schoolId) ?? null;
  return { schoolId, quota: row };
}

/**
 * A page of the proposal's lines; 404 when there is no such proposal. The proposal is looked up only
 * when the page is empty or the request is refused (an unknown proposal stays 404 before a bad cursor):
 * every principal reads this page, and on the embedded database each statement waits its turn on the
 * one connection (issue #18 point 3).
 */
export async function findLines(db: Db, proposalId: string, p: PageQuery & LineFilter): Promise<Page<Line>> {
  const page = await paged(async () => {
    const start = startOf(p);
    return pageAt(await listLines(db, proposalId, { ...p, limit: p.limit + 1, offset: start }), p.limit, start);
  }).catch(async (err: unknown) => {
    await proposalOr404(db, proposalId);
    throw err;
  });
  if (page.items.length === 0) await proposalOr404(db, proposalId);
  return page;
}

export async function findReviews(db: Db, proposalId: string, p: PageQuery & { decision?: ReviewDecision }): Promise<Page<ReviewListed>> {
  await proposalOr404(db, proposalId);
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listReviews(db, proposalId, p, start, p.limit + 1), p.limit, start);
  });
}

/**
 * Cancels a queued or running proposal through the solve queue (passed in: services import no
 * plugin), with its audit entry; 409 when it is neither.
 */
export async function cancelProposal(db: Db, id: string, queue: { cancel(id: string): Promise<boolean> }, actor: Actor): Promise<Proposal> {
  await proposalRowOr404(db, id);
  if (!(await queue.cancel(id))) throw new Conflict('Only a queued or running proposal can be cancelled');
  await appendAudit(db, actor, { action: 'cancel', objectType: 'proposal', objectId: id });
  return getProposal(db, id);
}
