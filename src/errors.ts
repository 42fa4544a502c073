import createError from '@fastify/error';

/**
 * Every error the service answers on purpose. Services throw these; the error handler
 * (src/plugins/errors.ts) turns them into the one body of api.md: {statusCode, code, message, details?}.
 */
export interface Detail {
  [key: string]: unknown;
}
/** An application error carrying optional structured details (for instance every bad row of an import). */
export function withDetails<E extends Error>(err: E, details: Detail[]): E {
  (err as E & { details?: Detail[] }).details = details;
  return err;
}

export const ValidationFailed = createError<[string]>('VALIDATION_FAILED', '%s', 400);
export const ImportInvalid = createError<[number]>('IMPORT_INVALID', 'The import was rejected: %s bad row(s); nothing was written', 400);
export const Unauthorized = createError<[string]>('UNAUTHORIZED', '%s', 401);
export const Forbidden = createError<[string]>('FORBIDDEN', '%s', 403);
export const NotFound = createError<[string, string]>('NOT_FOUND', '%s %s not found', 404);
export const Conflict = createError<[string]>('CONFLICT', '%s', 409);
/** a change-feed cursor older than the retention (api.md "Changes"): re-read the lists, follow from their asOfCursor */
export const Gone = createError<[string]>('CURSOR_EXPIRED', '%s', 410);
export const PreconditionFailed = createError<[string]>('PRECONDITION_FAILED', '%s', 412);
export const PreconditionRequired = createError<[string]>('PRECONDITION_REQUIRED', '%s', 428);
export const Unprocessable = createError<[string]>('UNPROCESSABLE', '%s', 422);
export const TooManyRequests = createError<[string]>('TOO_MANY_REQUESTS', '%s', 429);

/** Zod/JSON-schema paths to one readable field name: ['teachers', 12, 'birthDate'] → teachers[12].birthDate */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

// people's sign-in (api.md "People sign in"): each its own code, so the page says which in Chinese
export const SignInFailed = createError('SIGN_IN_FAILED', 'Wrong user name or password, or the account is disabled or not activated', 401);
export const SessionEnded = createError('SESSION_ENDED', 'The session has ended (signed out, expired or the account disabled): sign in again', 401);
export const ActivationFailed = createError('ACTIVATION_FAILED', 'Unknown user name, or the activation code is wrong, spent or expired', 400);
export const CsrfRefused = createError('CSRF_REFUSED', 'A write made with the session cookie needs its CSRF token in x-csrf-token', 403);
