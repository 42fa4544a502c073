import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type AccessRule, type Caller, accessRuleOf } from '../access.js';
import type { Actor } from '../db/audit.js';
import { schoolsOfLine, teacherHasLineAt } from '../db/proposal-lines.js';
import { findActiveToken } from '../db/tokens.js';
import { Forbidden, NotFound, TooManyRequests, Unauthorized } from '../errors.js';
import type { Role } from '../schemas/enums.js';
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

/** The audit actor of a request. */
export function actorOf(req: FastifyRequest): Actor {
  return { tokenId: req.caller.tokenId, label: req.caller.label };
}

/** blocked client addresses kept at once (each is a few dozen bytes) */
const MAX_BLOCKED = 100_000;

export interface AuthOptions {
  /** failed authentications a client address may make per window before it gets 429 */
  failLimit: number;
  failWindowSeconds: number;
}

/**
 * Installs authentication and authorization on an encapsulated plugin (the /api/v1 plugin of
 * src/routes/api.ts). Its hooks run for every route registered in it, however the request's URL
 * was spelled: the router has already matched the route, so there is no path to compare
 * (a raw-URL prefix test is what `/%61pi/v1/…` walked around).
 *
 * - Every route must have an access rule (src/access.ts), or registering it throws: deny by default.
 * - onRequest: a valid bearer token, or 401 (repeated failures from one address are 429); then the
 *   role, or 403 — both before the body is read.
 * - preHandler: a principal's own-school scope, on the validated params and query.
 */
export function installAuth(api: FastifyInstance, opts: AuthOptions): void {
  api.decorateRequest('caller', null as unknown as Caller);

  api.addHook('onRoute', (route: RouteOptions) => {
    const rule = accessRuleOf(route.method as string, route.url);
    if (!rule) throw new Error(`No access rule for ${String(route.method)} ${route.url}: add it to src/access.ts (deny by default)`);
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
    const until = blockedUntil.get(req.ip);
    if (until !== undefined) {
      if (until > Date.now()) throw refuse(reply, until);
      blockedUntil.delete(req.ip);
    }
    const match = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i);
    const row = match ? await findActiveToken(api.db, match[1]) : undefined;
    if (row) {
      req.caller = { tokenId: row.id, role: row.role as Role, schoolId: row.school_id, label: row.label };
      // a role that may not make the call gets 403 before its body is even read (an import body can be 64 MiB)
      const rule = req.routeOptions.config.access!;
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
    if (req.caller.role !== 'principal') return;
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
