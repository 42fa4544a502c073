import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreconditionRequired, ValidationFailed, withDetails } from '../errors.js';
import { ErrorSchema } from '../schemas/common.js';
import type { WriteOptions } from '../services/master-data.js';

/**
 * RFC 9110 conditional writes on master data (issue #23, api.md "Writing safely over the network").
 * The ETag is the row's version as a strong entity tag, `"7"`.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Sets the ETag of an answer that carries a versioned object. */
export function sendEtag(reply: FastifyReply, version: number | undefined): void {
  if (version !== undefined) void reply.header('etag', etagOf(version));
}

/**
 * The If-Match of a PATCH or DELETE of master data, as the version it names.
 * - Who must send it: people — a signed-in session (issue #22), and the `hr` token, which scripts use
 *   acting for an officer — so their write without If-Match is 428.
 *   The `integration` role is the personnel system, which is the source of the data and writes in
 *   bulk (PUT /import with per-row sourceUpdatedAt): it may omit If-Match; when it sends one, it is checked.
 * - `*` matches any current version (RFC 9110): no version check, but the header was sent.
 * - A weak tag (W/"7") never matches under the strong comparison If-Match uses: it is taken as a
 *   version that cannot match, so the write is 412.
 */
export function ifMatchOf(req: FastifyRequest): WriteOptions {
  const raw = req.headers['if-match'];
  if (raw === undefined || raw === '') {
    if (req.caller.role === 'hr' || req.caller.sessionId)
      throw withDetails(
        new PreconditionRequired(
          'Send If-Match with the ETag of the object as you read it (GET it first), so that you do not overwrite a change you have not seen',
        ),
        [{ in: 'headers', field: 'if-match', message: 'required' }],
      );
    return {};
  }
  const tags = String(raw)
    .split(',')
    .map((s) => s.trim());
  if (tags.includes('*')) return {};
  const versions: number[] = [];
  for (const tag of tags) {
    const m = /^(W\/)?"(\d{1,9})"$/.exec(tag);
    if (!m)
      throw withDetails(new ValidationFailed('If-Match must be an entity tag this service gave, e.g. "3"'), [
        { in: 'headers', field: 'if-match', message: 'not an entity tag' },
      ]);
    versions.push(m[1] ? -1 : Number(m[2]));
  }
  return { ifMatch: versions };
}

/** The statuses a conditional write may answer, for the routes' OpenAPI. */
export const preconditionResponses = { 412: ErrorSchema, 428: ErrorSchema } as const;
