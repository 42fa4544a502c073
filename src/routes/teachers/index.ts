import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { isRuralClass, teacherColumns, toServiceRecord } from '../../db/mappers.js';
import { getTeacher, listTeachers, replaceTeacherChildren } from '../../db/teachers.js';
import { Forbidden, NotFound } from '../../errors.js';
import { actorOf, requireSchoolAccess } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import { SubjectSchema, TeacherStatusSchema } from '../../schemas/enums.js';
import {
  ServiceRecordInputSchema, ServiceRecordSchema, TeacherInputSchema, TeacherPatchSchema, TeacherSchema,
} from '../../schemas/master-data.js';

const teachers: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  const ListQuery = PageQuerySchema.extend({
    schoolId: IdSchema.optional(), districtId: IdSchema.optional(), subject: SubjectSchema.optional(),
    status: TeacherStatusSchema.optional(), q: z.string().max(100).optional(),
  });

  /** Loads a teacher the caller may see, or throws 404/403. */
  async function visibleTeacher(req: Parameters<typeof requireSchoolAccess>[0], id: string) {
    const t = await getTeacher(app.db, id);
    if (!t) throw new NotFound('Teacher', id);
    requireSchoolAccess(req, t.schoolId);
    return t;
  }

  app.get('/teachers', { schema: { tags, querystring: ListQuery, response: { 200: pageOf(TeacherSchema), ...errorResponses } } }, async (req) => {
    const q = { ...req.query };
    if (req.caller.role === 'principal') {
      // a principal reads their own school's teachers, nothing else
      if (q.schoolId && q.schoolId !== req.caller.schoolId) throw new Forbidden('A principal may only see their own school');
      q.schoolId = req.caller.schoolId!;
    }
    return listTeachers(app.db, q);
  });

  app.get('/teachers/:id', { schema: { tags, params: IdParamsSchema, response: { 200: TeacherSchema, ...errorResponses } } }, async (req) =>
    visibleTeacher(req, req.params.id));

  app.post('/teachers', { config: { roles: ['hr', 'integration'] }, schema: { tags, body: TeacherInputSchema, response: { 201: TeacherSchema, ...errorResponses } } }, async (req, reply) => {
    const b = req.body;
    const t = await app.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('teachers').values(teacherColumns(b) as never).returning('id').executeTakeFirstOrThrow();
      await replaceTeacherChildren(trx, new Map([[row.id, b.exemptions]]), new Map([[row.id, b.preferences.schoolIds]]));
      await appendAudit(trx, actorOf(req), { action: 'create', objectType: 'teacher', objectId: row.id, detail: { externalId: b.externalId } });
      return (await getTeacher(trx, row.id))!;
    });
    return reply.status(201).send(t);
  });

  app.patch('/teachers/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, body: TeacherPatchSchema, response: { 200: TeacherSchema, ...errorResponses } } }, async (req) => {
    const b = req.body;
    return app.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('teachers').set({ ...teacherColumns(b), updated_at: new Date() } as never)
        .where('id', '=', req.params.id).returning('id').executeTakeFirst();
      if (!row) throw new NotFound('Teacher', req.params.id);
      await replaceTeacherChildren(
        trx,
        b.exemptions ? new Map([[row.id, b.exemptions]]) : null,
        b.preferences ? new Map([[row.id, b.preferences.schoolIds]]) : null,
      );
      // the database checks the dates against each other (hire ≥ birth, …) on the merged row
      await appendAudit(trx, actorOf(req), { action: 'update', objectType: 'teacher', objectId: row.id, detail: Object.keys(b) });
      return (await getTeacher(trx, row.id))!;
    });
  });

  app.delete('/teachers/:id', { config: { roles: ['hr', 'integration'] }, schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await app.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('teachers').where('id', '=', req.params.id).returning(['id', 'external_id']).executeTakeFirst();
      if (!r) throw new NotFound('Teacher', req.params.id);
      await appendAudit(trx, actorOf(req), { action: 'delete', objectType: 'teacher', objectId: r.id, detail: { externalId: r.external_id } });
    });
    return reply.status(204).send(null);
  });

  // ---- the service ledger
  app.get('/teachers/:id/service-records', {
    schema: { tags, params: IdParamsSchema, response: { 200: z.object({ items: z.array(ServiceRecordSchema) }), ...errorResponses } },
  }, async (req) => {
    await visibleTeacher(req, req.params.id);
    const rows = await app.db.selectFrom('service_records').selectAll().where('teacher_id', '=', req.params.id).orderBy('from_date').orderBy('id').execute();
    return { items: rows.map(toServiceRecord) };
  });

  app.post('/teachers/:id/service-records', { config: { roles: ['hr', 'integration'] },
    schema: { tags, params: IdParamsSchema, body: ServiceRecordInputSchema, response: { 201: ServiceRecordSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const row = await app.db.transaction().execute(async (trx) => {
      const teacher = await trx.selectFrom('teachers').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!teacher) throw new NotFound('Teacher', req.params.id);
      const school = await trx.selectFrom('schools').select(['locality', 'is_weak']).where('id', '=', b.schoolId).executeTakeFirst();
      if (!school) throw new NotFound('School', b.schoolId);
      const r = await trx.insertInto('service_records').values({
        teacher_id: req.params.id, school_id: b.schoolId, post: b.post, kind: b.kind, from_date: b.from, to_date: b.to,
        // R11 counts the school's class at that time; without word from the caller, today's class is assumed
        rural_at_the_time: b.ruralAtTheTime ?? isRuralClass(school), source: 'api',
      }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, actorOf(req), { action: 'create', objectType: 'service_record', objectId: r.id, detail: { teacherId: req.params.id, ...b } });
      return r;
    });
    return reply.status(201).send(toServiceRecord(row));
  });
};
export default teachers;
