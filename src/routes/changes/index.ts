import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangeSchema } from '../../schemas/changes.js';
import { ErrorSchema, errorResponses } from '../../schemas/common.js';
import { listChanges } from '../../services/changes.js';

/** The change feed (issue #23, api.md "Changes, for the systems that follow this one"). */
const changes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/changes',
    {
      schema: {
        tags: ['changes'],
        summary: 'Follow every change in commit order',
        description:
          'Changes after `after` (a cursor from this feed or a list’s `asOfCursor`; absent: from the oldest kept), in the order they were committed. ' +
          'Read again from `nextCursor`. A cursor older than the retention (13 months or more) is 410: re-read the lists and follow from their `asOfCursor`. ' +
          "A principal's token reads only the changes that touch their school.",
        querystring: z.object({
          after: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
        }),
        response: {
          200: z.object({ items: z.array(ChangeSchema), nextCursor: z.string(), hasMore: z.boolean() }),
          ...errorResponses,
          410: ErrorSchema,
        },
      },
    },
    async (req) => listChanges(app.db, { ...req.query, schoolId: req.caller.role === 'principal' ? (req.caller.schoolId ?? undefined) : undefined }),
  );
};
export default changes;
