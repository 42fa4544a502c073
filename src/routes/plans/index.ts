import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema } from '../../schemas/common.js';
import { PlanInputSchema, PlanPatchSchema, PlanSchema, ProposalRequestSchema, ProposalSchema } from '../../schemas/planning.js';
import { createPlan, getPlanOr404, requestProposal, toPlan, toProposal, updatePlan } from '../../services/plans.js';
import { getPins, setPins } from '../../services/pins.js';
import { IdSchema } from '../../schemas/common.js';
import { LineKindSchema } from '../../schemas/planning.js';

const PinsSchema = z.object({
  pin: z.array(z.object({ teacherId: IdSchema, toSchoolId: IdSchema, kind: LineKindSchema })).max(5000).default([]),
  exclude: z.array(z.object({ teacherId: IdSchema, toSchoolId: IdSchema.nullable().optional() })).max(5000).default([]),
});

/** Plans (one per year and name) and requests for proposals. Principals may read plans to find the current proposal. */
const plans: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  app.get('/plans', {
    schema: { tags, querystring: z.object({ year: z.coerce.number().int().optional() }), response: { 200: z.object({ items: z.array(PlanSchema) }), ...errorResponses } },
  }, async (req) => {
    let q = app.db.selectFrom('plans').selectAll().orderBy('year', 'desc').orderBy('created_at', 'desc');
    if (req.query.year) q = q.where('year', '=', req.query.year);
    return { items: (await q.execute()).map(toPlan) };
  });

  app.post('/plans', { config: { roles: ['hr'] }, schema: { tags, body: PlanInputSchema, response: { 201: PlanSchema, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(toPlan(await createPlan(app.db, req.body, actorOf(req))));
  });

  app.get('/plans/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PlanSchema, ...errorResponses } } }, async (req) =>
    toPlan(await getPlanOr404(app.db, req.params.id)));

  app.patch('/plans/:id', { config: { roles: ['hr'] }, schema: { tags, params: IdParamsSchema, body: PlanPatchSchema, response: { 200: PlanSchema, ...errorResponses } } }, async (req) => {
    return toPlan(await updatePlan(app.db, req.params.id, req.body, actorOf(req)));
  });

  app.get('/plans/:id/pins', { config: { roles: ['hr'] }, schema: { tags, params: IdParamsSchema, response: { 200: PinsSchema, ...errorResponses } } }, async (req) => {
    await getPlanOr404(app.db, req.params.id);
    return getPins(app.db, req.params.id);
  });

  app.put('/plans/:id/pins', { config: { roles: ['hr'] },
    schema: {
      tags, params: IdParamsSchema, body: PinsSchema,
      description: 'Replaces the plan\'s pins (lines the next proposal keeps) and exclusions (teachers or teacher-school pairs it leaves out).',
      response: { 200: PinsSchema, ...errorResponses },
    },
  }, async (req) => {
    return setPins(app.db, req.params.id, req.body, actorOf(req));
  });

  app.get('/plans/:id/proposals', {
    schema: { tags, params: IdParamsSchema, response: { 200: z.object({ items: z.array(ProposalSchema) }), ...errorResponses } },
  }, async (req) => {
    await getPlanOr404(app.db, req.params.id);
    const rows = await app.db.selectFrom('proposals').selectAll().where('plan_id', '=', req.params.id).orderBy('version', 'desc').execute();
    return { items: rows.map(toProposal) };
  });

  app.post('/plans/:id/proposals', { config: { roles: ['hr'] },
    schema: {
      tags, params: IdParamsSchema, body: ProposalRequestSchema.default({ engine: 'highs' }),
      description: 'Queues a solve; answers 202 at once. Poll GET /proposals/:id for status and progress.',
      response: { 202: ProposalSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const row = await requestProposal(app.db, req.params.id, req.body, actorOf(req));
    app.solveRunner.enqueue(row.id);
    return reply.status(202).send(toProposal(row));
  });
};
export default plans;
