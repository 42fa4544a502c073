import { describe, expect, it } from 'vitest';
import { auth } from '../helpers.js';
import { caller, county, ownApp, plan } from '../scenario.js';

/** Issue #23, api.md "Writing safely over the network": Idempotency-Key on creating and changing POSTs. */
describe('Idempotency-Key', { timeout: 300_000 }, () => {
  it('the same POST /plans/:id/proposals with one key twice makes one proposal; the same key with another body is 422', async () => {
    const t = await ownApp();
    await county(t);
    const planId = await plan(t, 2027);
    const post = (key: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: { ...auth(), 'idempotency-key': key }, payload });

    const first = await post('retry-1', {});
    expect(first.statusCode, first.body).toBe(202);
    const again = await post('retry-1', {});
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotency-replayed']).toBe('true');
    await t.app.solveRunner.idle();
    const listed = (await caller(t)('GET', `/api/v1/plans/${planId}/proposals`)).json().items;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([first.json().id]);

    const other = await post('retry-1', { timeLimitSeconds: 5 });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ statusCode: 422, code: 'UNPROCESSABLE' });
    // a new key is a new request
    const next = await post('retry-2', {});
    expect(next.statusCode).toBe(202);
    expect(next.json().id).not.toBe(first.json().id);
    await t.app.solveRunner.idle();
    // a refused request (bad body) does not use up its key
    expect((await post('retry-3', { engine: 'nope' })).statusCode).toBe(400);
    expect((await post('retry-3', {})).statusCode).toBe(202);
    await t.app.solveRunner.idle();
  });
});
