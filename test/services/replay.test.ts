import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadSnapshot, proposalSnapshot, replayProposal } from '../../src/services/snapshot.js';
import { anImportTeacher } from '../builders.js';
import { DUE, announceAndPublish, caller, county, linesOf, ownApp, plan, principalOf, proposed } from '../scenario.js';

/**
 * issue #11 part 6, reproducible proposals: each proposal keeps the solver input it started from
 * (compressed), with its parameters and engine version. After a publish and a changed roster, an
 * older proposal solved again from its snapshot gives the same lines; a changed line is noticed.
 */
describe('reproducible proposals', () => {
  it('publish, change the roster, replay the older proposal: identical lines; a tampered line is not', async () => {
    const t = await ownApp();
    const call = caller(t);
    const c = await county(t);
    const planId = await plan(t, 2027);
    const v1 = await proposed(t, planId);
    const v2 = await proposed(t, planId, { timeLimitSeconds: 30 });
    expect((await announceAndPublish(t, v2.id)).statusCode).toBe(200);

    // the roster moves on: two more teachers at the sending school, one teacher's dates changed
    const more = [anImportTeacher(c.ext.sending, { ...DUE }), anImportTeacher(c.ext.sending, { ...DUE, backbone: 'county' })];
    const imported = await call('PUT', '/api/v1/import', { districts: [], schools: [], teachers: more });
    expect(imported.statusCode, imported.body).toBe(200);
    // what a solve would read today is not what v1 was solved from: more teachers, and the published records
    const stored = (await proposalSnapshot(t.database.db, v1.id))!.input;
    const today = await loadSnapshot(t.database.db, { id: planId, year: 2027, parameters: stored.parameters as Record<string, unknown> });
    expect(today.teachers).toHaveLength(stored.teachers.length + more.length);
    expect(today.teachers.flatMap((x) => x.serviceRecords).filter((r) => r.from === '2027-09-01').length).toBeGreaterThan(0);
    expect(stored.teachers.flatMap((x) => x.serviceRecords).filter((r) => r.from === '2027-09-01')).toHaveLength(0);

    const before = await linesOf(t, v1.id);
    expect(before.length).toBeGreaterThan(0);
    const replay = await replayProposal(t.database.db, v1.id);
    expect(replay).toMatchObject({ identical: true, stored: before.length, replayed: before.length, onlyStored: [], onlyReplayed: [] });
    expect(replay.engineVersion.stored).toMatch(/^lungang@\S+ highs@\d+\.\d+\.\d+$/);
    // the published one too
    expect((await replayProposal(t.database.db, v2.id)).identical).toBe(true);

    // a stored line that differs from what its input gives is reported (v1 is not published, so its lines may change)
    await sql`UPDATE proposal_lines SET reasons = ARRAY['TAMPERED'] WHERE id = ${before[0].id}`.execute(t.database.db);
    const tampered = await replayProposal(t.database.db, v1.id);
    expect(tampered.identical).toBe(false);
    expect(tampered.onlyStored).toHaveLength(1);
    expect(tampered.onlyStored[0]).toContain('TAMPERED');
  });

  it('GET /proposals/:id/snapshot: hr gets the input, parameters and engine version; others 403; none yet 404', async () => {
    const t = await ownApp();
    const call = caller(t);
    const c = await county(t);
    const planId = await plan(t, 2027, { parameters: { rotationQuota: 0.2 } });
    const p = await proposed(t, planId);
    const res = await call('GET', `/api/v1/proposals/${p.id}/snapshot`);
    expect(res.statusCode, res.body).toBe(200);
    const snap = res.json();
    expect(snap.engineVersion).toMatch(/^lungang@\S+ highs@/);
    expect(snap.parameters).toMatchObject({ rotationQuota: 0.2 });
    expect(snap.input.year).toBe(2027);
    expect(snap.input.teachers.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(c.eligible));
    expect(snap.input.schools).toHaveLength(1 + c.receiving.length);

    const integration = (await call('POST', '/api/v1/tokens', { role: 'integration', label: '人事系统' })).json().token;
    expect((await call('GET', `/api/v1/proposals/${p.id}/snapshot`, undefined, integration)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/proposals/${p.id}/snapshot`, undefined, await principalOf(t, c.sending))).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/proposals/00000000-0000-4000-8000-000000000000/snapshot')).statusCode).toBe(404);
  });
});
