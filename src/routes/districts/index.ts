import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ifMatchOf, preconditionResponses, sendEtag } from '../../plugins/preconditions.js';
import { AsOfCursorSchema } from '../../schemas/changes.js';
import { withAsOf } from '../../services/changes.js';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import { DistrictInputSchema, DistrictPatchSchema, DistrictSchema } from '../../schemas/master-data.js';
import { changeDistrict, createDistrict, districtOr404, findDistricts, removeDistrict, readVersioned } from '../../services/master-data.js';

/** 学区 school districts. Principals have no business here (api.md Access). */
const districts: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  app.get(
    '/districts',
    {
      schema: {
        tags,
        summary: 'List districts (学区)',
        querystring: PageQuerySchema.extend({ q: text(100, { min: 0 }).optional() }),
        response: { 200: pageOf(DistrictSchema).extend({ asOfCursor: AsOfCursorSchema }), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req) => withAsOf(app.db, () => findDistricts(app.db, req.query)),
  );

  app.get(
    '/districts/:id',
    {
      schema: {
        tags,
        summary: 'Get a district (学区)',
        params: IdParamsSchema,
        response: { 200: DistrictSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const found = await readVersioned(app.db, 'districts', req.params.id, () => districtOr404(app.db, req.params.id));
      sendEtag(reply, found.version);
      return found;
    },
  );

  app.post(
    '/districts',
    {
      schema: {
        tags,
        summary: 'Create a district (学区)',
        body: DistrictInputSchema,
        response: { 201: DistrictSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const made = await createDistrict(app.db, req.body, actorOf(req));
      sendEtag(reply, made.version);
      return reply.status(201).send(made);
    },
  );

  app.patch(
    '/districts/:id',
    {
      schema: {
        tags,
        summary: 'Change a district (学区)',
        params: IdParamsSchema,
        body: DistrictPatchSchema,
        response: { 200: DistrictSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const changed = await changeDistrict(app.db, req.params.id, req.body, actorOf(req), ifMatchOf(req));
      sendEtag(reply, changed.version);
      return changed;
    },
  );

  app.delete(
    '/districts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a district that holds no school',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      await removeDistrict(app.db, req.params.id, actorOf(req), ifMatchOf(req));
      return reply.status(204).send(null);
    },
  );
};
export default districts;
