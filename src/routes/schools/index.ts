import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AsOfCursorSchema } from '../../schemas/changes.js';
import { withAsOf } from '../../services/changes.js';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import { LocalitySchema, StageSchema } from '../../schemas/enums.js';
import { SchoolInputSchema, SchoolPatchSchema, SchoolSchema } from '../../schemas/master-data.js';
import { changeSchool, createSchool, findSchools, removeSchool, schoolOr404 } from '../../services/master-data.js';

const schools: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  const ListQuery = PageQuerySchema.extend({
    districtId: IdSchema.optional(),
    q: text(100, { min: 0 }).optional(),
    locality: LocalitySchema.optional(),
    stage: StageSchema.optional(),
    /** one school only (a principal's list is always their own school: src/access.ts) */
    schoolId: IdSchema.optional(),
  });

  app.get(
    '/schools',
    {
      schema: {
        tags,
        summary: 'List schools',
        querystring: ListQuery,
        response: { 200: pageOf(SchoolSchema).extend({ asOfCursor: AsOfCursorSchema }), ...errorResponses },
      },
    },
    async (req) => withAsOf(app.db, () => findSchools(app.db, { ...req.query, onlyId: req.query.schoolId })),
  );

  app.get(
    '/schools/:id',
    { schema: { tags, summary: 'Get a school', params: IdParamsSchema, response: { 200: SchoolSchema, ...errorResponses } } },
    async (req) => schoolOr404(app.db, req.params.id),
  );

  app.post(
    '/schools',
    {
      schema: {
        tags,
        summary: 'Create a school with its needs and pairings (结对)',
        body: SchoolInputSchema,
        response: { 201: SchoolSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createSchool(app.db, req.body, actorOf(req))),
  );

  app.patch(
    '/schools/:id',
    { schema: { tags, summary: 'Change a school', params: IdParamsSchema, body: SchoolPatchSchema, response: { 200: SchoolSchema, ...errorResponses } } },
    async (req) => changeSchool(app.db, req.params.id, req.body, actorOf(req)),
  );

  app.delete(
    '/schools/:id',
    { schema: { tags, summary: 'Delete a school nothing holds', params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await removeSchool(app.db, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
};
export default schools;
