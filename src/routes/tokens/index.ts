import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParamsSchema, IdSchema, PageQuerySchema, pageOf, text } from '../../schemas/common.js';
import { AccountSchema } from '../../schemas/accounts.js';
import { RoleSchema } from '../../schemas/enums.js';
import { createToken, findTokens, revoke, whoAmI } from '../../services/tokens.js';

const TokenInput = z.object({ role: RoleSchema, schoolId: IdSchema.nullable().optional(), label: text(200) });
const TokenInfo = z.object({
  id: IdSchema,
  role: RoleSchema,
  schoolId: IdSchema.nullable(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/** Access tokens (hr only). The secret is answered once, at creation; only its hash is stored. */
const tokens: FastifyPluginAsyncZod = async (app) => {
  const tags = ['access'];
  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'List access tokens (never their secrets)',
        querystring: PageQuerySchema,
        response: { 200: pageOf(TokenInfo), ...errorResponses },
      },
    },
    async (req) => findTokens(app.db, req.query),
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary: 'Who am I',
        description:
          'Who the caller is: its role, label and, for a principal, the school. For a signed-in person also the account, and a CSRF token for the writes of this session (a reloaded page or a second tab gets its own here).',
        response: {
          200: z.object({
            role: RoleSchema,
            label: z.string(),
            schoolId: IdSchema.nullable(),
            schoolName: z.string().nullable(),
            account: AccountSchema.nullable(),
            csrfToken: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => ({ ...(await whoAmI(app.db, req.caller)), csrfToken: req.caller.sessionId ? reply.generateCsrf() : null }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an access token; its secret is answered once',
        body: TokenInput,
        response: { 201: z.object({ id: IdSchema, role: RoleSchema, schoolId: IdSchema.nullable(), label: z.string(), token: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createToken(app.db, req.body, actorOf(req))),
  );

  app.delete(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke an access token', params: IdParamsSchema, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await revoke(app.db, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
};
export default tokens;
