import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/common.js';
import { ImportBodySchema, ImportResultSchema } from '../../schemas/master-data.js';
import { importRoster } from '../../services/import.js';

/** PUT /import — the personnel system pushes its whole roster in one request. */
const importRoute: FastifyPluginAsyncZod<{ bodyLimit: number }> = async (app, opts) => {
  app.put('/import', { config: { roles: ['hr', 'integration'] },
    bodyLimit: opts.bodyLimit,
    // the schema documents the body; the service validates it row by row so that one 400 lists every bad row
    validatorCompiler: () => (data) => ({ value: data }),
    schema: {
      tags: ['master data'],
      description: 'Idempotent bulk upsert keyed by externalId; all or nothing; every bad row reported in one 400.',
      body: ImportBodySchema,
      response: { 200: ImportResultSchema, ...errorResponses },
    },
  }, async (req) => {
    return importRoster(app.db, req.body, actorOf(req));
  });
};
export default importRoute;
