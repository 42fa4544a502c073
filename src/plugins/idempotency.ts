import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { claimKey, finishKey, releaseKey, retakeKey } from '../db/idempotency.js';
import { Conflict, Unprocessable, ValidationFailed, withDetails } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the Idempotency-Key this request claimed (answered and stored when it ends) */
    idempotencyKey?: string;
  }
}

/** a claim still `running` this long after it was made belongs to a request whose process died */
const ABANDONED_AFTER_MS = 15 * 60_000;

function requestHash(req: FastifyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([req.method, req.routeOptions.url, req.params ?? null, req.query ?? null, req.body ?? null]))
    .digest('base64url');
}

/**
 * Idempotency-Key on every POST under /api/v1 (issue #23; IETF draft "The Idempotency-Key HTTP Header
 * Field"): a client that retries after a timeout sends the same key, and the first request's answer
 * comes back instead of a second proposal, objection or publish. Keys belong to the calling token.
 * - same key, same request (method, route, params, query, validated body): the stored answer, status and body;
 * - same key, another request: 422; the first still running: 409;
 * - a 5xx answer is not stored: the key is released, and a retry runs again.
 * Runs after authentication and the principal's scope (installAuth's hooks come first), and after
 * validation: a refused request does not use up a key.
 *
 * Where this falls short of "stored in the same transaction as the effect": the key is claimed
 * before the handler's transaction and its answer stored after it commits, in statements of their
 * own. A process that dies between the commit and the store leaves the claim `running`; a retry
 * gets 409 until ABANDONED_AFTER_MS, then runs again — the one window in which an effect may happen
 * twice. Closing it needs each use case to write the key in its own transaction (docs/integration.md).
 */
/** Whose keys: the token's, or a signed-in person's account (uuids both, never the same). */
const keyOwner = (req: FastifyRequest): string => req.caller.tokenId ?? (req.caller.accountId as string);

export function installIdempotency(api: FastifyInstance): void {
  api.decorateRequest('idempotencyKey', undefined);

  api.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return;
    const key = String(raw);
    if (!/^[\x21-\x7e]{1,200}$/.test(key))
      throw withDetails(new ValidationFailed('Idempotency-Key must be 1 to 200 visible ASCII characters'), [
        { in: 'headers', field: 'idempotency-key', message: 'invalid' },
      ]);
    const hash = requestHash(req);
    const held = await claimKey(api.db, keyOwner(req), key, hash);
    if (held === undefined) {
      req.idempotencyKey = key;
      return;
    }
    if (held.request_hash !== hash)
      throw withDetails(new Unprocessable('This Idempotency-Key was used for another request: use a new key for a new request'), [
        { in: 'headers', field: 'idempotency-key', message: 'used for another request' },
      ]);
    if (held.state === 'running') {
      const abandoned = new Date(Date.now() - ABANDONED_AFTER_MS);
      if (new Date(held.created_at) < abandoned && (await retakeKey(api.db, keyOwner(req), key, hash, abandoned))) {
        req.idempotencyKey = key;
        return;
      }
      throw withDetails(new Conflict('The first request with this Idempotency-Key is still being processed: retry later'), [
        { in: 'headers', field: 'idempotency-key', message: 'in progress' },
      ]);
    }
    void reply.header('idempotency-replayed', 'true');
    if (held.content_type) void reply.header('content-type', held.content_type);
    return reply.status(held.status_code ?? 200).send(held.body ?? '');
  });

  api.addHook('onSend', async (req, reply, payload) => {
    const key = req.idempotencyKey;
    if (!key) return payload;
    req.idempotencyKey = undefined;
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) await releaseKey(api.db, keyOwner(req), key);
    else
      await finishKey(api.db, keyOwner(req), key, {
        statusCode: reply.statusCode,
        contentType: (reply.getHeader('content-type') as string | undefined) ?? null,
        body: String(payload),
      });
    return payload;
  });
}
