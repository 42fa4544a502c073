import { describe, expect, it, onTestFinished } from 'vitest';
import { buildFreshTestApp, type TestApp } from '../helpers.js';
import { caller, county, type Line, linesOf, plan, principalOf, proposed } from '../scenario.js';

/**
 * Issue #19, the 公示 loop closed: an upheld objection changes the list before it becomes final. While
 * a line whose objection was upheld is still in the version, publish is 409 naming it; HR withdraws,
 * requests a corrected version (the upheld move excluded) and announces it as a 补充公示: the changed
 * lines get their own period, the unchanged ones keep the period they already ran. Counts per side.
 */

/** Wednesday 12 May 2027, 10:00 in China: the five working days from tomorrow end on Wednesday 19 May. */
const WEDNESDAY = new Date('2027-05-12T02:00:00Z');

async function appAt(now: Date): Promise<TestApp> {
  const t = await buildFreshTestApp({}, { now: () => now });
  onTestFinished(() => t.close());
  return t;
}
const setToday = (t: TestApp, day: string) => {
  t.clock.offsetMs += Date.parse(`${day}T12:00:00+08:00`) - t.clock.now().getTime();
};
const same = (a: Line & { hoursPerWeek?: number | null }, b: Line & { hoursPerWeek?: number | null }) =>
  a.teacherId === b.teacherId && a.kind === b.kind && a.fromSchoolId === b.fromSchoolId && a.toSchoolId === b.toSchoolId && a.hoursPerWeek === b.hoursPerWeek;

describe('the correction cycle: upheld means changed', () => {
  it('publish is refused while an upheld line is in the version; the corrected version runs a 补充公示 of its changed lines and is published after it', {
    timeout: 600_000,
  }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    const c = await county(t);
    // H12 (at most 15% leave a school) would leave the tiny county's sending school fewer lines than
    // this cycle needs; the cap has tests of its own
    const planId = await plan(t, 2027, { parameters: { maxSchoolLossShare: 1 } });
    expect((await call('PATCH', `/api/v1/plans/${planId}`, { settings: { countyName: '惠来县', documentNumber: '惠教人〔2027〕12号' } })).statusCode).toBe(200);
    const v1 = (await proposed(t, planId)).id as string;
    const lines1 = await linesOf(t, v1);
    const outgoing = lines1.filter((l) => l.fromSchoolId === c.sending);
    expect(outgoing.length).toBeGreaterThanOrEqual(3);
    const [upheldLine, rejectedLine, approved] = outgoing;
    const sending = await principalOf(t, c.sending, '派出校长');

    // before the announcement the documents announce nothing: a 征求意见稿
    const draft = await call('GET', `/api/v1/proposals/${v1}/notice.html?schoolId=${c.sending}`, undefined, sending);
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('征求意见稿');
    expect(draft.body).not.toContain('现予公示');
    expect(draft.body).toContain('惠教人〔2027〕12号');

    // the sending principal approves one line: counted for the sending side, not yet "reviewed" (both sides)
    expect((await call('POST', `/api/v1/proposals/${v1}/lines/${approved.id}/review`, { decision: 'approve' }, sending)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/proposals/${v1}`)).json().reviewCounts).toEqual({
      lines: lines1.length,
      reviewed: 0,
      reviewedBySending: 1,
      reviewedByReceiving: 0,
      reviewedByNeither: lines1.length - 1,
      changedToReview: 0,
      objected: 0,
      openObjections: 0,
      upheldNotApplied: 0,
      exceptionsWithoutReason: expect.any(Number),
    });

    expect((await call('POST', `/api/v1/proposals/${v1}/announce`, {})).json().notice).toMatchObject({ from: '2027-05-13', until: '2027-05-19' });
    for (const [l, comment] of [
      [upheldLine, '该教师任毕业班班主任'],
      [rejectedLine, '该教师希望去近一点的学校'],
    ] as const)
      expect((await call('POST', `/api/v1/proposals/${v1}/lines/${l.id}/review`, { decision: 'object', comment }, sending)).statusCode).toBe(200);
    const objections = (await call('GET', `/api/v1/proposals/${v1}/objections`)).json().items as { id: string; lineId: string }[];
    const answer = (lineId: string, body: object) =>
      call('POST', `/api/v1/proposals/${v1}/objections/${objections.find((o) => o.lineId === lineId)!.id}/answer`, body);
    // upheld WITHOUT exclude is applied all the same: the move becomes a plan exclusion
    expect((await answer(upheldLine.id, { decision: 'upheld', reason: '毕业班班主任，明年再议' })).statusCode).toBe(200);
    expect((await answer(rejectedLine.id, { decision: 'rejected', reason: '按政策执行' })).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/plans/${planId}/pins`)).json().exclude).toEqual([
      expect.objectContaining({ teacherId: upheldLine.teacherId, toSchoolId: upheldLine.toSchoolId }),
    ]);
    expect((await call('GET', `/api/v1/proposals/${v1}`)).json().reviewCounts).toMatchObject({ objected: 2, openObjections: 0, upheldNotApplied: 1 });
    // the plan's list of versions carries the same counts
    const listed = (await call('GET', `/api/v1/plans/${planId}/proposals`)).json().items as { id: string; reviewCounts: { upheldNotApplied: number } }[];
    expect(listed.find((p) => p.id === v1)!.reviewCounts.upheldNotApplied).toBe(1);
    // the principal sees both answers on their school's objections
    const seen = (await call('GET', `/api/v1/proposals/${v1}/objections?schoolId=${c.sending}`, undefined, sending)).json().items as {
      answer: { decision: string; reason: string } | null;
    }[];
    expect(seen.map((o) => o.answer?.decision).sort()).toEqual(['rejected', 'upheld']);

    // after the period: publish refuses the upheld line, naming it and saying what to do
    setToday(t, '2027-05-20');
    const refused = await call('POST', `/api/v1/proposals/${v1}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/upheld objection.*withdraw the notice, request a new version/);
    expect(refused.json().details).toEqual([
      expect.objectContaining({
        lineId: upheldLine.id,
        teacherName: upheldLine.teacher.name,
        toSchoolName: upheldLine.toSchoolName,
        decision: 'upheld',
        reason: '毕业班班主任，明年再议',
      }),
    ]);
    expect((await call('GET', `/api/v1/proposals/${v1}`)).json().status).toBe('announced');

    // the correction: withdraw (the period ran its course: the lines keep it), a new version, announce it
    expect((await call('POST', `/api/v1/proposals/${v1}/withdraw`)).statusCode).toBe(200);
    const v2 = (await proposed(t, planId)).id as string;
    const lines2 = await linesOf(t, v2);
    expect(lines2.some((l) => same(l, upheldLine))).toBe(false);
    const kept = lines2.filter((l) => lines1.some((o) => same(o, l)));
    const changed = lines2.filter((l) => !lines1.some((o) => same(o, l)));
    expect(kept.length).toBeGreaterThan(0);
    const announced = await call('POST', `/api/v1/proposals/${v2}/announce`, {});
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json().notice).toMatchObject({ from: '2027-05-21', until: '2027-05-27' });
    expect(announced.json().noticePeriods).toEqual([
      { from: '2027-05-13', until: '2027-05-19', lines: kept.length },
      ...(changed.length ? [{ from: '2027-05-21', until: '2027-05-27', lines: changed.length }] : []),
    ]);
    // the rejected objection came along with its unchanged line, answered; nothing upheld is left
    expect(announced.json().reviewCounts).toMatchObject({ openObjections: 0, upheldNotApplied: 0 });

    // an unchanged line's period is over: no new objection on it; a changed line takes one within its period
    const unchanged = kept.find((l) => l.fromSchoolId === c.sending)!;
    const late = await call('POST', `/api/v1/proposals/${v2}/lines/${unchanged.id}/review`, { decision: 'object', comment: '再提一次' }, sending);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('公示期已于2027-05-19结束');
    const changedOfMine = changed.find((l) => l.fromSchoolId === c.sending);
    if (changedOfMine)
      expect((await call('POST', `/api/v1/proposals/${v2}/lines/${changedOfMine.id}/review`, { decision: 'approve' }, sending)).statusCode).toBe(200);

    // the notice of the corrected version is a 补充公示: the changed lines, and who is no longer on the list
    const supplement = await call('GET', `/api/v1/proposals/${v2}/notice.html`);
    expect(supplement.statusCode).toBe(200);
    expect(supplement.body).toContain('补充公示');
    expect(supplement.body).toContain('2027年5月13日至2027年5月19日');
    expect(supplement.body).toContain(`不再列入名单：${upheldLine.teacher.name}（${upheldLine.fromSchoolName}→${upheldLine.toSchoolName}）`);
    // also when the kind has no line announced now: the removal alone is what the 补充公示 says
    const ofKind = await call('GET', `/api/v1/proposals/${v2}/notice.html?kind=${upheldLine.kind}&schoolId=${upheldLine.fromSchoolId}`);
    expect(ofKind.body).toContain(`不再列入名单：${upheldLine.teacher.name}`);
    for (const l of kept) expect(supplement.body).not.toContain(`<td data-label="姓名">${l.teacher.name}</td>`);
    for (const l of changed) expect(supplement.body).toContain(`<td data-label="姓名">${l.teacher.name}</td>`);

    // published after the supplementary period, not before
    setToday(t, '2027-05-27');
    expect((await call('POST', `/api/v1/proposals/${v2}/publish`)).statusCode).toBe(409);
    setToday(t, '2027-05-28');
    const published = await call('POST', `/api/v1/proposals/${v2}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const decision = (await call('GET', `/api/v1/proposals/${v2}/notice.html`)).body;
    expect(decision).toContain('关于公布');
    if (changed.length) expect(decision).toContain('2027年5月13日至2027年5月19日；补充公示2027年5月21日至2027年5月27日');
    for (const l of lines2) expect(decision).toContain(`<td data-label="姓名">${l.teacher.name}</td>`);
  });

  it('a notice withdrawn within its period takes the period back: the next announcement runs one full period for every line', {
    timeout: 600_000,
  }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    await county(t);
    const planId = await plan(t, 2027);
    const v1 = (await proposed(t, planId)).id as string;
    expect((await call('POST', `/api/v1/proposals/${v1}/announce`, {})).statusCode).toBe(200);
    setToday(t, '2027-05-14');
    expect((await call('POST', `/api/v1/proposals/${v1}/withdraw`)).json().noticePeriods).toEqual([]);
    const v2 = (await proposed(t, planId)).id as string;
    const announced = (await call('POST', `/api/v1/proposals/${v2}/announce`, {})).json();
    expect(announced.noticePeriods).toEqual([{ from: '2027-05-15', until: '2027-05-21', lines: (await linesOf(t, v2)).length }]);
    expect((await call('GET', `/api/v1/proposals/${v2}/notice.html`)).body).not.toContain('补充公示');
  });

  it('a plan without a name is named after its year; an empty new name is refused', async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    const created = await call('POST', '/api/v1/plans', { year: 2027, name: '  ' });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe('2027—2028学年交流方案');
    const renamed = await call('PATCH', `/api/v1/plans/${created.json().id}`, { name: '' });
    expect(renamed.statusCode).toBe(400);
    expect((await call('GET', `/api/v1/plans/${created.json().id}`)).json().name).toBe('2027—2028学年交流方案');
  });
});
