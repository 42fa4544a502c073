import { z } from 'zod';
import { IdSchema } from './common.js';

/** One change of the feed (api.md "Changes, for the systems that follow this one"). */
export const ChangeSchema = z.object({
  id: IdSchema,
  cursor: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  effectiveDate: z.string().nullable(),
  entity: z.object({ kind: z.string(), id: z.string().nullable(), externalId: z.string().nullable() }),
  version: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** On master-data lists: the change-feed cursor the list reflects (read before the list; follow GET /changes from it). */
export const AsOfCursorSchema = z.string().describe('the change-feed cursor this list reflects: follow GET /changes?after= from it');
