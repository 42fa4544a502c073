import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import { listSubjects } from '../../services/subjects.js';

const SubjectItem = z.object({ code: z.string(), name: z.string(), shortage: z.boolean() });

/** The subject catalogue (src/services/subjects.ts): names and R24's shortage flag from solver/domain.ts. */
const subjects: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/subjects',
    {
      schema: {
        tags: ['master data'],
        summary: "The subject catalogue; `shortage` is R24's shortageSubjects, the default or, with planId, that plan's",
        querystring: PageQuerySchema.extend({ planId: IdSchema.optional() }),
        response: { 200: pageOf(SubjectItem), ...errorResponses },
      },
    },
    async (req) => listSubjects(app.db, req.query),
  );
};
export default subjects;
