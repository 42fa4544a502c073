import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Forbidden, ImportInvalid, withDetails } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/common.js';
import { ImportBodySchema, ImportResultSchema } from '../../schemas/master-data.js';
import { ImportTooLarge, importRoster, type ImportLimits } from '../../services/import.js';

/** Largest single row (or other top-level value) of an import body; a teacher with 100 service records is about 15 KB. */
export const MAX_ROW_CHARS = 64 * 1024;
/** top-level fields of an import body (three are used; the rest are ignored) */
const MAX_TOP_LEVEL_FIELDS = 64;
/** characters scanned between two yields to the event loop */
const SCAN_SLICE = 1 << 20;

type JsonParse = (text: string) => unknown;

/**
 * Parses an import body in bounded, yielding steps. One JSON.parse of a 64 MiB body blocks the
 * service: `{"teachers":[{},{},…]}` took 23 s and 2 GB. So the body is scanned in slices, each row
 * of each top-level list is parsed on its own (at most MAX_ROW_CHARS), and the row limits are
 * checked while scanning: the 50,001st teacher ends the request with a 413 before any row is checked.
 * What stays between the rows (keys, commas) is parsed once as a skeleton whose rows are indexes.
 */
export async function parseImportBody(text: string, limits: ImportLimits, parse: JsonParse): Promise<unknown> {
  if (text.length <= MAX_ROW_CHARS) return parse(text);
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== '{') throw withDetails(new ImportInvalid(1), [{ field: 'body', message: 'must be an object {districts, schools, teachers}' }]);

  const rows: unknown[] = [];
  const skeleton: string[] = [];
  let copyFrom = 0;
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastKey = '';
  let rowArray: string | null = null; // the key of the top-level list being scanned
  let rowStart = -1;
  let otherStart = -1; // a top-level object value: kept whole, so bounded like a row
  let teachers = 0;
  let others = 0;
  let fields = 1;
  let nextYield = SCAN_SLICE;

  const endRow = (end: number) => {
    if (rowStart < 0) return;
    let last = end;
    while (last > rowStart && /\s/.test(text[last - 1]!)) last--;
    if (last - rowStart > MAX_ROW_CHARS)
      throw new ImportTooLarge(
        `Row ${rows.length} of ${rowArray} is ${(last - rowStart).toLocaleString('en-US')} characters; one row may have at most ${MAX_ROW_CHARS.toLocaleString('en-US')}`,
      );
    if (rowArray === 'teachers') {
      if (++teachers > limits.maxTeachers)
        throw new ImportTooLarge(
          `The import carries more than ${limits.maxTeachers.toLocaleString('en-US')} teachers, the most one import takes (ROTATION_IMPORT_MAX_TEACHERS); nothing was written`,
        );
    } else if (++others > limits.maxSchools) {
      throw new ImportTooLarge(
        `The import carries more than ${limits.maxSchools.toLocaleString('en-US')} districts and schools, the most one import takes (ROTATION_IMPORT_MAX_SCHOOLS); nothing was written`,
      );
    }
    rows.push(parse(text.slice(rowStart, last)));
    skeleton.push(text.slice(copyFrom, rowStart), String(rows.length - 1));
    copyFrom = end;
    rowStart = -1;
  };

  for (; i < text.length; i++) {
    if (i >= nextYield) {
      nextYield = i + SCAN_SLICE;
      await yieldToEventLoop();
    }
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        // a string at depth 1 just before a value is its key (a long one is no key of ours)
        if (depth === 1 && i - stringStart < 64) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      stringStart = i;
      if (rowArray !== null && depth === 2 && rowStart < 0) rowStart = i;
    } else if (c === 123 || c === 91) {
      if (depth === 1) {
        if (c === 91) {
          rowArray = lastKey;
          skeleton.push(text.slice(copyFrom, i + 1));
          copyFrom = i + 1;
        } else otherStart = i;
      } else if (depth === 2 && rowArray !== null && rowStart < 0) rowStart = i;
      depth++;
    } else if (c === 125 || c === 93) {
      if (depth === 2 && rowArray !== null) {
        endRow(i);
        rowArray = null;
      } else if (depth === 2 && otherStart >= 0) {
        if (i - otherStart > MAX_ROW_CHARS)
          throw new ImportTooLarge(`The value of ${lastKey} is larger than ${MAX_ROW_CHARS.toLocaleString('en-US')} characters`);
        otherStart = -1;
      }
      depth--;
    } else if (c === 44 && depth === 2 && rowArray !== null) endRow(i);
    else if (c === 44 && depth === 1 && ++fields > MAX_TOP_LEVEL_FIELDS) {
      // the skeleton stays small: {"a":0,"b":0,…} of 64 MiB would be one huge object parsed at once
      throw new ImportTooLarge(`The import body has more than ${MAX_TOP_LEVEL_FIELDS} top-level fields; it needs three: districts, schools, teachers`);
    } else if (depth === 2 && rowArray !== null && rowStart < 0 && c !== 32 && c !== 10 && c !== 13 && c !== 9) rowStart = i;
  }
  skeleton.push(text.slice(copyFrom));
  const body = parse(skeleton.join(''));
  // the skeleton's lists hold row indexes: put the rows back
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) {
      if (Array.isArray(value)) (body as Record<string, unknown>)[key] = value.map((n) => rows[n as number]);
    }
  }
  return body;
}

const ImportQuerySchema = z.object({
  acceptPersonnelPlacement: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'hr only: where a published plan wrote the placement and the personnel system disagrees, take the personnel version (a regular record from today, audited)',
    ),
});

/** PUT /import — the personnel system pushes its whole roster in one request. */
export type ImportOptions = { bodyLimit: number } & ImportLimits;

const importRoute: FastifyPluginAsyncZod<ImportOptions> = async (app, opts) => {
  const limits: ImportLimits = { maxTeachers: opts.maxTeachers, maxSchools: opts.maxSchools };
  // fastify's own JSON parser (prototype-poisoning checks included), applied row by row; this plugin's routes only
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  const parse =
    (req: FastifyRequest) =>
    (text: string): unknown => {
      let out: unknown;
      jsonParser(req, text, (err, value) => {
        if (err) throw err;
        out = value;
      });
      return out;
    };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: opts.bodyLimit }, async (req: FastifyRequest, body: string | Buffer) =>
    parseImportBody(typeof body === 'string' ? body : body.toString('utf8'), limits, parse(req)),
  );

  app.put(
    '/import',
    {
      bodyLimit: opts.bodyLimit,
      // the schema documents the body; the service validates it row by row so that one 400 lists the bad rows
      validatorCompiler: (route) =>
        route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : zodValidatorCompiler(route as unknown as Parameters<typeof zodValidatorCompiler>[0]),
      schema: {
        tags: ['master data'],
        summary: 'Import the whole roster from the personnel system (人事系统)',
        description:
          'Idempotent bulk upsert keyed by externalId; all or nothing; bad rows reported in one 400 (the first 1,000 problems listed, the message gives the total). At most ROTATION_IMPORT_MAX_TEACHERS teachers (default 50,000) and ROTATION_IMPORT_MAX_SCHOOLS districts plus schools (default 10,000) per request, each row at most 64 KiB of JSON: past them a 413.',
        querystring: ImportQuerySchema,
        body: ImportBodySchema,
        response: { 200: ImportResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const accept = req.query.acceptPersonnelPlacement === 'true';
      // accepting the personnel system's placement over a published plan's is HR's decision alone (docs/import-conflicts.md)
      if (accept && req.caller.role !== 'hr') throw new Forbidden('Only hr may accept the personnel placement over the ledger (acceptPersonnelPlacement)');
      return importRoster(app.db, req.body, actorOf(req), limits, { today: app.today(), acceptPersonnelPlacement: accept });
    },
  );
};
export default importRoute;
