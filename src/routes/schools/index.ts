import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { schoolColumns } from '../../db/mappers.js';
import { getSchool, listSchools, replaceSchoolChildren } from '../../db/schools.js';
import { NotFound } from '../../errors.js';
import { actorOf, requireSchoolAccess } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import { LocalitySchema, StageSchema } from '../../schemas/enums.js';
import { SchoolInputSchema, SchoolPatchSchema, SchoolSchema } from '../../schemas/master-data.js';

const schools: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  const ListQuery = PageQuerySchema.extend({
    districtId: IdSchema.optional(), q: z.string().max(100).optional(), locality: LocalitySchema.optional(), stage: StageSchema.optional(),
  });

  app.get('/schools', { schema: { tags, querystring: ListQuery, response: { 200: pageOf(SchoolSchema), ...errorResponses } } }, async (req) => {
    // a principal's list is their own school only
    const onlyId = req.caller.role === 'principal' ? req.caller.schoolId! : undefined;
    return listSchools(app.db, { ...req.query, onlyId });
  });

  app.get('/schools/:id', { schema: { tags, params: IdParamsSchema, response: { 200: SchoolSchema, ...errorResponses } } }, async (req) => {
    requireSchoolAccess(req, req.params.id);
    const s = await getSchool(app.db, req.params.id);
    if (!s) throw new NotFound('School', req.params.id);
    return s;
  });

  app.post('/schools', { config: { roles: ['hr', 'integration'] }, schema: { tags, body: SchoolInputSchema, response: { 201: SchoolSchema, ...errorResponses } } }, async (req, reply) => {
    const b = req.body;
    const school = await app.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('schools').values({ ...schoolColumns(b), lat: b.location?.lat ?? null, lon: b.location?.lon ?? null } as never).returning('id').executeTakeFirstOrThrow();
      await replaceSchoolChildren(trx, row.id, b.needs, b.pairedSchoolIds);
      await appendAudit(trx, actorOf(req), { action: 'create', objectType: 'school', objectId: row.id, detail: b });
      return (await getSchool(trx, row.id))!;
    });
    return reply.status(201).send(school);
  });

  app.patch('/schools/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, body: SchoolPatchSchema, response: { 200: SchoolSchema, ...errorResponses } } }, async (req) => {
    const b = req.body;
    return app.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('schools').set({ ...schoolColumns(b), updated_at: new Date() }).where('id', '=', req.params.id).returning('id').executeTakeFirst();
      if (!row) throw new NotFound('School', req.params.id);
      await replaceSchoolChildren(trx, row.id, b.needs, b.pairedSchoolIds);
      await appendAudit(trx, actorOf(req), { action: 'update', objectType: 'school', objectId: row.id, detail: b });
      return (await getSchool(trx, row.id))!;
    });
  });

  app.delete('/schools/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await app.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('schools').where('id', '=', req.params.id).returning('id').executeTakeFirst();
      if (!r) throw new NotFound('School', req.params.id);
      await appendAudit(trx, actorOf(req), { action: 'delete', objectType: 'school', objectId: r.id });
    });
    return reply.status(204).send(null);
  });
};
export default schools;
