import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isConnectionLost } from '../db/database.js';
import { fieldOf } from '../errors.js';
import type { ErrorBody } from '../schemas/common.js';

/** What PostgreSQL and PGlite both put on an error (pg-protocol's DatabaseError). */
interface DbError {
  code: string;
  severity?: string;
  message: string;
  table?: string;
  column?: string;
  constraint?: string;
}
function isDbError(err: unknown): err is DbError {
  const e = err as Partial<DbError> & { statusCode?: unknown };
  return typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string' && e.statusCode === undefined;
}

/**
 * Constraints whose name carries no single column: the table-level CHECKs (PostgreSQL names them
 * table_check, table_check1, … in the order of the migration) and composite keys.
 */
const NAMED_CONSTRAINTS: Record<string, { field: string; message: string }> = {
  teachers_check: { field: 'hireDate', message: 'must not be before birthDate' },
  teachers_check1: { field: 'schoolSince', message: 'must not be before hireDate' },
  teachers_check2: { field: 'postSince', message: 'must not be before hireDate' },
  teacher_exemptions_check: { field: 'exemptions.to', message: 'must not be before from' },
  teacher_exemptions_check1: { field: 'exemptions.note', message: 'an exemption for reason "other" needs a note' },
  service_records_check: { field: 'to', message: 'must not be before from' },
  schools_check: { field: 'location', message: 'lat and lon go together' },
  school_pairings_check: { field: 'pairedSchoolIds', message: 'a school is not paired with itself' },
  access_tokens_check: { field: 'schoolId', message: 'a principal token needs a schoolId, and only a principal token takes one' },
  line_reviews_check: { field: 'comment', message: 'an objection needs a comment' },
  // composite keys: a list that names one thing twice
  teacher_preferences_pkey: { field: 'preferences.schoolIds', message: 'names a school twice' },
  teacher_preferences_teacher_id_rank_key: { field: 'preferences.schoolIds', message: 'names a rank twice' },
  school_pairings_pkey: { field: 'pairedSchoolIds', message: 'names a school twice' },
  school_needs_pkey: { field: 'needs', message: 'names a subject twice' },
};
/** columns whose API field is not their camelCase name */
const COLUMN_FIELDS: Record<string, string> = {
  from_date: 'from',
  to_date: 'to',
  lat: 'location',
  lon: 'location',
  preference_max_km: 'preferences.maxKm',
  rank: 'preferences.schoolIds',
  paired_school_id: 'pairedSchoolIds',
  approved_headcount: 'approvedHeadcount',
};
const camel = (col: string) => COLUMN_FIELDS[col] ?? col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** The API field a constraint guards: from the table-level list, the error's column, or the constraint's name table_column_suffix. */
function fieldOfConstraint(err: DbError): string | undefined {
  if (err.constraint && NAMED_CONSTRAINTS[err.constraint]) return NAMED_CONSTRAINTS[err.constraint].field;
  if (err.column) return camel(err.column);
  if (err.constraint && err.table && err.constraint.startsWith(`${err.table}_`)) {
    const col = err.constraint.slice(err.table.length + 1).replace(/_(check\d*|key|fkey|not_null|pkey)$/, '');
    if (col && !/^(check\d*|key|pkey)$/.test(col)) return camel(col);
  }
  return undefined;
}

/**
 * Every database refusal that is the client's fault, by SQLSTATE, for both engines. The answer
 * names the field and constraint but never carries PostgreSQL's `detail`: "Failing row contains
 * (…)" or "Key (…)=(…)" would hand the row's personal data to the caller.
 */
function dbErrorBody(err: DbError): ErrorBody | null {
  const field = fieldOfConstraint(err);
  const where = { ...(field ? { field } : {}), ...(err.constraint ? { constraint: err.constraint } : {}) };
  const invalid = (message: string): ErrorBody => ({ statusCode: 400, code: 'VALIDATION_FAILED', message, details: [{ in: 'body', ...where, message }] });
  switch (err.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return { statusCode: 409, code: 'CONFLICT', message: 'Conflict: the object already exists', details: [{ ...where, message: 'already exists' }] };
    case '23503': // foreign_key_violation: a delete of something still used (PostgreSQL ≤ 16 for RESTRICT), or a reference to something gone
      if (/^update or delete on/.test(err.message)) {
        return {
          statusCode: 409,
          code: 'CONFLICT',
          message: 'Conflict: the object is still referenced',
          details: [{ constraint: err.constraint ?? null, referencedBy: err.table ?? null }],
        };
      }
      return {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'Conflict: the object refers to something that does not exist',
        details: [{ ...where, message: 'refers to something that does not exist' }],
      };
    case '23001': // restrict_violation: what newer PostgreSQL (and PGlite) raise for ON DELETE RESTRICT
      return {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'Conflict: the object is still referenced',
        details: [{ constraint: err.constraint ?? null, referencedBy: err.table ?? null }],
      };
    case '23514': // check_violation
      return invalid(
        err.constraint && NAMED_CONSTRAINTS[err.constraint]
          ? `${NAMED_CONSTRAINTS[err.constraint].field} ${NAMED_CONSTRAINTS[err.constraint].message}`
          : 'A value is outside what the field allows',
      );
    case '23502': // not_null_violation
      return invalid('A required value is missing');
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return invalid('A value is not of the expected type');
    case '22003': // numeric_value_out_of_range
      return invalid('A number is out of range');
    case '22001': // string_data_right_truncation
      return invalid('A text is too long');
    case '22021': // character_not_in_repertoire (NUL, bad UTF-8)
    case '22P05': // untranslatable_character (\u0000 in jsonb)
      return invalid('A text contains a character the service does not store');
    case '54000': // program_limit_exceeded (an index row too large)
      return invalid('A value is too large');
    default:
      return null;
  }
}

/** An error code for a 4xx that came without one (@fastify/static's 403, http-errors): Forbidden → FORBIDDEN. */
function codeOfStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'Client error')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** How long a client should wait before trying a request again after a lost database connection (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a request whose database connection was lost or could not be opened (issue #18):
 * the service is up, the database is not reachable just now. PostgreSQL rolled the request's
 * transaction back, so nothing of it was written, unless the drop came as its COMMIT reached the
 * server, which no client can tell; the service's writes are safe to send again (an import is
 * idempotent, a second publish is 409). No PostgreSQL wording reaches the client.
 */
export const DATABASE_UNAVAILABLE: ErrorBody = {
  statusCode: 503,
  code: 'DATABASE_UNAVAILABLE',
  message: 'The database is not reachable right now. Try again in a few seconds.',
};

/** Sends an error body, with Retry-After on a 503. */
function sendError(reply: FastifyReply, body: ErrorBody): void {
  if (body.statusCode === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  void reply.status(body.statusCode).send(body);
}

/**
 * The one error body of api.md "Errors" for any error: validation, framework, database, ours.
 * 5xx hides internals: the client gets a request id, the log gets the error.
 */
export function errorBody(err: FastifyError & { details?: unknown[] }, req: FastifyRequest): ErrorBody {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.map((v) => {
      const path = (v.instancePath ?? '')
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const detail: Record<string, unknown> = { in: where, field: fieldOf(path) || where, message: v.message };
      // rows of a list (an import's teachers[12]) also carry their kind and index
      if (typeof path[0] === 'string' && typeof path[1] === 'number') Object.assign(detail, { kind: path[0], index: path[1] });
      return detail;
    });
    // the message names the fields too (issue #20): "Invalid body: parameters.rotationYears must be between 1 and 6"
    const named = details.slice(0, 3).map((d) => (details.length === 1 ? `${d.field} ${d.message}` : d.field));
    const more = details.length > 3 ? ', …' : '';
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: details.length === 1 ? `Invalid ${where}: ${named[0]}` : `Invalid ${where}: ${details.length} problem(s): ${named.join(', ')}${more}`,
      details,
    };
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, reqId: req.id }, 'response did not match its schema');
    return { statusCode: 500, code: 'INTERNAL', message: `Internal error (request ${req.id})` };
  }
  if (isConnectionLost(err)) {
    // the operator's log says what happened to the connection; SQLSTATE and message name no row
    req.log.warn({ err, reqId: req.id }, 'database connection lost: answered 503');
    return DATABASE_UNAVAILABLE;
  }
  const dbErr: unknown = err;
  if (isDbError(dbErr)) {
    const body = dbErrorBody(dbErr);
    if (body) {
      // the log keeps the constraint for the operator; the client gets the field
      req.log.info({ code: dbErr.code, constraint: dbErr.constraint, table: dbErr.table, reqId: req.id }, 'database refused the request');
      return body;
    }
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const fst = typeof err.code === 'string' ? err.code : undefined;
    const code =
      fst === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : fst === 'FST_ERR_CTP_INVALID_JSON_BODY' || fst === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'INVALID_JSON'
          : fst === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : fst === 'FST_ERR_BAD_URL'
              ? 'BAD_URL'
              : // other framework codes by their status: 400 BAD_REQUEST, 429 TOO_MANY_REQUESTS, …
                fst?.startsWith('FST_')
                ? codeOfStatus(err.statusCode)
                : fst || codeOfStatus(err.statusCode);
    // a malformed URL is not echoed: its text is the attacker's (issue #18 point 7)
    const message =
      fst === 'FST_ERR_BAD_URL' ? 'The URL is not valid: it has a malformed %-escape' : err.message || STATUS_CODES[err.statusCode] || 'Bad request';
    const body: ErrorBody = { statusCode: err.statusCode, code, message };
    if (Array.isArray(err.details)) body.details = err.details as Record<string, unknown>[];
    return body;
  }
  req.log.error({ err, reqId: req.id }, 'unhandled error');
  return { statusCode: 500, code: 'INTERNAL', message: `Internal error (request ${req.id})` };
}

/**
 * Fastify's `frameworkErrors` option (src/app.ts): errors raised before routing, such as
 * FST_ERR_BAD_URL for a malformed %-escape, answer in the same body as everything else, with the
 * same security headers: no route matched, so no onRequest hook (@fastify/helmet's) ran, and helmet
 * sets them here from the options the app registered it with.
 */
export function frameworkErrorHandler(securityHeaders: Readonly<HelmetOptions>) {
  const setHeaders = helmet(securityHeaders);
  return function onFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
    setHeaders(req.raw, reply.raw, () => {});
    sendError(reply, errorBody(err, req));
  };
}

/** A path as the 404 names it: anything but URL characters percent-encoded, so a raw `<script>` is never echoed. */
const pathForMessage = (url: string) => url.split('?')[0].replace(/[^\w\-.~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setNotFoundHandler((req, reply) => {
      const body: ErrorBody = { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `Route ${req.method} ${pathForMessage(req.url)} not found` };
      void reply.status(404).send(body);
    });

    app.setErrorHandler((err: FastifyError & { details?: unknown[] }, req, reply) => {
      sendError(reply, errorBody(err, req));
    });
  },
  { name: 'errors' },
);
