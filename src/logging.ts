import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * The service's log lines carry codes, constraint names, counts and ids, never personal data
 * (Personal Information Protection Law; teachers' names, birth dates and ID-like values are
 * personal data). What once leaked, and what stops it here:
 *  - PostgreSQL's `detail` ("Failing row contains (…, 刘刚军, M, 1984-01-03, …)", "Key (code)=(…)")
 *    and `where`/`hint`/`internalQuery`: dropped by the `err` serializer, which keeps only named safe fields;
 *  - PGlite's error carries the statement and its parameters (`query`, `params`: one 367 KB line with
 *    1,080 teachers' names): dropped, as is any field not on the list;
 *  - a data-exception message (SQLSTATE class 22) quotes the offending value ("invalid input syntax
 *    for type uuid: "…"", "value "…" is out of range"): replaced by its SQLSTATE; messages of the
 *    other classes name only relations, columns, constraints and types (23xxx "violates check
 *    constraint "…"", the values of which are in `detail`), so they stay, as they say what broke;
 *  - a JSON syntax error quotes the body around the bad token: replaced;
 *  - request URLs carry query strings such as `q=<teacher name>`: the `req` serializer logs the path
 *    and the query's keys only;
 *  - the bearer token: the `req` serializer logs no headers, and redact covers any that are logged.
 */

/** The fields of an error that name what broke without carrying any row's contents. */
const SAFE_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'severity', 'statusCode'] as const;

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  [key: string]: unknown;
}

/** A PostgreSQL (node-postgres or PGlite) error: a five-character SQLSTATE and a severity. */
function isDatabaseError(err: Record<string, unknown>): boolean {
  return typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && typeof err.severity === 'string';
}

/** The message, unless it quotes a value (see above). */
export function safeMessage(err: Record<string, unknown>): string {
  const message = typeof err.message === 'string' ? err.message : String(err.message ?? '');
  if (isDatabaseError(err) && String(err.code).startsWith('22')) return `data exception (SQLSTATE ${String(err.code)}): value not logged`;
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError') return 'invalid JSON: text not logged';
  return message;
}

function serializeError(err: unknown, depth = 0): LoggedError | unknown {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) return err;
  const e = err as unknown as Record<string, unknown>;
  // PGlite's error class has a minified name; node-postgres names its errors 'error'
  const type = isDatabaseError(e) ? 'DatabaseError' : ((e.constructor as { name?: string } | undefined)?.name ?? 'Error');
  const message = safeMessage(e);
  const out: LoggedError = { type, message };
  for (const f of SAFE_FIELDS) if (e[f] !== undefined && e[f] !== null) out[f] = e[f];
  // the stack's first line repeats the message: keep only the frames
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    out.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1) as LoggedError;
  return out;
}

/** Path and query keys: `/api/v1/teachers?q=…&limit=…` (the values may be names). */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}?${[...new Set(keys)].map((k) => `${encodeURIComponent(k)}=…`).join('&')}`;
}

function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: safeUrl(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
}

/** The logger options of the service (src/app.ts) and of `npm run worker`. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { err: serializeError, error: serializeError, req: serializeRequest as (req: unknown) => unknown },
    // no secret in logs: the bearer token never reaches a log line, whoever logs the headers
    redact: ['req.headers.authorization', 'headers.authorization', 'authorization'],
  };
}
