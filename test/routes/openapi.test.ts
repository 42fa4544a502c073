import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers.js';

/** The OpenAPI document is the integrators' contract: every answer has a real shape. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  type Schema = { type?: string; properties?: Record<string, unknown>; additionalProperties?: unknown };
  type Op = { summary?: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
  let ops: [string, Op][] = [];
  beforeAll(async () => {
    t = await buildTestApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Op>> };
    ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]): [string, Op] => [`${m.toUpperCase()} ${path}`, op]));
  });
  afterAll(async () => t?.close());

  it('no JSON answer of the API is a free-form record (compliance and diff included)', () => {
    const loose: string[] = [];
    for (const [name, op] of ops) {
      if (!name.includes('/api/v1/')) continue;
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      if (schema?.type === 'object' && !schema.properties) loose.push(name);
    }
    expect(loose).toEqual([]);
    expect(ops.some(([name]) => name === 'GET /api/v1/proposals/{id}/compliance')).toBe(true);
  });

  it('every operation has a summary', () => {
    const without = ops.filter(([, op]) => !op.summary?.trim()).map(([name]) => name);
    expect(without).toEqual([]);
    expect(ops.length).toBeGreaterThan(30);
  });
});
