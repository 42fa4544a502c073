import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type AccessRule, type Caller, accessRuleOf } from '../access.js';
import type { Actor } from '../db/audit.js';
import { schoolsOfLine, teacherHasLineAt } from '../db/proposal-lines.js';
import { findActiveToken } from '../db/tokens.js';
import { CsrfRefused, Forbidden, NotFound, SessionEnded, TooManyRequests, Unauthorized } from '../errors.js';
import type { Role } from '../schemas/enums.js';
import { type AccountSettings, sessionCaller } from '../services/accounts.js';
import { teacherPlacement } from '../services/master-data.js';

export type { Caller } from '../access.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** the route's rule from the access table (src/access.ts), attached when the route is registered */
    access?: AccessRule;
  }
}

/** The audit actor of a request: the token, or the signed-in account. */
export function actorOf(req: FastifyRequest): Actor {
  return { tokenId: req.caller.tokenId, accountId: req.caller.accountId, label: req.caller.label };
}

/** The session cookie: HttpOnly, SameSite=Strict, Secure on HTTPS (src/routes/session). */
export const SESSION_COOKIE = 'rotation_session';
/** methods that change nothing: no CSRF token needed */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** blocked client addresses kept at once (each is a few dozen bytes) */
const MAX_BLOCKED = 100_000;

export interface AuthOptions {
  /** failed authentications a client address may make per window before it gets 429 */
  failLimit: number;
  failWindowSeconds: number;
  /** people's sessions: idle and absolute expiry (absent: session cookies are not accepted) */
  sessions?: AccountSettings;
}

/**
 * Installs authentication and authorization on an encapsulated plugin (the /api/v1 plugin of
 * src/routes/api.ts). Its hooks run for every route registered in it, however the request's URL
 * was spelled: the router has already matched the route, so there is no path to compare
 * (a raw-URL prefix test is what `/%61pi/v1/…` walked around).
 *
 * - Every route must have an access rule (src/access.ts), or registering it throws: deny by default.
 * - onRequest: a valid bearer token, or a live session cookie (a person signed in: its writes carry
 *   the CSRF token), or 401 (repeated bearer failures from one address are 429); then the role, or
 *   403 — all before the body is read. Signing in and activating need no credentials (`public`).
 * - preHandler: a principal's own-school scope, on the validated params and query.
 */
export function installAuth(api: FastifyInstance, opts: AuthOptions): void {
  api.decorateRequest('caller', null as unknown as Caller);

  api.addHook('onRoute', (route: RouteOptions) => {
    const rule = accessRuleOf(route.method as string, route.url);
    if (!rule) throw new Error(`No access rule for ${String(route.method)} ${route.url}: add it to src/access.ts (deny by default)`);
    if (rule.public && rule.roles.length > 0) throw new Error(`The access rule of ${String(route.method)} ${route.url} is public and names roles`);
    if (rule.roles.includes('principal') && !rule.principal)
      throw new Error(`The access rule of ${String(route.method)} ${route.url} lets principals in without a school scope`);
    route.config = { ...(route.config as object), access: rule };
  });

  // Failed authentication per client address, with @fastify/rate-limit's counter. An address over
  // the limit is refused before its token is even looked at, until the window ends.
  const countFailure = api.createRateLimit({ max: opts.failLimit, timeWindow: opts.failWindowSeconds * 1000, keyGenerator: (req) => req.ip });
  const blockedUntil = new Map<string, number>();
  const refuse = (reply: FastifyReply, untilMs: number) => {
    void reply.header('retry-after', String(Math.max(1, Math.ceil((untilMs - Date.now()) / 1000))));
    return new TooManyRequests('Too many failed authentications from this address; try again later');
  };

  api.addHook('onRequest', async (req, reply) => {
    const rule = req.routeOptions.config.access!;
    // signing in and activating: no credentials yet, their own failure limits (src/routes/session)
    if (rule.public) return;
    // a person's session: only when no Authorization header is sent (a script's token wins). A stale
    // cookie is not counted as a failed authentication: its secret is not guessable, and counting it
    // would lock the office's address out after a few expired tabs
    const cookie = req.cookies[SESSION_COOKIE];
    if (req.headers.authorization === undefined && cookie && opts.sessions) {
      const caller = await sessionCaller(api.db, cookie, api.now(), opts.sessions);
      if (!caller) throw new SessionEnded();
      req.caller = caller;
      if (!rule.roles.includes(caller.role)) throw new Forbidden(`The ${caller.role} role may not ${req.method} ${req.routeOptions.url}`);
      // a browser sends the cookie with any request to this site; a write must also carry the token
      // only the page can read (@fastify/csrf-protection, header x-csrf-token). A bearer request
      // needs none: no other site can make a browser send an Authorization header
      if (!SAFE_METHODS.has(req.method)) {
        await new Promise<void>((resolve, reject) =>
          api.csrfProtection(req, { send: () => reject(new CsrfRefused()) } as unknown as FastifyReply, () => resolve()),
        );
      }
      return;
    }
    const until = blockedUntil.get(req.ip);
    if (until !== undefined) {
      if (until > Date.now()) throw refuse(reply, until);
      blockedUntil.delete(req.ip);
    }
    // no credentials at all (a page opened before signing in asks GET /me) guesses nothing: 401, not
    // counted, so an office's page loads never lock its address out
    if (req.headers.authorization === undefined) throw new Unauthorized('Sign in, or send a bearer token (Authorization: Bearer <token>)');
    const match = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i);
    const row = match ? await findActiveToken(api.db, match[1]) : undefined;
    if (row) {
      req.caller = { tokenId: row.id, accountId: null, sessionId: null, role: row.role as Role, schoolId: row.school_id, label: row.label };
      // a role that may not make the call gets 403 before its body is even read (an import body can be 64 MiB)
      if (!rule.roles.includes(req.caller.role)) {
        throw new Forbidden(`The ${req.caller.role} role may not ${req.method} ${req.routeOptions.url}`);
      }
      return;
    }
    const limit = await countFailure(req);
    if (!limit.isAllowed && limit.isExceeded) {
      const untilMs = Date.now() + limit.ttl;
      // an attacker cycling addresses must not grow the map without bound: drop the expired blocks
      if (blockedUntil.size >= MAX_BLOCKED) for (const [ip, until] of blockedUntil) if (until <= Date.now()) blockedUntil.delete(ip);
      if (blockedUntil.size < MAX_BLOCKED) blockedUntil.set(req.ip, untilMs);
      throw refuse(reply, untilMs);
    }
    throw new Unauthorized(match ? 'Unknown or revoked token' : 'Missing bearer token (Authorization: Bearer <token>)');
  });

  api.addHook('preHandler', async (req) => {
    // public routes (sign-in, activation) have no caller
    if (req.caller?.role !== 'principal') return;
    const own = req.caller.schoolId!;
    const params = req.params as Record<string, string>;
    const other = () => new Forbidden('A principal may only see and review their own school');
    switch (req.routeOptions.config.access!.principal) {
      case 'none':
        return;
      case 'ownChanges':
        // the route reads req.caller.schoolId and filters by it
        return;
      case 'schoolParam':
        if (params.id !== own) throw other();
        return;
      case 'schoolQuery': {
        const query = req.query as { schoolId?: string };
        if (query.schoolId === undefined) query.schoolId = own;
        else if (query.schoolId !== own) throw other();
        return;
      }
      case 'schoolQueryRequired': {
        const asked = (req.query as { schoolId?: string }).schoolId;
        if (asked === undefined) throw new Forbidden(`A principal may only have their own school's list: add ?schoolId=${own}`);
        if (asked !== own) throw other();
        return;
      }
      case 'teacherParam': {
        // the teacher's home or working school today, by the ledger: a published leader rotation or
        // rotation hands her to the new school's principal on its 1 September, not at publish time
        const placement = await teacherPlacement(api.db, params.id, api.today());
        if (placement === undefined) throw new NotFound('Teacher', params.id);
        if (placement.homeSchoolId !== own && placement.workingSchoolId !== own) throw other();
        return;
      }
      case 'proposalTeacherParam': {
        // as teacherParam, and also a teacher the proposal sends to or takes from the school: the
        // principal reviews that line and may read why it is there
        const placement = await teacherPlacement(api.db, params.teacherId, api.today());
        if (placement === undefined) throw new NotFound('Teacher', params.teacherId);
        if (placement.homeSchoolId === own || placement.workingSchoolId === own) return;
        if (!(await teacherHasLineAt(api.db, params.id, params.teacherId, own))) throw other();
        return;
      }
      case 'lineParam': {
        const line = await schoolsOfLine(api.db, params.id, params.lineId);
        if (!line) throw new NotFound('Line', params.lineId);
        if (line.fromSchoolId !== own && line.toSchoolId !== own) throw other();
        return;
      }
      default:
        // an unknown scope is a programming error: refuse rather than let the request through
        throw other();
    }
  });
}
