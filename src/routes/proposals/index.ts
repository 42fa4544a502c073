import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { Conflict, NotFound } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema } from '../../schemas/common.js';
import { LineSchema, LinesQuerySchema, ProposalSchema, ReviewDecisionSchema, type ReviewDecision } from '../../schemas/planning.js';
import { diffProposals } from '../../services/diff.js';
import { linesCsv, linesXlsx } from '../../services/export-lines.js';
import { listLines, toLine, toProposal } from '../../services/plans.js';
import { publishProposal } from '../../services/publish.js';
import { reviewLine } from '../../services/review.js';

const ReviewSchema = z.object({
  lineId: IdSchema, side: z.enum(['sending', 'receiving']), schoolId: IdSchema, schoolName: z.string(),
  decision: ReviewDecisionSchema, comment: z.string(), reviewer: z.string(), reviewedAt: z.string(),
  teacherName: z.string(), kind: z.string(),
});

const proposals: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  async function proposalOr404(id: string) {
    const row = await app.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('Proposal', id);
    return row;
  }

  app.get('/proposals/:id', { schema: { tags, params: IdParamsSchema, response: { 200: ProposalSchema, ...errorResponses } } }, async (req) =>
    toProposal(await proposalOr404(req.params.id)));

  app.get('/proposals/:id/lines', {
    schema: {
      tags, params: IdParamsSchema, querystring: LinesQuerySchema,
      description: 'A principal gets only the lines touching their school: direction=incoming (调入) or outgoing (调出).',
      response: { 200: z.object({ items: z.array(LineSchema) }), ...errorResponses },
    },
  }, async (req) => {
    await proposalOr404(req.params.id);
    const q = { ...req.query };
    // least privilege: a principal's view is always narrowed to their own school
    if (req.caller.role === 'principal') q.schoolId = req.caller.schoolId!;
    return { items: (await listLines(app.db, req.params.id, q)).map(toLine) };
  });

  app.get('/proposals/:id/compliance', { config: { roles: ['hr', 'integration'] },
    schema: { tags, params: IdParamsSchema, response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } },
  }, async (req) => {
    const row = await proposalOr404(req.params.id);
    if (!row.compliance) throw new Conflict(`Proposal ${row.id} is ${row.status}: it has no compliance report yet`);
    return row.compliance;
  });

  app.get('/proposals/:id/reviews', { config: { roles: ['hr'] },
    schema: {
      tags, params: IdParamsSchema,
      description: 'HR: every reviewed line of the proposal with both sides\' decisions; ?decision=object lists the objections.',
      querystring: z.object({ decision: ReviewDecisionSchema.optional() }),
      response: { 200: z.object({ items: z.array(ReviewSchema) }), ...errorResponses },
    },
  }, async (req) => {
    await proposalOr404(req.params.id);
    let q = app.db.selectFrom('line_reviews as r').innerJoin('proposal_lines as l', 'l.id', 'r.line_id')
      .innerJoin('teachers as t', 't.id', 'l.teacher_id').innerJoin('schools as s', 's.id', 'r.school_id')
      .select(['r.line_id', 'r.side', 'r.school_id', 's.name as school_name', 'r.decision', 'r.comment', 'r.actor', 'r.reviewed_at', 't.name as teacher_name', 'l.kind'])
      .where('l.proposal_id', '=', req.params.id).orderBy('r.reviewed_at');
    if (req.query.decision) q = q.where('r.decision', '=', req.query.decision);
    const rows = await q.execute();
    return {
      items: rows.map((r) => ({
        lineId: r.line_id, side: r.side as 'sending', schoolId: r.school_id, schoolName: r.school_name, decision: r.decision as ReviewDecision,
        comment: r.comment, reviewer: r.actor, reviewedAt: new Date(r.reviewed_at).toISOString(), teacherName: r.teacher_name, kind: r.kind,
      })),
    };
  });

  app.post('/proposals/:id/lines/:lineId/review', {
    schema: {
      tags, params: z.object({ id: IdSchema, lineId: IdSchema }),
      body: z.object({ decision: ReviewDecisionSchema, comment: z.string().trim().max(2000).default('') })
        .refine((b) => b.decision !== 'object' || b.comment.length > 0, { path: ['comment'], message: 'an objection needs a comment' }),
      response: { 200: ReviewSchema.omit({ teacherName: true, kind: true, schoolName: true }), ...errorResponses },
    },
  }, async (req) => {
    const r = await reviewLine(app.db, req.params.id, req.params.lineId, req.caller, actorOf(req), req.body);
    return {
      lineId: r.line_id, side: r.side as 'sending', schoolId: r.school_id, decision: r.decision as ReviewDecision, comment: r.comment,
      reviewer: r.actor, reviewedAt: new Date(r.reviewed_at).toISOString(),
    };
  });

  app.get('/proposals/:id/diff', { config: { roles: ['hr', 'integration'] },
    schema: {
      tags, params: IdParamsSchema, querystring: z.object({ against: IdSchema }),
      response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
    },
  }, async (req) => {
    return diffProposals(app.db, req.params.id, req.query.against);
  });

  app.post('/proposals/:id/publish', { config: { roles: ['hr'] },
    schema: {
      tags, params: IdParamsSchema,
      description: 'The proposal becomes the plan\'s result; its lines become service records effective 1 September. 409 if the plan already has a published proposal.',
      response: { 200: z.object({ proposalId: IdSchema, planId: IdSchema, records: z.number().int() }), ...errorResponses },
    },
  }, async (req) => {
    return publishProposal(app.db, req.params.id, actorOf(req));
  });

  const ExportQuery = z.object({ schoolId: IdSchema.optional() });
  /** A principal's export is their own school's list. */
  function exportScope(req: { caller: { role: string; schoolId: string | null } }, schoolId?: string) {
    return req.caller.role === 'principal' ? req.caller.schoolId! : schoolId;
  }
  app.get('/proposals/:id/export.xlsx', {
    schema: { tags, params: IdParamsSchema, querystring: ExportQuery, description: '公示 list: one sheet per kind, Chinese headers.' },
  }, async (req, reply) => {
    const p = await proposalOr404(req.params.id);
    const buf = await linesXlsx(app.db, p.id, `交流轮岗公示名单 v${p.version}`, exportScope(req, req.query.schoolId));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="proposal-v${p.version}.xlsx"`).send(buf);
  });
  app.get('/proposals/:id/export.csv', {
    schema: { tags, params: IdParamsSchema, querystring: ExportQuery, description: '公示 list as CSV (UTF-8 with BOM).' },
  }, async (req, reply) => {
    const p = await proposalOr404(req.params.id);
    const csv = await linesCsv(app.db, p.id, exportScope(req, req.query.schoolId));
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="proposal-v${p.version}.csv"`).send(csv);
  });

  app.post('/proposals/:id/cancel', { config: { roles: ['hr'] },
    schema: { tags, params: IdParamsSchema, response: { 200: ProposalSchema, ...errorResponses } },
  }, async (req) => {
    await proposalOr404(req.params.id);
    const cancelled = await app.solveRunner.cancel(req.params.id);
    if (!cancelled) throw new Conflict('Only a queued or running proposal can be cancelled');
    await appendAudit(app.db, actorOf(req), { action: 'cancel', objectType: 'proposal', objectId: req.params.id });
    return toProposal(await proposalOr404(req.params.id));
  });
};
export default proposals;
