import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';
import { announceAndPublish } from '../scenario.js';

/**
 * Issue 9 §5: published lists and the ledger are not changed behind HR's back. A teacher or school a
 * published proposal or the ledger names cannot be deleted (409 naming the holders); the personnel
 * system marks the teacher `left` instead. The database refuses the same when the routes are bypassed.
 */
describe('deleting what a published list or the ledger names', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let integration = '';
  const call = (method: string, url: string, payload?: unknown, token?: string) =>
    t.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const propose = async (planId: string) => {
    const req = await call('POST', `/api/v1/plans/${planId}/proposals`, {});
    expect(req.statusCode).toBe(202);
    await t.app.solveRunner.idle();
    const p = (await call('GET', `/api/v1/proposals/${req.json().id}`)).json();
    expect(p.status).toBe('done');
    return p as { id: string; version: number; summary: { totalLines: number } };
  };
  const linesOf = (proposalId: string) => t.database.db.selectFrom('proposal_lines').selectAll().where('proposal_id', '=', proposalId).orderBy('id').execute();
  const recordsOf = (teacherId: string) => t.database.db.selectFrom('service_records').selectAll().where('teacher_id', '=', teacherId).orderBy('id').execute();
  const teacherBody = (externalId: string) => ({
    externalId,
    name: '新教师',
    gender: 'F',
    birthDate: '1995-03-01',
    hireDate: '2020-09-01',
    schoolId: ids.URB,
    schoolSince: '2020-09-01',
    post: 'teacher',
    postSince: '2020-09-01',
    subjects: ['math'],
    stages: ['primary'],
    title: 'second',
    education: 'bachelor',
    established: true,
    weeklyHours: 14,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    expect((await call('PUT', '/api/v1/import', tinyCounty())).statusCode).toBe(200);
    for (const s of (await call('GET', '/api/v1/schools')).json().items) ids[s.externalId] = s.id;
    for (const d of (await call('GET', '/api/v1/districts')).json().items) ids[d.externalId] = d.id;
    for (const x of (await call('GET', '/api/v1/teachers?limit=100')).json().items) ids[x.externalId] = x.id;
    integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    ids.plan = (await call('POST', '/api/v1/plans', { year: 2027, name: 'published' })).json().id;
    ids.published = (await propose(ids.plan)).id;
    expect((await announceAndPublish(t, ids.published)).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('DELETE of a teacher on the published list by the integration token is 409 naming the proposal; the list and the ledger keep them', async () => {
    const lines = await linesOf(ids.published);
    const line = lines.find((l) => l.kind === 'rotation')!;
    ids.onList = line.teacher_id;
    ids.onListTo = line.to_school_id;
    const records = await recordsOf(ids.onList);
    expect(records.length).toBeGreaterThan(0);

    const res = await call('DELETE', `/api/v1/teachers/${ids.onList}`, undefined, integration);
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.code).toBe('CONFLICT');
    const mine = lines.filter((l) => l.teacher_id === ids.onList).length;
    expect(body.message).toContain(`published proposal v1 of the 2027 plan (${mine} line${mine === 1 ? '' : 's'})`);
    expect(body.message).toContain('`left`');
    expect(body.details).toEqual([
      { holder: 'published_proposal', proposalId: ids.published, planId: ids.plan, year: 2027, version: 1, lines: mine },
      { holder: 'service_records', count: records.length },
    ]);
    // nothing changed: the list still has every line its summary counts, the ledger every record
    expect((await linesOf(ids.published)).map((l) => l.id)).toEqual(lines.map((l) => l.id));
    expect((await call('GET', `/api/v1/proposals/${ids.published}`)).json().summary.totalLines).toBe(lines.length);
    expect(await recordsOf(ids.onList)).toEqual(records);
    expect((await call('GET', `/api/v1/teachers/${ids.onList}`)).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'delete').where('object_id', '=', ids.onList).execute();
    expect(audit).toEqual([]);
  });

  it('a teacher with ledger records but on no list is 409 too; one with no history is deleted', async () => {
    const listed = new Set((await linesOf(ids.published)).map((l) => l.teacher_id));
    ids.ledgerOnly = ['T004', 'T005', 'T006', 'T007', 'T008', 'T009', 'T010', 'T011', 'T012'].map((e) => ids[e]).find((id) => !listed.has(id))!;
    expect(ids.ledgerOnly).toBeDefined();
    expect(
      (await call('POST', `/api/v1/teachers/${ids.ledgerOnly}/service-records`, { schoolId: ids['JH-V'], from: '2009-09-01', to: '2011-08-31' })).statusCode,
    ).toBe(201);
    const res = await call('DELETE', `/api/v1/teachers/${ids.ledgerOnly}`, undefined, integration);
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toEqual([{ holder: 'service_records', count: 1 }]);
    expect(res.json().message).toMatch(/1 service record in the ledger.*`left`/);
    expect(await recordsOf(ids.ledgerOnly)).toHaveLength(1);

    const made = await call('POST', '/api/v1/teachers', teacherBody('NEW-1'));
    expect(made.statusCode).toBe(201);
    expect((await call('DELETE', `/api/v1/teachers/${made.json().id}`, undefined, integration)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/teachers/${made.json().id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/teachers/${made.json().id}`, undefined, integration)).statusCode).toBe(404);
  });

  it('a school the ledger or a list names, and a district with schools, are 409; empty ones are deleted', async () => {
    const listed = await call('DELETE', `/api/v1/schools/${ids.onListTo}`, undefined, integration);
    expect(listed.statusCode).toBe(409);
    const holders = listed.json().details.map((d: { holder: string }) => d.holder);
    expect(holders).toEqual(['published_proposal', 'service_records', 'teachers']);

    // a school only the ledger names: a record of service there, nobody teaching there now
    const old = await call('POST', '/api/v1/schools', {
      externalId: 'OLD',
      code: 'OLD',
      name: '撤并村小',
      districtId: ids['D-JH'],
      stage: 'primary',
      locality: 'rural',
      approvedHeadcount: 0,
      location: null,
      needs: [],
    });
    expect(old.statusCode).toBe(201);
    ids.OLD = old.json().id;
    expect((await call('POST', `/api/v1/teachers/${ids.T020}/service-records`, { schoolId: ids.OLD, from: '2010-09-01', to: '2015-08-31' })).statusCode).toBe(
      201,
    );
    const res = await call('DELETE', `/api/v1/schools/${ids.OLD}`, undefined, integration);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', details: [{ holder: 'service_records', count: 1 }] });
    expect(res.json().message).toContain('School OLD (撤并村小) cannot be deleted');

    const district = await call('DELETE', `/api/v1/districts/${ids['D-JH']}`, undefined, integration);
    expect(district.statusCode).toBe(409);
    expect(district.json().details).toEqual([
      { holder: 'schools', count: 3, sample: expect.arrayContaining([expect.objectContaining({ id: ids.OLD, externalId: 'OLD' })]) },
    ]);

    const d = (await call('POST', '/api/v1/districts', { externalId: 'D-NEW', code: 'D-NEW', name: '新学区' })).json();
    const s = (
      await call('POST', '/api/v1/schools', {
        externalId: 'EMPTY',
        code: 'EMPTY',
        name: '新建小学',
        districtId: d.id,
        stage: 'primary',
        locality: 'rural',
        approvedHeadcount: 0,
        location: null,
        needs: [],
      })
    ).json();
    expect((await call('DELETE', `/api/v1/districts/${d.id}`, undefined, integration)).json().details[0]).toMatchObject({ holder: 'schools', count: 1 });
    expect((await call('DELETE', `/api/v1/schools/${s.id}`, undefined, integration)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/districts/${d.id}`, undefined, integration)).statusCode).toBe(204);
  });

  it('bypassing the routes, the database itself refuses to change a published proposal, its lines or the ledger', async () => {
    const db = t.database.db;
    const count = async () => {
      const r = await sql<{ lines: number; records: number; teachers: number; schools: number }>`
        SELECT (SELECT count(*)::int FROM proposal_lines WHERE proposal_id = ${ids.published}) AS lines,
               (SELECT count(*)::int FROM service_records) AS records,
               (SELECT count(*)::int FROM teachers) AS teachers,
               (SELECT count(*)::int FROM schools) AS schools`.execute(db);
      return r.rows[0];
    };
    const before = await count();
    const proposal = await db.selectFrom('proposals').selectAll().where('id', '=', ids.published).executeTakeFirstOrThrow();
    const line = (await linesOf(ids.published))[0];
    await expect(db.updateTable('proposal_lines').set({ explanation: 'edited' }).where('proposal_id', '=', ids.published).execute()).rejects.toThrow(
      /published: its lines cannot be changed/,
    );
    await expect(db.deleteFrom('proposal_lines').where('id', '=', line.id).execute()).rejects.toThrow(/published: its lines cannot be deleted/);
    const { id: _id, ...copy } = line;
    await expect(
      db
        .insertInto('proposal_lines')
        .values({ ...copy, teacher_id: ids.ledgerOnly })
        .execute(),
    ).rejects.toThrow(/published: no line can be added/);
    await expect(
      db
        .updateTable('proposals')
        .set({ summary: JSON.stringify({ totalLines: 0 }) })
        .where('id', '=', ids.published)
        .execute(),
    ).rejects.toThrow(/published: it cannot change/);
    await expect(db.updateTable('proposals').set({ status: 'done' }).where('id', '=', ids.published).execute()).rejects.toThrow(/published: it cannot change/);
    await expect(db.deleteFrom('proposals').where('id', '=', ids.published).execute()).rejects.toThrow(/published: it cannot be deleted/);
    await expect(
      db
        .updateTable('plans')
        .set({ parameters: JSON.stringify({ rotationYears: 1 }) })
        .where('id', '=', ids.plan)
        .execute(),
    ).rejects.toThrow(/published: its year, parameters and status/);
    await expect(db.deleteFrom('plans').where('id', '=', ids.plan).execute()).rejects.toThrow(/published: it cannot be deleted/);
    // the foreign keys would cascade from the teacher or school to the lines: the trigger refuses the cascade
    await expect(db.deleteFrom('teachers').where('id', '=', ids.onList).execute()).rejects.toThrow(/published: its lines cannot be deleted/);
    await expect(db.deleteFrom('schools').where('id', '=', ids.onListTo).execute()).rejects.toThrow();
    // the ledger: a teacher with records is kept (ON DELETE RESTRICT, no longer CASCADE)
    await expect(db.deleteFrom('teachers').where('id', '=', ids.ledgerOnly).execute()).rejects.toThrow(/service_records_teacher_id_fkey/);
    await expect(db.deleteFrom('schools').where('id', '=', ids.OLD).execute()).rejects.toThrow(/service_records_school_id_fkey/);
    // a refused delete is a 23503 like a RESTRICT key, so a delete racing a publish still answers 409
    const err = await db
      .deleteFrom('proposal_lines')
      .where('id', '=', line.id)
      .execute()
      .catch((e: unknown) => e as { code?: string });
    expect(err).toMatchObject({ code: '23503' });
    // an update that changes nothing is let through; the name of a published plan may still change
    await db.updateTable('proposals').set({ status: 'published' }).where('id', '=', ids.published).execute();
    await db.updateTable('plans').set({ name: '2027 final' }).where('id', '=', ids.plan).execute();

    expect(await count()).toEqual(before);
    expect(await db.selectFrom('proposals').selectAll().where('id', '=', ids.published).executeTakeFirstOrThrow()).toEqual(proposal);
  });

  it('marked `left`, a teacher drops out of the next proposal; on a draft that may still be published they are 409 until its plan closes', async () => {
    ids.plan2 = (await call('POST', '/api/v1/plans', { year: 2028, name: 'next' })).json().id;
    const v1 = await propose(ids.plan2);
    const lines1 = await linesOf(v1.id);
    const x = lines1.find((l) => l.kind === 'rotation')!.teacher_id;
    // the draft is what principals review and HR may publish: deleting X would change it behind their back
    const held = await call('DELETE', `/api/v1/teachers/${x}`, undefined, integration);
    expect(held.statusCode).toBe(409);
    const mine = lines1.filter((l) => l.teacher_id === x).length;
    expect(held.json().details).toContainEqual({
      holder: 'draft_proposal',
      proposalId: v1.id,
      planId: ids.plan2,
      year: 2028,
      version: 1,
      status: 'done',
      lines: mine,
    });
    expect(held.json().message).toContain(`proposal v1 of the 2028 plan, done and not yet published (${mine} line${mine === 1 ? '' : 's'})`);
    expect((await linesOf(v1.id)).length).toBe(v1.summary.totalLines);

    const left = await call('PATCH', `/api/v1/teachers/${x}`, { status: 'left' }, integration);
    expect(left.statusCode).toBe(200);
    expect(left.json().status).toBe('left');
    // a teacher with no history at all, on the next draft: a new hire, pinned there by HR (which line
    // the solver would pick among equally good ones follows id order, which differs from run to run)
    const county = tinyCounty();
    const newHire = {
      ...county.teachers[0],
      externalId: 'NEW-HIRE',
      name: '新教师',
      hireDate: '2027-08-20',
      schoolSince: '2027-08-20',
      postSince: '2027-08-20',
      serviceRecords: [],
    };
    expect((await call('PUT', '/api/v1/import', { teachers: [newHire] }, integration)).statusCode).toBe(200);
    const y = (await call('GET', '/api/v1/teachers?q=NEW-HIRE')).json().items[0].id as string;
    expect(await recordsOf(y)).toEqual([]);
    expect((await call('PUT', `/api/v1/plans/${ids.plan2}/pins`, { pin: [{ teacherId: y, toSchoolId: ids['JH-V'], kind: 'rotation' }] })).statusCode).toBe(200);
    const v2 = await propose(ids.plan2);
    const lines2 = await linesOf(v2.id);
    expect(lines2.length).toBeGreaterThan(0);
    expect(lines2.some((l) => l.teacher_id === x)).toBe(false);
    expect((await linesOf(v1.id)).some((l) => l.teacher_id === x)).toBe(true);

    // once the plan is archived its drafts can no longer be published: their lines go with the teacher
    expect(lines2.some((l) => l.teacher_id === y)).toBe(true);
    expect((await call('DELETE', `/api/v1/teachers/${y}`, undefined, integration)).json().details).toEqual(
      expect.arrayContaining([expect.objectContaining({ holder: 'draft_proposal', proposalId: v2.id })]),
    );
    expect((await call('PATCH', `/api/v1/plans/${ids.plan2}`, { status: 'archived' })).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/teachers/${y}`, undefined, integration)).statusCode).toBe(204);
    expect((await linesOf(v2.id)).some((l) => l.teacher_id === y)).toBe(false);
    expect((await linesOf(v2.id)).length).toBe(lines2.length - lines2.filter((l) => l.teacher_id === y).length);
    // and that draft, which lost a line, can never be published as the year's result
    const refused = await call('POST', `/api/v1/proposals/${v2.id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/archived/);

    // and by direct SQL an unpublished proposal's lines are still written and deleted as before
    const db = t.database.db;
    await db.updateTable('proposal_lines').set({ explanation: 'edited' }).where('proposal_id', '=', v1.id).execute();
    const gone = await db.deleteFrom('proposal_lines').where('proposal_id', '=', v1.id).executeTakeFirst();
    expect(Number(gone.numDeletedRows)).toBeGreaterThan(0);
  });
});
