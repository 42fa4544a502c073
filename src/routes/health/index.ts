import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS } from '../../plugins/errors.js';
import { ErrorSchema, type ErrorBody } from '../../schemas/common.js';
import { databaseReachable } from '../../services/health.js';

/**
 * Liveness and readiness, no token needed (docs/operations.md "When the database drops connections").
 * /livez: the process runs and answers HTTP; it touches no database, so a database outage never gets
 * a healthy service restarted. /healthz: readiness, the service can serve requests now: 503 naming
 * what is down while the database is not reachable, 200 again as soon as it is.
 */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/livez',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process runs (no database check)',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the service and its database answer',
        description: '503 with Retry-After and details naming the check that is down (the database) while the database is not reachable.',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }), 503: ErrorSchema },
      },
    },
    async (_req, reply) => {
      if (await databaseReachable(app.db)) return { status: 'ok' as const, database: app.dbKind };
      const body: ErrorBody = {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is not reachable right now',
        details: [{ check: 'database', status: 'down', database: app.dbKind }],
      };
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(body);
    },
  );
};
export default health;
