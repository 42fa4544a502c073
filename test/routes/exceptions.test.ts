import { describe, expect, it } from 'vitest';
import { anImportTeacher } from '../builders.js';
import { announceAndPublish, caller, county, DUE, ownApp, plan, proposed, principalOf, TINY_SPEC } from '../scenario.js';

/**
 * Exceptions on record (Q12, issue 11): a teacher a hard rule names who cannot be moved is listed
 * with the reason; HR gives its own reason (audited) before the proposal is published.
 */
describe('GET/PUT /proposals/:id/exceptions', () => {
  it('an exempt leader past 12 years is listed under H4 with no reason; HR gives one (audited); 404 and 409 where due', async () => {
    const t = await ownApp();
    const call = caller(t);
    const extra: string[] = [];
    const c = await county(t, {
      ...TINY_SPEC,
      extra: ({ sending }) => {
        const vp = anImportTeacher(sending, {
          ...DUE,
          post: 'vice_principal',
          postSince: '2012-09-01',
          exemptions: [{ reason: 'illness', from: '2026-03-01', to: null, note: null }],
        });
        extra.push(vp.externalId);
        return { teachers: [vp] };
      },
    });
    const vp = c.ids[extra[0]];
    const planId = await plan(t);
    const p = await proposed(t, planId);

    const compliance = (await call('GET', `/api/v1/proposals/${p.id}/compliance`)).json();
    expect(compliance.exceptions).toEqual([expect.objectContaining({ rule: 'H4', ruleId: 'R08', teacherId: vp, schoolId: c.sending, reason: 'exempt' })]);

    const list = await call('GET', `/api/v1/proposals/${p.id}/exceptions`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ teacherId: vp, rule: 'H4', reason: 'exempt', hrReason: null }], nextCursor: null });
    expect(list.json().items[0].teacherName).toEqual(expect.any(String));

    // not among the exceptions: another rule, another teacher, an unknown proposal
    expect((await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${vp}`, { rule: 'H6', reason: '病休' })).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${c.eligible[0]}`, { rule: 'H4', reason: '病休' })).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/proposals/00000000-0000-4000-8000-000000000000/exceptions/${vp}`, { rule: 'H4', reason: 'x' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/proposals/00000000-0000-4000-8000-000000000000/exceptions')).statusCode).toBe(404);
    // HR only; a reason is text
    const principal = await principalOf(t, c.sending);
    expect((await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${vp}`, { rule: 'H4', reason: '病休' }, principal)).statusCode).toBe(403);
    expect((await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${vp}`, { rule: 'H4', reason: 'x'.repeat(501) })).statusCode).toBe(400);

    const given = await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${vp}`, { rule: 'H4', reason: '患病，经局务会研究暂缓交流' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ teacherId: vp, rule: 'H4', text: '患病，经局务会研究暂缓交流' });
    const after = (await call('GET', `/api/v1/proposals/${p.id}/exceptions`)).json();
    expect(after.items[0].hrReason).toMatchObject({ text: '患病，经局务会研究暂缓交流' });
    const audit = (await call('GET', `/api/v1/audit?objectType=proposal&limit=100`)).json().items as { action: string; detail: { teacherId?: string } }[];
    expect(audit.some((a) => a.action === 'exception_reason' && a.detail.teacherId === vp)).toBe(true);

    // the reason is given before publishing
    expect((await announceAndPublish(t, p.id)).statusCode).toBe(200);
    expect((await call('PUT', `/api/v1/proposals/${p.id}/exceptions/${vp}`, { rule: 'H4', reason: '改' })).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/proposals/${p.id}/exceptions`)).json().items[0].hrReason.text).toBe('患病，经局务会研究暂缓交流');
  });
});
