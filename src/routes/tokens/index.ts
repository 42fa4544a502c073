import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { insertToken, newSecret } from '../../db/tokens.js';
import { NotFound, ValidationFailed, withDetails } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema } from '../../schemas/common.js';
import { RoleSchema } from '../../schemas/enums.js';

const TokenInput = z.object({ role: RoleSchema, schoolId: IdSchema.nullable().optional(), label: z.string().trim().min(1).max(200) });
const TokenInfo = z.object({ id: IdSchema, role: RoleSchema, schoolId: IdSchema.nullable(), label: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });

/** Access tokens (hr only). The secret is answered once, at creation; only its hash is stored. */
const tokens: FastifyPluginAsyncZod = async (app) => {
  const tags = ['access'];
  app.get('/tokens', { config: { roles: ['hr'] }, schema: { tags, response: { 200: z.object({ items: z.array(TokenInfo) }), ...errorResponses } } }, async (req) => {
    const rows = await app.db.selectFrom('access_tokens').select(['id', 'role', 'school_id', 'label', 'created_at', 'revoked_at']).orderBy('created_at').execute();
    return {
      items: rows.map((r) => ({
        id: r.id, role: r.role as z.infer<typeof RoleSchema>, schoolId: r.school_id, label: r.label,
        createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      })),
    };
  });

  app.get('/me', {
    schema: {
      tags, description: 'Who the token is: its role, label and, for a principal, the school.',
      response: { 200: z.object({ role: RoleSchema, label: z.string(), schoolId: IdSchema.nullable(), schoolName: z.string().nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const school = req.caller.schoolId ? await app.db.selectFrom('schools').select('name').where('id', '=', req.caller.schoolId).executeTakeFirst() : undefined;
    return { role: req.caller.role, label: req.caller.label, schoolId: req.caller.schoolId, schoolName: school?.name ?? null };
  });

  app.post('/tokens', { config: { roles: ['hr'] },
    schema: {
      tags, body: TokenInput,
      response: { 201: z.object({ id: IdSchema, role: RoleSchema, schoolId: IdSchema.nullable(), label: z.string(), token: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { role, label } = req.body;
    const schoolId = req.body.schoolId ?? null;
    if ((role === 'principal') !== (schoolId !== null)) {
      throw withDetails(new ValidationFailed('A principal token needs a schoolId, and only a principal token takes one'), [
        { in: 'body', field: 'schoolId', message: role === 'principal' ? 'required for role principal' : `not allowed for role ${role}` },
      ]);
    }
    const secret = newSecret();
    const row = await app.db.transaction().execute(async (trx) => {
      if (schoolId) {
        const s = await trx.selectFrom('schools').select('id').where('id', '=', schoolId).executeTakeFirst();
        if (!s) throw new NotFound('School', schoolId);
      }
      const r = await insertToken(trx, { secret, role, schoolId, label });
      await appendAudit(trx, actorOf(req), { action: 'create', objectType: 'token', objectId: r.id, detail: { role, schoolId, label } });
      return r;
    });
    return reply.status(201).send({ id: row.id, role, schoolId, label, token: secret });
  });

  app.delete('/tokens/:id', { config: { roles: ['hr'] }, schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await app.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('access_tokens').set({ revoked_at: new Date() })
        .where('id', '=', req.params.id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
      if (!r) throw new NotFound('Token', req.params.id);
      await appendAudit(trx, actorOf(req), { action: 'revoke', objectType: 'token', objectId: r.id });
    });
    return reply.status(204).send(null);
  });
};
export default tokens;
