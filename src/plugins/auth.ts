import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../db/audit.js';
import { findActiveToken } from '../db/tokens.js';
import { Forbidden, Unauthorized } from '../errors.js';
import type { Role } from '../schemas/enums.js';

export interface Caller {
  tokenId: string;
  role: Role;
  /** set for a principal: the one school the token may see */
  schoolId: string | null;
  label: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** the roles that may call the route; checked before the body is validated */
    roles?: Role[];
  }
}

/** The audit actor of a request. */
export function actorOf(req: FastifyRequest): Actor {
  return { tokenId: req.caller.tokenId, label: req.caller.label };
}

/** 403 unless the caller has one of the roles (api.md "Access"). */
export function requireRole(req: FastifyRequest, ...roles: Role[]): void {
  if (!roles.includes(req.caller.role)) {
    throw new Forbidden(`The ${req.caller.role} role may not ${req.method} ${req.routeOptions.url}`);
  }
}

/** A principal sees only their own school; other roles see every school. */
export function requireSchoolAccess(req: FastifyRequest, schoolId: string): void {
  if (req.caller.role === 'principal' && req.caller.schoolId !== schoolId) {
    throw new Forbidden('A principal may only see their own school');
  }
}

/** Bearer-token authentication for everything under /api/v1. */
export default fp(
  async function authPlugin(app: FastifyInstance) {
    app.decorateRequest('caller', null as unknown as Caller);
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/api/v1')) return;
      const header = req.headers.authorization;
      const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
      if (!match) throw new Unauthorized('Missing bearer token (Authorization: Bearer <token>)');
      const row = await findActiveToken(app.db, match[1]);
      if (!row) throw new Unauthorized('Unknown or revoked token');
      req.caller = { tokenId: row.id, role: row.role as Role, schoolId: row.school_id, label: row.label };
    });
    // a role that may not make a call gets 403 whatever it sent: the check comes before validation
    app.addHook('preValidation', async (req) => {
      const roles = req.routeOptions.config?.roles;
      if (roles && req.caller) requireRole(req, ...roles);
    });
  },
  { name: 'auth', dependencies: ['db', 'errors'] },
);
