import { z } from 'zod';

/** Shared pieces of request/response shapes. */
export const IdSchema = z.uuid({ error: 'must be a UUID' });
export const IdParamsSchema = z.object({ id: IdSchema });
/** A calendar date, YYYY-MM-DD, checked to exist (no 2023-02-30). */
export const DateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
export const ExternalIdSchema = z.string().trim().min(1).max(100);

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
} as const;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A date range whose end, when given, is not before its start. */
export function endNotBeforeStart<T extends { from: string; to?: string | null }>(v: T, ctx: z.core.$RefinementCtx<T>) {
  if (v.to != null && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}
