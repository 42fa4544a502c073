import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';

/**
 * GET /proposals/:id/lines no longer reads the proposal's row before its lines (every principal's read
 * parsed the whole compliance report, issue #18 point 3): it looks the proposal up only when the page is
 * empty or the request is refused. An unknown proposal must stay 404 (a guard of that change: it passes before it too).
 */
describe('the lines of an unknown proposal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('are 404, whatever the page asked', async () => {
    for (const query of ['', '?limit=5&sort=name', '?offset=3']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${randomUUID()}/lines${query}`, headers: auth() });
      expect(res.statusCode, query).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });
});
