import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCsv } from '../../csv.js';
import { allTeachers } from '../../db/teachers.js';
import { errorResponses, IdSchema } from '../../schemas/common.js';

const TEACHER_COLUMNS = [
  'externalId', 'name', 'gender', 'birthDate', 'hireDate', 'schoolExternalId', 'schoolSince', 'post', 'postSince', 'subjects',
  'stages', 'title', 'backbone', 'education', 'established', 'status', 'weeklyHours', 'seniorTitleApplicationYear',
  'priorRuralYears', 'volunteer',
] as const;

/** What the personnel system reads back. */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/export/teachers.csv', { config: { roles: ['hr', 'integration'] },
    schema: {
      tags: ['master data'],
      description: 'Teachers as CSV (UTF-8 with BOM; lists joined with ";"; schools by externalId).',
      querystring: z.object({ schoolId: IdSchema.optional(), districtId: IdSchema.optional() }),
      response: { 200: z.string(), ...errorResponses },
    },
  }, async (req, reply) => {
    const [teachers, schools] = await Promise.all([
      allTeachers(app.db, req.query),
      app.db.selectFrom('schools').select(['id', 'external_id']).execute(),
    ]);
    const extOf = new Map(schools.map((s) => [s.id, s.external_id]));
    const rows = teachers.map((t) => TEACHER_COLUMNS.map((c) => (c === 'schoolExternalId' ? extOf.get(t.schoolId) : t[c])));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="teachers.csv"')
      .send(toCsv([...TEACHER_COLUMNS], rows));
  });
};
export default exportRoutes;
