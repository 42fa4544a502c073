import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../schemas/common.js';

const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  tokenId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  detail: z.unknown(),
});

/** GET /audit (hr): who did what, when, to which object; newest first, paged by id. */
const audit: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { config: { roles: ['hr'] },
    schema: {
      tags: ['access'],
      querystring: z.object({
        objectType: z.string().max(50).optional(),
        objectId: z.string().max(100).optional(),
        action: z.string().max(50).optional(),
        actor: z.string().max(200).optional(),
        since: z.iso.datetime({ offset: true }).optional(),
        until: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        /** the last id of the previous page */
        before: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const f = req.query;
    let q = app.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
    if (f.objectType) q = q.where('object_type', '=', f.objectType);
    if (f.objectId) q = q.where('object_id', '=', f.objectId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.since) q = q.where('at', '>=', new Date(f.since));
    if (f.until) q = q.where('at', '<', new Date(f.until));
    if (f.before) q = q.where('id', '<', String(f.before));
    const rows = await q.execute();
    const page = rows.slice(0, f.limit);
    return {
      items: page.map((r) => ({
        id: Number(r.id), at: new Date(r.at).toISOString(), tokenId: r.token_id, actor: r.actor, action: r.action,
        objectType: r.object_type, objectId: r.object_id, detail: r.detail,
      })),
      nextBefore: rows.length > f.limit ? Number(page[page.length - 1].id) : null,
    };
  });
};
export default audit;
