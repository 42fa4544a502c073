import { z } from 'zod';

/**
 * Every text the service takes, in a body, a filter or a cursor, goes through `text()`: trimmed,
 * bounded, no control characters (free text keeps \n and \t), and well-formed Unicode. PostgreSQL
 * refuses NUL (a 500 before this), and a lone UTF-16 surrogate would be stored as U+FFFD, so the
 * same body re-imported would differ from what is stored every time.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters and refuse them
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, keeping \n and \t for free text
const CONTROL_CHARS_BUT_NL_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** with the u flag a lone surrogate is one code point of category Cs; a well-formed pair is not */
const LONE_SURROGATE = /\p{Cs}/u;
export function isCleanText(s: string, multiline = false): boolean {
  return !(multiline ? CONTROL_CHARS_BUT_NL_TAB : CONTROL_CHARS).test(s) && !LONE_SURROGATE.test(s);
}
export interface TextOptions {
  /** fewest characters after trimming (default 1) */
  min?: number;
  /** free text: \n and \t allowed (a comment, a note); otherwise one line */
  multiline?: boolean;
}
export function text(max: number, opts: TextOptions = {}) {
  const multiline = opts.multiline ?? false;
  // the characters are checked before trimming: a trailing control character (\v, \f, \r …) is
  // refused, not silently cut off and the rest stored
  return z
    .string()
    .refine((s) => !(multiline ? CONTROL_CHARS_BUT_NL_TAB : CONTROL_CHARS).test(s), {
      message: multiline ? 'must not contain control characters other than newline and tab' : 'must not contain control characters',
    })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must be well-formed Unicode (a lone UTF-16 surrogate is not a character)' })
    .trim()
    .min(opts.min ?? 1)
    .max(max);
}

/** Shared pieces of request/response shapes. */
export const IdSchema = z.uuid({ error: 'must be a UUID' });
export const IdParamsSchema = z.object({ id: IdSchema });
/**
 * A calendar date, YYYY-MM-DD, checked to exist (no 2023-02-30) and within years the service can
 * mean: PostgreSQL has no year 0, and no teacher was born before 1900.
 */
export const DateSchema = z.iso
  .date({ error: 'must be a date YYYY-MM-DD' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { message: 'must be between 1900-01-01 and 2999-12-31' });
export const ExternalIdSchema = text(100);

export const ErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** Every error status a route may answer, so each route declares them in its OpenAPI. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  422: ErrorSchema,
  500: ErrorSchema,
  // the database connection was lost or could not be opened (issue #18): try again after Retry-After
  503: ErrorSchema,
} as const;

/** the deepest a list may be paged by offset: beyond it a client should filter */
export const MAX_OFFSET = 1_000_000;
/**
 * A list's cursor, as src/db/paging.ts makes it: base64url of {"k": the last key} (lists keyed by
 * externalId or id) or {"p": the next position} (the other lists). The key is checked as text here,
 * so that no NUL or lone surrogate smuggled inside a cursor reaches SQL.
 */
export const CursorSchema = text(200).refine(
  (c) => {
    if (!/^[A-Za-z0-9_-]+$/.test(c)) return false;
    try {
      const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { k?: unknown; p?: unknown };
      if (typeof v === 'object' && v !== null && typeof v.p === 'number') return Number.isSafeInteger(v.p) && v.p >= 0 && v.p <= MAX_OFFSET;
      return typeof v === 'object' && v !== null && typeof v.k === 'string' && v.k.length <= 100 && isCleanText(v.k);
    } catch {
      return false;
    }
  },
  { message: 'not a cursor this service made' },
);

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: CursorSchema.optional(),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A date range whose end, when given, is not before its start. */
export function endNotBeforeStart<T extends { from: string; to?: string | null }>(v: T, ctx: z.core.$RefinementCtx<T>) {
  if (v.to != null && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}
