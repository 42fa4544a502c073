import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CursorSchema, errorResponses, text } from '../../schemas/common.js';
import { findAudit } from '../../services/audit.js';

const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  tokenId: z.string().nullable(),
  /** the signed-in account that acted (a person's session) */
  accountId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  detail: z.unknown(),
});

/** GET /audit (hr): who did what, when, to which object; newest first, paged by id. */
const audit: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['access'],
        summary: 'Read the audit log (who did what, when)',
        querystring: z.object({
          objectType: text(50, { min: 0 }).optional(),
          objectId: text(100, { min: 0 }).optional(),
          action: text(50, { min: 0 }).optional(),
          actor: text(200, { min: 0 }).optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          until: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: CursorSchema.optional(),
          /** the last id of the previous page (an alias of the cursor, kept for earlier clients) */
          before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        }),
        response: {
          200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable(), nextBefore: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => findAudit(app.db, req.query),
  );
};
export default audit;
