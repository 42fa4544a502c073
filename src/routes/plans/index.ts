import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import { PlanInputSchema, PlanPatchSchema, PlanSchema, ProposalRequestSchema, ProposalSchema } from '../../schemas/planning.js';
import { createPlan, findPlans, findProposals, getPlan, getPlanOr404, requestProposal, updatePlan } from '../../services/plans.js';
import { reviewCounts } from '../../services/notice.js';
import { getPins, setPins } from '../../services/pins.js';
import { IdSchema } from '../../schemas/common.js';
import { LineKindSchema } from '../../schemas/planning.js';

const PinsSchema = z.object({
  pin: z
    .array(z.object({ teacherId: IdSchema, toSchoolId: IdSchema, kind: LineKindSchema }))
    .max(5000)
    .default([]),
  exclude: z
    .array(z.object({ teacherId: IdSchema, toSchoolId: IdSchema.nullable().optional() }))
    .max(5000)
    .default([]),
});

/** Plans (one per year and name) and requests for proposals. Principals may read plans to find the current proposal. */
const plans: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: 'List plans',
        querystring: PageQuerySchema.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: pageOf(PlanSchema), ...errorResponses },
      },
    },
    async (req) => findPlans(app.db, req.query),
  );

  app.post(
    '/plans',
    { schema: { tags, summary: 'Create a plan for a year (年度交流计划)', body: PlanInputSchema, response: { 201: PlanSchema, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await createPlan(app.db, req.body, actorOf(req))),
  );

  app.get('/plans/:id', { schema: { tags, summary: 'Get a plan', params: IdParamsSchema, response: { 200: PlanSchema, ...errorResponses } } }, async (req) =>
    getPlan(app.db, req.params.id),
  );

  app.patch(
    '/plans/:id',
    { schema: { tags, summary: 'Change or archive a plan', params: IdParamsSchema, body: PlanPatchSchema, response: { 200: PlanSchema, ...errorResponses } } },
    async (req) => updatePlan(app.db, req.params.id, req.body, actorOf(req)),
  );

  app.get(
    '/plans/:id/pins',
    { schema: { tags, summary: "Get the plan's pins and exclusions", params: IdParamsSchema, response: { 200: PinsSchema, ...errorResponses } } },
    async (req) => {
      await getPlanOr404(app.db, req.params.id);
      return getPins(app.db, req.params.id);
    },
  );

  app.put(
    '/plans/:id/pins',
    {
      schema: {
        tags,
        summary: "Set the plan's pins and exclusions",
        params: IdParamsSchema,
        body: PinsSchema,
        description: "Replaces the plan's pins (lines the next proposal keeps) and exclusions (teachers or teacher-school pairs it leaves out).",
        response: { 200: PinsSchema, ...errorResponses },
      },
    },
    async (req) => {
      return setPins(app.db, req.params.id, req.body, actorOf(req));
    },
  );

  app.get(
    '/plans/:id/proposals',
    {
      schema: {
        tags,
        summary: "List the plan's proposals (方案)",
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(ProposalSchema), ...errorResponses },
      },
    },
    async (req) => {
      // each version with its review counts, so HR compares how far the review of each has come (issue #12 point 3)
      const page = await findProposals(app.db, req.params.id, req.query);
      const items = [];
      for (const p of page.items) items.push({ ...p, reviewCounts: await reviewCounts(app.db, p.id) });
      return { ...page, items };
    },
  );

  app.post(
    '/plans/:id/proposals',
    {
      schema: {
        tags,
        summary: 'Request a proposal (方案): queue a solve',
        params: IdParamsSchema,
        body: ProposalRequestSchema.default({ engine: 'highs' }),
        description: 'Queues a solve; answers 202 at once. Poll GET /proposals/:id for status and progress.',
        response: { 202: ProposalSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const proposal = await requestProposal(app.db, req.params.id, req.body, actorOf(req));
      app.solveRunner.enqueue(proposal.id);
      return reply.status(202).send(proposal);
    },
  );
};
export default plans;
