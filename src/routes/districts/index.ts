import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { getDistrict, listDistricts } from '../../db/districts.js';
import { toDistrict } from '../../db/mappers.js';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import { DistrictInputSchema, DistrictPatchSchema, DistrictSchema } from '../../schemas/master-data.js';

/** 学区 school districts. Principals have no business here (api.md Access). */
const districts: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  app.get('/districts', { config: { roles: ['hr', 'integration'] },
    schema: { tags, querystring: PageQuerySchema.extend({ q: z.string().max(100).optional() }), response: { 200: pageOf(DistrictSchema), ...errorResponses } },
  }, async (req) => {
    const page = await listDistricts(app.db, req.query);
    return { items: page.rows.map(toDistrict), nextCursor: page.nextCursor };
  });

  app.get('/districts/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, response: { 200: DistrictSchema, ...errorResponses } } }, async (req) => {
    const row = await getDistrict(app.db, req.params.id);
    if (!row) throw new NotFound('District', req.params.id);
    return toDistrict(row);
  });

  app.post('/districts', { config: { roles: ['hr', 'integration'] }, schema: { tags, body: DistrictInputSchema, response: { 201: DistrictSchema, ...errorResponses } } }, async (req, reply) => {
    const row = await app.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('districts').values({ external_id: req.body.externalId, code: req.body.code, name: req.body.name }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, actorOf(req), { action: 'create', objectType: 'district', objectId: r.id, detail: req.body });
      return r;
    });
    return reply.status(201).send(toDistrict(row));
  });

  app.patch('/districts/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, body: DistrictPatchSchema, response: { 200: DistrictSchema, ...errorResponses } } }, async (req) => {
    const b = req.body;
    const row = await app.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('districts')
        .set({ external_id: b.externalId, code: b.code, name: b.name, updated_at: new Date() })
        .where('id', '=', req.params.id).returningAll().executeTakeFirst();
      if (!r) throw new NotFound('District', req.params.id);
      await appendAudit(trx, actorOf(req), { action: 'update', objectType: 'district', objectId: r.id, detail: b });
      return r;
    });
    return toDistrict(row);
  });

  app.delete('/districts/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await app.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('districts').where('id', '=', req.params.id).returning('id').executeTakeFirst();
      if (!r) throw new NotFound('District', req.params.id);
      await appendAudit(trx, actorOf(req), { action: 'delete', objectType: 'district', objectId: r.id });
    });
    return reply.status(204).send(null);
  });
};
export default districts;
