import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ifMatchOf, preconditionResponses, sendEtag } from '../../plugins/preconditions.js';
import { AsOfCursorSchema } from '../../schemas/changes.js';
import { withAsOf } from '../../services/changes.js';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import { SubjectSchema, TeacherStatusSchema } from '../../schemas/enums.js';
import {
  ServiceRecordInputSchema,
  ServiceRecordSchema,
  TeacherDetailSchema,
  TeacherInputSchema,
  TeacherPatchSchema,
  TeacherSchema,
} from '../../schemas/master-data.js';
import {
  addServiceRecord,
  changeTeacher,
  createTeacher,
  findServiceRecords,
  findTeachers,
  removeTeacher,
  teacherOr404,
  readVersioned,
} from '../../services/master-data.js';

const teachers: FastifyPluginAsyncZod = async (app) => {
  const tags = ['master data'];
  const ListQuery = PageQuerySchema.extend({
    schoolId: IdSchema.optional(),
    districtId: IdSchema.optional(),
    subject: SubjectSchema.optional(),
    status: TeacherStatusSchema.optional(),
    q: text(100, { min: 0 }).optional(),
  });

  app.get(
    '/teachers',
    {
      schema: {
        tags,
        summary: 'List teachers',
        querystring: ListQuery,
        response: { 200: pageOf(TeacherSchema).extend({ asOfCursor: AsOfCursorSchema }), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req) => withAsOf(app.db, () => findTeachers(app.db, req.query)),
  );

  app.get(
    '/teachers/:id',
    {
      schema: {
        tags,
        summary: 'Get a teacher, with their placement today',
        params: IdParamsSchema,
        response: { 200: TeacherDetailSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const found = await readVersioned(app.db, 'teachers', req.params.id, () => teacherOr404(app.db, req.params.id, app.today()));
      sendEtag(reply, found.version);
      return found;
    },
  );

  app.post(
    '/teachers',
    { schema: { tags, summary: 'Create a teacher', body: TeacherInputSchema, response: { 201: TeacherSchema, ...errorResponses, ...preconditionResponses } } },
    async (req, reply) => {
      const made = await createTeacher(app.db, req.body, actorOf(req));
      sendEtag(reply, made.version);
      return reply.status(201).send(made);
    },
  );

  app.patch(
    '/teachers/:id',
    {
      schema: {
        tags,
        summary: 'Change a teacher',
        params: IdParamsSchema,
        body: TeacherPatchSchema,
        response: { 200: TeacherSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      const changed = await changeTeacher(app.db, req.params.id, req.body, actorOf(req), ifMatchOf(req));
      sendEtag(reply, changed.version);
      return changed;
    },
  );

  app.delete(
    '/teachers/:id',
    {
      schema: {
        tags,
        summary: 'Delete a teacher no list or ledger names',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => {
      await removeTeacher(app.db, req.params.id, actorOf(req), ifMatchOf(req));
      return reply.status(204).send(null);
    },
  );

  // ---- the service ledger
  app.get(
    '/teachers/:id/service-records',
    {
      schema: {
        tags,
        summary: "List a teacher's service records (任职记录)",
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(ServiceRecordSchema), ...errorResponses, ...preconditionResponses },
      },
    },
    async (req) => findServiceRecords(app.db, req.params.id, req.query),
  );

  app.post(
    '/teachers/:id/service-records',
    {
      schema: {
        tags,
        summary: 'Add a service record (任职记录)',
        params: IdParamsSchema,
        body: ServiceRecordInputSchema,
        response: { 201: ServiceRecordSchema, ...errorResponses, ...preconditionResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addServiceRecord(app.db, req.params.id, req.body, actorOf(req))),
  );
};
export default teachers;
