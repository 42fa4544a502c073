import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ifMatchOf, preconditionResponses, sendEtag } from '../../plugins/preconditions.js';
import { AsOfCursorSchema } from '../../schemas/changes.js';
import { withAsOf } from '../../services/changes.js';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import { LocalitySchema, StageSchema } from '../../schemas/enums.js';
import { SchoolInputSchema, SchoolPatchSchema, SchoolSchema } from '../../schemas/master-data.js';
import { changeSchool, createSchool, findSchools, removeSchool, schoolOr404, readVersioned } from '../../services/master-data.js';

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
        response: { 200: pageOf(SchoolSchema).extend({ asOfCursor: AsOfCursorSchema }), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req) => withAsOf(app.db, () => findSchools(app.db, { ...req.query, onlyId: req.query.schoolId })),
  );

  app.get(
    '/schools/:id',
    { schema: { tags, summary: 'Get a school', params: IdParamsSchema, response: { 200: SchoolSchema, ...errorResponses, ...preconditionResponses } } },
    async (req, reply) => {
      const found = await readVersioned(app.db, 'schools', req.params.id, () => schoolOr404(app.db, req.params.id));
      sendEtag(reply, found.version);
      return found;
    },
  );

  app.post(
    '/schools',
    {
      schema: {
        tags,
        summary: 'Create a school with its needs and pairings (结对)',
        body: SchoolInputSchema,
        response: { 201: SchoolSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const made = await createSchool(app.db, req.body, actorOf(req));
      sendEtag(reply, made.version);
      return reply.status(201).send(made);
    },
  );

  app.patch(
    '/schools/:id',
    {
      schema: {
        tags,
        summary: 'Change a school',
        params: IdParamsSchema,
        body: SchoolPatchSchema,
        response: { 200: SchoolSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const changed = await changeSchool(app.db, req.params.id, req.body, actorOf(req), ifMatchOf(req));
      sendEtag(reply, changed.version);
      return changed;
    },
  );

  app.delete(
    '/schools/:id',
    {
      schema: {
        tags,
        summary: 'Delete a school nothing holds',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      await removeSchool(app.db, req.params.id, actorOf(req), ifMatchOf(req));
      return reply.status(204).send(null);
    },
  );
};
export default schools;
