import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../plugins/auth.js';
import { ActivationFailed, SignInFailed, TooManyRequests } from '../../errors.js';
import { AccountSchema, ActivateInput, SignInInput } from '../../schemas/accounts.js';
import { errorResponses } from '../../schemas/common.js';
import { type AccountSettings, activate, signIn, signOut } from '../../services/accounts.js';

export interface SessionOptions extends AccountSettings {
  /** browsers reach the service over HTTPS only: the cookie is Secure */
  https: boolean;
  /** failed sign-ins per (account, address), and per address over all accounts, per window */
  signInFailLimit: number;
  signInAddressFailLimit: number;
  signInFailWindowSeconds: number;
}

/** blocked keys kept at once (each a few dozen bytes): an attacker cycling names must not grow the map without bound */
const MAX_BLOCKED = 100_000;

/**
 * Failures counted per key with @fastify/rate-limit's counter (as the bearer-token failures are,
 * src/plugins/auth.ts); a key that reached its limit is refused before its password is even checked,
 * until its window ends.
 */
function failureLimit(app: Parameters<FastifyPluginAsyncZod>[0], max: number, windowMs: number, keyOf: (req: FastifyRequest) => string) {
  const count = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: keyOf });
  const blockedUntil = new Map<string, number>();
  return {
    /** until when the request's key is refused, or undefined */
    blocked(req: FastifyRequest): number | undefined {
      const key = keyOf(req);
      const until = blockedUntil.get(key);
      if (until === undefined) return undefined;
      if (until > Date.now()) return until;
      blockedUntil.delete(key);
      return undefined;
    },
    async fail(req: FastifyRequest): Promise<void> {
      const r = await count(req);
      if (r.isAllowed || r.remaining > 0) return;
      if (blockedUntil.size >= MAX_BLOCKED) for (const [k, until] of blockedUntil) if (until <= Date.now()) blockedUntil.delete(k);
      if (blockedUntil.size < MAX_BLOCKED) blockedUntil.set(keyOf(req), Date.now() + r.ttl);
    },
  };
}

const usernameOf = (req: FastifyRequest) => String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase();

/**
 * People sign in (api.md "People sign in; systems use tokens"): POST /session with a user name and
 * password opens a server-side session in an HttpOnly, SameSite=Strict cookie; DELETE /session ends
 * it on the server; POST /accounts/activate sets the password with a one-time code.
 */
const session: FastifyPluginAsyncZod<SessionOptions> = async (app, opts) => {
  const tags = ['access'];
  const windowMs = opts.signInFailWindowSeconds * 1000;
  // one person's typos lock out only that account from that address; an address that tries many
  // accounts is stopped by the higher per-address limit
  const perAccount = failureLimit(app, opts.signInFailLimit, windowMs, (req) => `signin:${req.ip}:${usernameOf(req)}`);
  const perAddress = failureLimit(app, opts.signInAddressFailLimit, windowMs, (req) => `signin:${req.ip}`);
  const refuseIfBlocked = (req: FastifyRequest, reply: FastifyReply) => {
    const until = perAccount.blocked(req) ?? perAddress.blocked(req);
    if (until === undefined) return;
    void reply.header('retry-after', String(Math.max(1, Math.ceil((until - Date.now()) / 1000))));
    throw new TooManyRequests('Too many failed sign-ins for this account from this address; try again later');
  };
  const failed = async (req: FastifyRequest) => {
    await perAccount.fail(req);
    await perAddress.fail(req);
  };
  const cookieOptions = {
    path: '/api/v1',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: opts.https,
    // the browser forgets it when the server would refuse it anyway (absolute expiry)
    maxAge: opts.sessionMaxHours * 3600,
  };

  app.post(
    '/session',
    {
      schema: {
        tags,
        summary: 'Sign in with a user name and password',
        description:
          'Opens a session: the answer sets an HttpOnly, SameSite=Strict cookie and carries the CSRF token that writes made with the cookie send in `x-csrf-token`. Failed sign-ins are limited per account and address, and per address.',
        security: [],
        body: SignInInput,
        response: { 200: z.object({ account: AccountSchema, csrfToken: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      refuseIfBlocked(req, reply);
      const done = await signIn(app.db, { ...req.body, address: req.ip }, app.now(), opts);
      if (!done) {
        await failed(req);
        throw new SignInFailed();
      }
      void reply.setCookie(SESSION_COOKIE, done.secret, cookieOptions);
      return { account: done.account, csrfToken: reply.generateCsrf() };
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        tags,
        summary: 'Sign out: the session ends on the server',
        description:
          'With a session cookie, ends that session (its CSRF token in `x-csrf-token`). With a bearer token there is no session: 204, nothing changes.',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (req.caller.sessionId) await signOut(app.db, req.caller.sessionId, actorOf(req), app.now());
      void reply.clearCookie(SESSION_COOKIE, { path: '/api/v1' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/accounts/activate',
    {
      schema: {
        tags,
        summary: 'Activate an account: set its password with the one-time code HR handed out',
        description: 'No session needed. The code works once and expires; wrong codes count as failed sign-ins.',
        security: [],
        body: ActivateInput,
        response: { 200: z.object({ account: AccountSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      refuseIfBlocked(req, reply);
      const account = await activate(app.db, req.body, app.now());
      if (!account) {
        await failed(req);
        throw new ActivationFailed();
      }
      return { account };
    },
  );
};
export default session;
