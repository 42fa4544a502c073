import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.js';
import { AccountInput, AccountPatch, AccountSchema, AccountWithCode, BulkAccountsInput, CodesListInput } from '../../schemas/accounts.js';
import { errorResponses, IdParamsSchema, PageQuerySchema, pageOf } from '../../schemas/common.js';
import {
  type AccountSettings,
  activationCodesXlsx,
  bulkCreatePrincipals,
  createAccount,
  findAccounts,
  resetAccount,
  updateAccount,
} from '../../services/accounts.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * People's accounts (hr only): HR creates them (principals in bulk from the school list), hands out
 * the one-time activation codes, resets and disables them, and sees who signed in when.
 */
const accounts: FastifyPluginAsyncZod<AccountSettings> = async (app, opts) => {
  const tags = ['access'];
  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: 'List accounts, with their last sign-in',
        querystring: PageQuerySchema,
        response: { 200: pageOf(AccountSchema), ...errorResponses },
      },
    },
    async (req) => findAccounts(app.db, req.query),
  );

  app.post(
    '/accounts',
    {
      schema: {
        tags,
        summary: 'Create an account; its one-time activation code is answered once',
        description: "A principal's account names its school (`schoolId`), an hr account none.",
        body: AccountInput,
        response: { 201: AccountWithCode, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(app.db, req.body, actorOf(req), app.now(), opts)),
  );

  app.post(
    '/accounts/bulk',
    {
      schema: {
        tags,
        summary: "Create principals' accounts for every school without one (or the schools given)",
        description:
          "User name = the school's code, display name = the school's name + 校长. All or nothing. The activation codes are answered once: the page keeps them to build the list HR hands out (POST /accounts/activation-codes.xlsx).",
        body: BulkAccountsInput,
        response: { 201: z.object({ items: z.array(AccountWithCode) }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await bulkCreatePrincipals(app.db, req.body, actorOf(req), app.now(), opts)),
  );

  app.post(
    '/accounts/activation-codes.xlsx',
    {
      schema: {
        tags,
        summary: 'The activation codes as a workbook to hand out (writes nothing)',
        description:
          "The codes are stored as hashes and cannot be read back: send the codes the bulk, create or reset answer gave. Each must be its account's open, unexpired code (400 otherwise), so the file never lists a code that will not work.",
        body: CodesListInput,
        produces: [XLSX],
        response: { 200: z.any().describe('the XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const body = await activationCodesXlsx(app.db, req.body.items, app.now());
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('账号激活码.xlsx')}`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.post(
    '/accounts/:id/reset',
    {
      schema: {
        tags,
        summary: 'Reset an account: a new activation code; the password is cleared and its sessions end',
        params: IdParamsSchema,
        response: { 200: AccountWithCode, ...errorResponses },
      },
    },
    async (req) => resetAccount(app.db, req.params.id, actorOf(req), app.now(), opts),
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Disable or enable an account, or rename it; disabling ends its sessions at once',
        params: IdParamsSchema,
        body: AccountPatch,
        response: { 200: AccountSchema, ...errorResponses },
      },
    },
    async (req) => updateAccount(app.db, req.params.id, req.body, actorOf(req), app.now()),
  );
};
export default accounts;
