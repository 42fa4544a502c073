import { PARAMETER_DEFAULTS } from '../../solver/index.js';
import { appendAudit, type Actor } from '../db/audit.js';
import type { Db } from '../db/database.js';
import type { PlanRow, ProposalLineRow, ProposalRow } from '../db/types.js';
import { Conflict, NotFound, Unprocessable, ValidationFailed, withDetails, type Detail } from '../errors.js';
import type { Plan, Proposal, ReviewDecision } from '../schemas/planning.js';

/**
 * Checks parameter overrides against the model's defaults: a known name, the default's type,
 * a finite non-negative number. The solver checks what only it can (its own ranges).
 */
export function checkParameters(overrides: Record<string, unknown>): void {
  const defaults = PARAMETER_DEFAULTS as unknown as Record<string, unknown>;
  const details: Detail[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const field = `parameters.${key}`;
    if (!(key in defaults)) details.push({ in: 'body', field, message: `unknown parameter; known: ${Object.keys(defaults).join(', ')}` });
    else if (Array.isArray(defaults[key]) ? !Array.isArray(value) : typeof value !== typeof defaults[key]) {
      details.push({ in: 'body', field, message: `must be a ${Array.isArray(defaults[key]) ? 'list' : typeof defaults[key]}` });
    } else if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      details.push({ in: 'body', field, message: 'must be a number ≥ 0' });
    }
  }
  if (details.length) throw withDetails(new ValidationFailed('Invalid plan parameters'), details);
}

export function toPlan(r: PlanRow): Plan {
  return {
    id: r.id, year: r.year, name: r.name, parameters: r.parameters,
    effectiveParameters: { ...(PARAMETER_DEFAULTS as unknown as Record<string, unknown>), ...r.parameters },
    status: r.status as Plan['status'],
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function toProposal(r: ProposalRow): Proposal {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id, planId: r.plan_id, version: r.version, status: r.status as Proposal['status'], engine: r.engine as Proposal['engine'],
    progress: r.progress, parameters: r.parameters, snapshotHash: r.snapshot_hash, stats: r.stats, summary: r.summary, error: r.error,
    createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
  };
}

export async function getPlanOr404(db: Db, id: string): Promise<PlanRow> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw new NotFound('Plan', id);
  return plan;
}

export async function createPlan(db: Db, input: { year: number; name: string; parameters: Record<string, unknown> }, actor: Actor): Promise<PlanRow> {
  checkParameters(input.parameters);
  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('plans').select('id')
      .where('year', '=', input.year).where('name', '=', input.name).where('status', '<>', 'archived').executeTakeFirst();
    if (clash) throw new Conflict(`A plan for ${input.year} named "${input.name}" already exists (${clash.id}); archive it or choose another name`);
    const plan = await trx.insertInto('plans').values({ year: input.year, name: input.name, parameters: JSON.stringify(input.parameters) })
      .returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'create', objectType: 'plan', objectId: plan.id, detail: input });
    return plan;
  });
}

export async function updatePlan(db: Db, id: string, patch: { name?: string; parameters?: Record<string, unknown>; status?: 'open' | 'archived' }, actor: Actor) {
  if (patch.parameters) checkParameters(patch.parameters);
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!plan) throw new NotFound('Plan', id);
    if (plan.status === 'published' && patch.parameters) throw new Conflict('The plan is published: its parameters can no longer change');
    const row = await trx.updateTable('plans').set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parameters ? { parameters: JSON.stringify(patch.parameters) } : {}),
      ...(patch.status && plan.status !== 'published' ? { status: patch.status } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'update', objectType: 'plan', objectId: id, detail: patch });
    return row;
  });
}

/** POST /plans/:id/proposals: a queued proposal; 422 when the county has nobody to plan for. */
export async function requestProposal(db: Db, planId: string, req: { engine: 'highs' | 'jlps'; timeLimitSeconds?: number }, actor: Actor): Promise<ProposalRow> {
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw new NotFound('Plan', planId);
    if (plan.status !== 'open') throw new Conflict(`The plan is ${plan.status}: no new proposal can be requested`);
    // a teacher counts for year Y if active and hired before the moves take effect (1 September Y)
    const staff = await trx.selectFrom('teachers').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active').where('hire_date', '<', `${plan.year}-09-01`).executeTakeFirstOrThrow();
    if (Number(staff.n) === 0) {
      throw new Unprocessable(`Nothing to plan: no active teacher was hired before 1 September ${plan.year}; import the roster first`);
    }
    const last = await trx.selectFrom('proposals').select((eb) => eb.fn.max('version').as('v')).where('plan_id', '=', planId).executeTakeFirst();
    const row = await trx.insertInto('proposals').values({
      plan_id: planId, version: Number(last?.v ?? 0) + 1, engine: req.engine, time_limit_seconds: req.timeLimitSeconds ?? null,
      parameters: JSON.stringify({ ...(PARAMETER_DEFAULTS as unknown as Record<string, unknown>), ...plan.parameters }),
      created_by: actor.label,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'request', objectType: 'proposal', objectId: row.id, detail: { planId, ...req } });
    return row;
  });
}

export type LineWithNames = ProposalLineRow & {
  sending_decision: string | null; sending_comment: string | null; receiving_decision: string | null; receiving_comment: string | null;
  teacher_name: string; teacher_external_id: string; teacher_subjects: string[]; title: string; backbone: string | null;
  post: string; school_since: string; from_name: string; to_name: string;
};

export async function listLines(
  db: Db,
  proposalId: string,
  f: { schoolId?: string; direction?: 'incoming' | 'outgoing'; kind?: string; teacherId?: string; limit: number; offset: number },
): Promise<LineWithNames[]> {
  let q = db.selectFrom('proposal_lines as l')
    .innerJoin('teachers as t', 't.id', 'l.teacher_id')
    .innerJoin('schools as fs', 'fs.id', 'l.from_school_id')
    .innerJoin('schools as ts', 'ts.id', 'l.to_school_id')
    .leftJoin('line_reviews as rs', (j) => j.onRef('rs.line_id', '=', 'l.id').on('rs.side', '=', 'sending'))
    .leftJoin('line_reviews as rr', (j) => j.onRef('rr.line_id', '=', 'l.id').on('rr.side', '=', 'receiving'))
    .selectAll('l')
    .select(['rs.decision as sending_decision', 'rs.comment as sending_comment', 'rr.decision as receiving_decision', 'rr.comment as receiving_comment'])
    .select([
      't.name as teacher_name', 't.external_id as teacher_external_id', 't.subjects as teacher_subjects', 't.title', 't.backbone',
      't.post', 't.school_since', 'fs.name as from_name', 'ts.name as to_name',
    ])
    .where('l.proposal_id', '=', proposalId);
  if (f.schoolId) {
    const s = f.schoolId;
    if (f.direction === 'incoming') q = q.where('l.to_school_id', '=', s);
    else if (f.direction === 'outgoing') q = q.where('l.from_school_id', '=', s);
    else q = q.where((eb) => eb.or([eb('l.to_school_id', '=', s), eb('l.from_school_id', '=', s)]));
  }
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.teacherId) q = q.where('l.teacher_id', '=', f.teacherId);
  return q.orderBy('l.kind').orderBy('fs.external_id').orderBy('t.external_id').orderBy('l.id').limit(f.limit).offset(f.offset).execute();
}

export function toLine(r: LineWithNames) {
  return {
    id: r.id, teacherId: r.teacher_id,
    teacher: {
      name: r.teacher_name, externalId: r.teacher_external_id, subject: r.subject, subjects: r.teacher_subjects, title: r.title,
      backbone: r.backbone, post: r.post, schoolSince: r.school_since,
    },
    kind: r.kind as 'rotation', fromSchoolId: r.from_school_id, toSchoolId: r.to_school_id, fromSchoolName: r.from_name,
    toSchoolName: r.to_name, hoursPerWeek: r.hours_per_week, startDate: r.start_date, endDate: r.end_date, reasons: r.reasons,
    explanation: r.explanation, pinned: r.pinned,
    review: { sending: reviewState(r.sending_decision, r.sending_comment), receiving: reviewState(r.receiving_decision, r.receiving_comment) },
  };
}

function reviewState(decision: string | null, comment: string | null) {
  return decision ? { decision: decision as ReviewDecision, comment: comment ?? '' } : null;
}
