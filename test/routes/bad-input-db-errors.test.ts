import type { FastifyError, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../../src/plugins/errors.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * The schemas refuse bad input before SQL, so the error handler's mapping of database refusals is
 * the second line (a race, a rule only the merged row shows, a future route). Each case makes the
 * real engine (PGlite, or PostgreSQL with DATABASE_URL) raise its error and hands it to the handler:
 * a 4xx in the one body naming the field or constraint, never the row's contents.
 */
describe('every class of database refusal maps to 400/409', () => {
  let t: TestApp;
  let districtId: string;
  let teacherId: string;
  const logged: unknown[] = [];
  // the handler only logs through the request; a request id and a logger are all it reads
  const req = { id: 'req-test', log: { info: (o: unknown) => logged.push(o), error: (o: unknown) => logged.push(o) } } as unknown as FastifyRequest;
  beforeAll(async () => {
    t = await buildTestApp();
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() })).statusCode).toBe(200);
    districtId = (await t.database.db.selectFrom('districts').select('id').where('external_id', '=', 'D-CITY').executeTakeFirstOrThrow()).id;
    teacherId = (await t.database.db.selectFrom('teachers').select('id').where('external_id', '=', 'T001').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function refusal(run: () => Promise<unknown>) {
    let caught: unknown;
    try {
      await run();
    } catch (err) {
      caught = err;
    }
    expect(caught, 'the database should have refused').toBeDefined();
    const body = errorBody(caught as FastifyError, req);
    expect(body.code.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/Failing row|Key \(|惠城|教师1|secret-value/);
    return { body, sqlState: (caught as { code: string }).code };
  }
  const db = () => t.database.db;

  it('unique → 409 naming the field', async () => {
    const { body } = await refusal(() => db().insertInto('districts').values({ external_id: 'D-CITY', code: 'NEWCODE', name: '惠城' }).execute());
    expect(body).toMatchObject({ statusCode: 409, code: 'CONFLICT', details: [{ field: 'externalId', constraint: 'districts_external_id_key' }] });
  });

  it('a reference to nothing → 409; a delete of something still used → 409 on both engines (23503 or 23001)', async () => {
    const missing = await refusal(() =>
      db()
        .insertInto('schools')
        .values({
          external_id: 'S-X',
          code: 'S-X',
          name: 'x',
          district_id: '6f1c2f4e-8a9b-4c3d-9e2f-0a1b2c3d4e5f',
          stage: 'primary',
          locality: 'rural',
          approved_headcount: 1,
        } as never)
        .execute(),
    );
    expect(missing.body).toMatchObject({ statusCode: 409, code: 'CONFLICT', details: [{ field: 'districtId', constraint: 'schools_district_id_fkey' }] });
    const used = await refusal(() => db().deleteFrom('districts').where('id', '=', districtId).execute());
    expect(['23503', '23001']).toContain(used.sqlState);
    expect(used.body).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: expect.stringMatching(/still referenced/),
      details: [{ constraint: 'schools_district_id_fkey' }],
    });
  });

  it('check → 400 naming the field, also for the table-level date checks', async () => {
    const col = await refusal(() => db().updateTable('teachers').set({ weekly_hours: 99 }).where('id', '=', teacherId).execute());
    expect(col.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'weeklyHours', constraint: 'teachers_weekly_hours_check' }],
    });
    const table = await refusal(() => db().updateTable('teachers').set({ post_since: '1990-01-01' }).where('id', '=', teacherId).execute());
    expect(table.body).toMatchObject({ statusCode: 400, details: [{ field: 'postSince', constraint: 'teachers_check2' }] });
  });

  it('not-null → 400 naming the column', async () => {
    const { body } = await refusal(() =>
      db()
        .insertInto('districts')
        .values({ external_id: 'N', code: 'N', name: null } as never)
        .execute(),
    );
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'name' }] });
  });

  it('bad values: invalid text, out of range, bad dates, NUL in text and in jsonb → 400', async () => {
    for (const run of [
      () => sql`select ${'secret-value'}::uuid`.execute(db()),
      () => sql`select ${'99999999999'}::int4`.execute(db()),
      () => sql`select ${'2023-02-30'}::date`.execute(db()),
      () => sql`select ${'secret-value'}::date`.execute(db()),
      () => sql`select ${'a\u0000b'}::text`.execute(db()),
      () => sql`select ${'{"a":"\\u0000"}'}::jsonb ->> 'a'`.execute(db()),
    ]) {
      const { body, sqlState } = await refusal(run);
      expect(body.statusCode, sqlState).toBe(400);
      expect(body.code, sqlState).toBe('VALIDATION_FAILED');
    }
  });
});
