import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdSchema } from '../../schemas/common.js';
import { teachersCsv } from '../../services/master-data.js';

/** What the personnel system reads back. */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export/teachers.csv',
    {
      schema: {
        tags: ['master data'],
        summary: 'Export teachers as CSV',
        description: 'Teachers as CSV (UTF-8 with BOM; lists joined with ";"; schools by externalId).',
        querystring: z.object({ schoolId: IdSchema.optional(), districtId: IdSchema.optional() }),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const csv = await teachersCsv(app.db, req.query);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="teachers.csv"').send(csv);
    },
  );
};
export default exportRoutes;
