import { describe, expect, it, onTestFinished } from 'vitest';
import { getProposalSnapshot } from '../../src/db/proposals.js';
import { requestProposal } from '../../src/services/plans.js';
import { SolveJob } from '../../src/services/solve-job.js';
import { buildFreshTestApp } from '../helpers.js';
import { caller, county, plan, requiredRotations, TINY_SPEC } from '../scenario.js';

/**
 * Issue #20 point 1: a proposal solves (and publishes) with the parameters frozen on it when it was
 * requested. A PATCH of the plan between the request and the solve changes the next proposal only.
 */
describe('parameters frozen on the proposal', () => {
  it('a solve that starts after the plan changed uses the parameters of its request', { timeout: 300_000 }, async () => {
    // the service takes no solves here (on PostgreSQL; the embedded queue only solves what it is given):
    // the proposal is requested through the use case, then solved by the real job once the plan has changed
    const t = await buildFreshTestApp({ ROTATION_SOLVE_IN_SERVICE: 'false' });
    onTestFinished(() => t.close());
    const call = caller(t);
    await county(t, TINY_SPEC);
    const planId = await plan(t, 2027, { parameters: { rotationQuota: 0.2 } });
    const hr = { tokenId: null, label: 'HR' };
    const requested = await requestProposal(t.app.db, planId, { engine: 'highs' }, hr);
    expect(requested.parameters).toMatchObject({ rotationQuota: 0.2, backboneShare: 0.2 });

    // before the solve runs, HR raises the quota
    const patched = await call('PATCH', `/api/v1/plans/${planId}`, { parameters: { rotationQuota: 0.3 } });
    expect(patched.statusCode).toBe(200);
    const solve = (id: string) => new SolveJob(id, { db: t.app.db, log: t.app.log, runner: 'frozen-parameters-test' }).run();
    await solve(requested.id);

    const done = (await call('GET', `/api/v1/proposals/${requested.id}`)).json();
    expect(done.status).toBe('done');
    expect(done.parameters.rotationQuota).toBe(0.2);
    // what the solver was given, kept with the proposal (npm run replay), is the request's copy
    const snapshot = await getProposalSnapshot(t.app.db, requested.id);
    expect(snapshot?.parameters).toMatchObject({ rotationQuota: 0.2 });
    // and what it solved: R01's required count at 20 %, not 30 %
    const { eligible } = TINY_SPEC.sending;
    expect(requiredRotations(eligible, 0.2)).not.toBe(requiredRotations(eligible, 0.3));
    const quota = (await call('GET', `/api/v1/proposals/${requested.id}/compliance`)).json().schools as { required: number }[];
    expect(quota.map((s) => s.required)).toContain(requiredRotations(eligible, 0.2));
    expect(quota.map((s) => s.required)).not.toContain(requiredRotations(eligible, 0.3));

    // the next proposal takes the plan as it is now
    const next = await requestProposal(t.app.db, planId, { engine: 'highs' }, hr);
    await solve(next.id);
    expect((await getProposalSnapshot(t.app.db, next.id))?.parameters).toMatchObject({ rotationQuota: 0.3 });
    const nextQuota = (await call('GET', `/api/v1/proposals/${next.id}/compliance`)).json().schools as { required: number }[];
    expect(nextQuota.map((s) => s.required)).toContain(requiredRotations(eligible, 0.3));
  });
});
