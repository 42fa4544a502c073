import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Liveness and database reachability, no token needed. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['ops'], security: [], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }) } },
  }, async () => {
    await sql`SELECT 1`.execute(app.db);
    return { status: 'ok' as const, database: app.dbKind };
  });
};
export default health;
