import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '../schemas/common.js';

/** Zod/JSON-schema paths to one readable field name: ['teachers', 12, 'birthDate'] → teachers[12].birthDate */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** PostgreSQL error codes that are the client's fault rather than ours. */
const PG_CONFLICTS: Record<string, string> = {
  '23505': 'already exists',
  '23503': 'is still referenced, or refers to something that does not exist',
};

/**
 * One error body for every error (api.md "Errors"). 5xx hides internals: the client gets a
 * request id, the log gets the error.
 */
export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setNotFoundHandler((req, reply) => {
      const body: ErrorBody = { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `Route ${req.method} ${req.url.split('?')[0]} not found` };
      void reply.status(404).send(body);
    });

    app.setErrorHandler((err: FastifyError & { details?: unknown[] }, req, reply) => {
      let body: ErrorBody;
      if (hasZodFastifySchemaValidationErrors(err)) {
        const where = err.validationContext ?? 'body';
        body = {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: `Invalid ${where}: ${err.validation.length} problem(s)`,
          details: err.validation.map((v) => {
            const path = (v.instancePath ?? '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
            const detail: Record<string, unknown> = { in: where, field: fieldOf(path) || where, message: v.message };
            // rows of a list (an import's teachers[12]) also carry their kind and index
            if (typeof path[0] === 'string' && typeof path[1] === 'number') Object.assign(detail, { kind: path[0], index: path[1] });
            return detail;
          }),
        };
      } else if (isResponseSerializationError(err)) {
        req.log.error({ err, reqId: req.id }, 'response did not match its schema');
        body = { statusCode: 500, code: 'INTERNAL', message: `Internal error (request ${req.id})` };
      } else if (typeof (err as { code?: unknown }).code === 'string' && PG_CONFLICTS[err.code] && !err.statusCode) {
        const pgErr = err as unknown as { detail?: string; constraint?: string };
        body = {
          statusCode: 409,
          code: 'CONFLICT',
          message: `Conflict: the object ${PG_CONFLICTS[err.code]}`,
          details: [{ constraint: pgErr.constraint ?? null, detail: pgErr.detail ?? null }],
        };
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        const code =
          err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE'
          : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'INVALID_JSON'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE'
          : err.code?.startsWith('FST_') ? 'BAD_REQUEST' : err.code;
        body = { statusCode: err.statusCode, code, message: err.message };
        if (Array.isArray(err.details)) body.details = err.details as Record<string, unknown>[];
      } else {
        req.log.error({ err, reqId: req.id }, 'unhandled error');
        body = { statusCode: 500, code: 'INTERNAL', message: `Internal error (request ${req.id})` };
      }
      void reply.status(body.statusCode).send(body);
    });
  },
  { name: 'errors' },
);
