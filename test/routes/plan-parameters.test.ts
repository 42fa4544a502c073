import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';

/**
 * Issue #18 point 6 and issue #20 point 1: a plan's parameters are checked against the one definition
 * the solver uses (solver/parameters.ts), at creation and at patch. A value or combination the solve
 * could not use is a 400 naming `parameters.<name>`, and nothing is written.
 */
describe('plan parameters: only usable values are accepted', () => {
  let t: TestApp;
  let planId: string;
  const stored = { rotationQuota: 0.2, quotaStages: ['primary', 'junior'] };
  beforeAll(async () => {
    t = await buildTestApp();
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027, name: 'p', parameters: stored } });
    expect(made.statusCode).toBe(201);
    planId = made.json().id;
  });
  afterAll(async () => t?.close());

  const rows = async () => {
    const plans = await sql<{
      n: number;
      parameters: string;
    }>`SELECT count(*)::int AS n, json_agg(parameters ORDER BY id)::text AS parameters FROM plans`.execute(t.database.db);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(t.database.db);
    return { plans: plans.rows[0], audit: audit.rows[0].n };
  };
  const fields = (body: { details?: { field: string }[] }) => [...new Set((body.details ?? []).map((d) => d.field))].sort();

  /** each: the overrides, and the fields the 400 must name */
  const BAD: [Record<string, unknown>, string[]][] = [
    // issue #18 point 6, as filed: each was 200 and every later proposal failed
    [{ rotationQuota: 2 }, ['parameters.rotationQuota']],
    [{ quotaScope: 'galaxy' }, ['parameters.quotaScope']],
    [{ rotationYears: 1.5 }, ['parameters.rotationYears']],
    [{ rotationYears: 1e9 }, ['parameters.rotationYears']],
    // issue #20 point 1: passed both API checks, failed only inside the solve
    [{ rotationQuota: 2, quotaScope: 'district' }, ['parameters.quotaScope', 'parameters.rotationQuota']],
    // stages and subjects from the vocabulary, each once; the quota applies to some stage
    [{ quotaStages: ['primary', 'mars'] }, ['parameters.quotaStages[1]']],
    [{ quotaStages: [] }, ['parameters.quotaStages']],
    [{ quotaStages: ['primary', 'primary'] }, ['parameters.quotaStages']],
    [{ shortageSubjects: ['alchemy'] }, ['parameters.shortageSubjects[0]']],
    [{ mipGap: 0.5 }, ['parameters.mipGap']],
    [{ backboneShare: -0.1 }, ['parameters.backboneShare']],
    [{ candidateSchoolsPerTeacher: 0 }, ['parameters.candidateSchoolsPerTeacher']],
    [{ longRotationMovesPost: 'yes' }, ['parameters.longRotationMovesPost']],
    // cross-field: a hard rule must cost more than every weight, filed under the parameter changed
    [{ hardPenalty: 100 }, ['parameters.hardPenalty']],
    [{ weightMove: 20000 }, ['parameters.weightMove']],
    [{ weightStability: 5000, hardPenalty: 4000 }, ['parameters.weightStability']],
  ];

  it('POST /plans: a value or combination the solver cannot use is 400 naming the field, and no plan is made', async () => {
    const before = await rows();
    for (const [parameters, named] of BAD) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2028, name: 'bad', parameters } });
      expect(res.statusCode, JSON.stringify(parameters)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(fields(res.json()), JSON.stringify(parameters)).toEqual(named);
      for (const d of res.json().details) expect(d.message, JSON.stringify(parameters)).toMatch(/\w/);
    }
    expect(await rows()).toEqual(before);
  });

  it('PATCH /plans/:id: the same values are 400 naming the field, and the stored parameters stay as they were', async () => {
    const before = await rows();
    for (const [parameters, named] of BAD) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}`, headers: auth(), payload: { name: 'renamed', parameters } });
      expect(res.statusCode, JSON.stringify(parameters)).toBe(400);
      expect(fields(res.json()), JSON.stringify(parameters)).toEqual(named);
    }
    expect(await rows()).toEqual(before);
    const plan = (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers: auth() })).json();
    expect(plan).toMatchObject({ name: 'p', parameters: stored });
  });

  it('says why: the bounds, the options, the parameter a cross-field rule compares with', async () => {
    const why = async (parameters: Record<string, unknown>) =>
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}`, headers: auth(), payload: { parameters } })).json().details[0].message as string;
    expect(await why({ rotationYears: 1e9 })).toMatch(/between 1 and 6/);
    expect(await why({ rotationYears: 1.5 })).toMatch(/whole number/);
    expect(await why({ quotaScope: 'galaxy' })).toMatch(/school, county/);
    expect(await why({ rotationQuota: 2 })).toMatch(/between 0 and 1/);
    expect(await why({ hardPenalty: 100 })).toMatch(/greater than weightStability \(200\)/);
    expect(await why({ noSuchThing: 1 })).toMatch(/unknown parameter/);
    // and the message itself names the field, not "Invalid body: 1 problem(s)"
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}`, headers: auth(), payload: { parameters: { rotationYears: 1e9 } } });
    expect(res.json().message).toBe('Invalid body: parameters.rotationYears must be between 1 and 6');
    const two = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      headers: auth(),
      payload: { parameters: { rotationQuota: 2, quotaScope: 'galaxy' } },
    });
    expect(two.json().message).toBe('Invalid body: 2 problem(s): parameters.rotationQuota, parameters.quotaScope');
  });

  it('usable values are taken as given, and take effect in effectiveParameters', async () => {
    const good = {
      rotationQuota: 0.25,
      quotaScope: 'county',
      quotaStages: ['primary', 'junior', 'senior'],
      rotationYears: 4,
      shortageSubjects: [],
      hardPenalty: 20000,
      weightStability: 15000,
      mipGap: 0,
    };
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}`, headers: auth(), payload: { parameters: good } });
    expect(res.statusCode).toBe(200);
    expect(res.json().parameters).toEqual(good);
    expect(res.json().effectiveParameters).toMatchObject({ ...good, backboneShare: 0.2 });
  });
});
