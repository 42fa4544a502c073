import { describe, expect, it, onTestFinished } from 'vitest';
import { buildFreshTestApp, type TestApp } from '../helpers.js';
import { announceAndPublish, caller, county, type Line, linesOf, plan, principalOf, proposed } from '../scenario.js';

/**
 * Issue #12, the 公示 cycle: one plan result per academic year whatever the plan's name; the notice
 * period with objections by principals and, through HR, by teachers, each answered before the
 * decision is published after the period; reviews that carry over to an unchanged line of the next version.
 */

/** Wednesday 12 May 2027, 10:00 in China: the five working days from tomorrow end on Wednesday 19 May. */
const WEDNESDAY = new Date('2027-05-12T02:00:00Z');

async function appAt(now: Date): Promise<TestApp> {
  const t = await buildFreshTestApp({}, { now: () => now });
  onTestFinished(() => t.close());
  return t;
}
/** Moves the service's clock to noon (China time) of `day`. */
const setToday = (t: TestApp, day: string) => {
  t.clock.offsetMs += Date.parse(`${day}T12:00:00+08:00`) - t.clock.now().getTime();
};

type Objection = {
  id: string;
  lineId: string;
  teacherName: string;
  source: string;
  side: string | null;
  schoolId: string | null;
  lodgedBy: string;
  channel: string | null;
  carried: boolean;
  carriedFromVersion: number | null;
  answer: null | { decision: string; reason: string };
};

describe('one plan result per academic year, whatever the name', () => {
  it("a second plan's announce or publish for the year is 409 naming the first; withdrawn, the year is free again", { timeout: 600_000 }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    await county(t);
    const planA = await plan(t, 2027, { name: '2027年交流方案' });
    const planB = await plan(t, 2027, { name: '2027年交流方案（修订）' });
    const a = (await proposed(t, planA)).id as string;
    const b = (await proposed(t, planB)).id as string;

    expect((await call('POST', `/api/v1/proposals/${a}/announce`, {})).statusCode).toBe(200);
    const second = await call('POST', `/api/v1/proposals/${b}/announce`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('"2027年交流方案" v1');
    expect(second.json().message).toContain(a);
    expect(second.json().details).toEqual([
      expect.objectContaining({ proposalId: a, planId: planA, planName: '2027年交流方案', version: 1, status: 'announced' }),
    ]);
    expect((await call('GET', `/api/v1/proposals/${b}`)).json().status).toBe('done');
    // b was never announced: publish says to announce first
    const early = await call('POST', `/api/v1/proposals/${b}/publish`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/announce it \(公示\) first/);

    // withdrawn, the year is free: b is announced, a is done again (both audited)
    const withdrawn = await call('POST', `/api/v1/proposals/${a}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'done', notice: null });
    expect((await call('POST', `/api/v1/proposals/${a}/withdraw`)).statusCode).toBe(409);
    expect((await announceAndPublish(t, b)).statusCode).toBe(200);

    // published, b holds the year for good: neither an announce nor a publish of a
    const again = await call('POST', `/api/v1/proposals/${a}/announce`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('"2027年交流方案（修订）" v1');
    expect(again.json().details[0]).toMatchObject({ proposalId: b, status: 'published' });
    expect((await call('POST', `/api/v1/proposals/${a}/publish`)).statusCode).toBe(409);
    // another year is another result
    const next = await plan(t, 2028, { name: '2027年交流方案' });
    expect((await call('POST', `/api/v1/proposals/${(await proposed(t, next)).id}/announce`, {})).statusCode).toBe(200);

    const audit = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectId: string }[];
    expect(audit.filter((e) => e.action === 'withdraw').map((e) => e.objectId)).toEqual([a]);
    expect(audit.filter((e) => e.action === 'announce').map((e) => e.objectId)).toEqual(expect.arrayContaining([a, b]));
  });

  it('two plans of the year announced at once: exactly one wins, the other is 409 naming it', { timeout: 600_000 }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    await county(t);
    const ids = [] as string[];
    for (const name of ['甲', '乙']) ids.push((await proposed(t, await plan(t, 2027, { name }))).id);
    const answers = await Promise.all(ids.map((id) => call('POST', `/api/v1/proposals/${id}/announce`, {})));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = ids[answers.findIndex((r) => r.statusCode === 200)];
    const loser = answers.find((r) => r.statusCode === 409)!;
    expect(loser.json().message).toContain(winner);
    const statuses = await Promise.all(ids.map(async (id) => (await call('GET', `/api/v1/proposals/${id}`)).json().status));
    expect(statuses.sort()).toEqual(['announced', 'done']);
  });

  it('announcing a later version of the same plan replaces the earlier one in one step', { timeout: 600_000 }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    await county(t);
    const p = await plan(t, 2027);
    const v1 = (await proposed(t, p)).id as string;
    const v2 = (await proposed(t, p)).id as string;
    expect((await call('POST', `/api/v1/proposals/${v1}/announce`, { noticeWorkingDays: 3 })).json().notice).toMatchObject({
      from: '2027-05-13',
      until: '2027-05-17',
    });
    const replaced = await call('POST', `/api/v1/proposals/${v2}/announce`, { noticeUntil: '2027-05-21' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ status: 'announced', notice: { from: '2027-05-13', until: '2027-05-21' } });
    expect((await call('GET', `/api/v1/proposals/${v1}`)).json()).toMatchObject({ status: 'done', notice: null });
    const audit = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string; objectId: string; detail: { replacedBy?: string } }[];
    expect(audit.find((e) => e.action === 'withdraw')).toMatchObject({ objectId: v1, detail: { replacedBy: v2 } });
    // a period ending before tomorrow, or both ways of giving it, is refused and changes nothing
    expect((await call('POST', `/api/v1/proposals/${v1}/announce`, { noticeUntil: '2027-05-12' })).statusCode).toBe(400);
    expect((await call('POST', `/api/v1/proposals/${v1}/announce`, { noticeUntil: '2027-05-20', noticeWorkingDays: 2 })).statusCode).toBe(400);
    expect((await call('GET', `/api/v1/proposals/${v2}`)).json().status).toBe('announced');
  });
});

describe('the notice period: objections, answers, publish after the period', () => {
  it('announce → objections by a principal and for a teacher → publish refused until the period ended and every objection is answered', {
    timeout: 600_000,
  }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    const c = await county(t);
    const planId = await plan(t, 2027);
    const id = (await proposed(t, planId)).id as string;
    const lines = (await linesOf(t, id)).filter((l) => l.fromSchoolId === c.sending);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const [objected, teachers, approved] = [lines[0], lines[1], lines[2] ?? lines[0]];
    const sending = await principalOf(t, c.sending, '派出校长');
    const receivingOf = new Map<string, string>();
    for (const s of c.receiving) receivingOf.set(s, await principalOf(t, s, `${s} 接收校长`));

    // the default: five working days from tomorrow (Thu 13 → Wed 19, over the weekend)
    const announced = await call('POST', `/api/v1/proposals/${id}/announce`, {});
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json()).toMatchObject({ status: 'announced', notice: { from: '2027-05-13', until: '2027-05-19' } });
    expect(announced.json().reviewCounts).toMatchObject({ lines: (await linesOf(t, id)).length, reviewed: 0, objected: 0, openObjections: 0 });

    // a principal objects through the review; HR records a teacher's objection with who and how
    const review = (line: Line, token: string, body: object) => call('POST', `/api/v1/proposals/${id}/lines/${line.id}/review`, body, token);
    expect((await review(objected, sending, { decision: 'object', comment: '该教师担任毕业班班主任' })).statusCode).toBe(200);
    const lodged = await call('POST', `/api/v1/proposals/${id}/lines/${teachers.id}/objections`, {
      comment: '家中老人需要照顾，申请暂缓',
      lodgedBy: teachers.teacher.name,
      channel: 'in_person',
    });
    expect(lodged.statusCode, lodged.body).toBe(201);
    expect(lodged.json()).toMatchObject({ source: 'teacher', side: null, schoolId: null, lodgedBy: teachers.teacher.name, channel: 'in_person', answer: null });
    // only HR records a teacher's objection
    expect(
      (await call('POST', `/api/v1/proposals/${id}/lines/${teachers.id}/objections`, { comment: 'x', lodgedBy: 'y', channel: 'phone' }, sending)).statusCode,
    ).toBe(403);
    if (approved !== objected) {
      expect((await review(approved, sending, { decision: 'approve' })).statusCode).toBe(200);
      expect((await review(approved, receivingOf.get(approved.toSchoolId)!, { decision: 'approve' })).statusCode).toBe(200);
    }

    const list = (await call('GET', `/api/v1/proposals/${id}/objections?state=open`)).json();
    expect(list.nextCursor).toBeNull();
    const open = list.items as Objection[];
    expect(open.map((o) => [o.lineId, o.source, o.side]).sort()).toEqual(
      [
        [objected.id, 'principal', 'sending'],
        [teachers.id, 'teacher', null],
      ].sort(),
    );
    expect(open.find((o) => o.source === 'principal')).toMatchObject({ schoolId: c.sending, channel: null, carried: false });
    // paging as the other lists
    const page1 = (await call('GET', `/api/v1/proposals/${id}/objections?limit=1`)).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (await call('GET', `/api/v1/proposals/${id}/objections?limit=1&cursor=${page1.nextCursor}`)).json();
    expect([page1.items[0].id, page2.items[0].id].sort()).toEqual(open.map((o) => o.id).sort());
    // a receiving principal sees the objections on lines touching their school only
    for (const [school, token] of receivingOf) {
      const seen = (await call('GET', `/api/v1/proposals/${id}/objections`, undefined, token)).json().items as Objection[];
      expect(seen.map((o) => o.lineId).sort()).toEqual(
        open
          .filter((o) => [objected, teachers].find((l) => l.id === o.lineId)!.toSchoolId === school)
          .map((o) => o.lineId)
          .sort(),
      );
    }
    expect((await call('GET', `/api/v1/proposals/${id}/objections?schoolId=${c.receiving[0]}`, undefined, sending)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/proposals/${id}`)).json().reviewCounts).toMatchObject({
      lines: (await linesOf(t, id)).length,
      reviewed: approved !== objected ? 1 : 0,
      objected: 2,
      openObjections: 2,
    });

    // the last day of the notice still takes objections; publishing waits for the day after
    setToday(t, '2027-05-19');
    const lastDay = await call('POST', `/api/v1/proposals/${id}/publish`);
    expect(lastDay.statusCode).toBe(409);
    expect(lastDay.json().message).toMatch(/runs until 2027-05-19: publish from 2027-05-20/);
    expect((await review(objected, sending, { decision: 'object', comment: '补充：已与家长沟通' })).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/proposals/${id}/objections?state=open`)).json().items).toHaveLength(2);

    // after the period: no more objections, and publish lists the open ones
    setToday(t, '2027-05-20');
    const late = await review(lines[lines.length - 1], sending, { decision: 'object', comment: '太晚了' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('公示期已于2027-05-19结束');
    const lateTeacher = await call('POST', `/api/v1/proposals/${id}/lines/${objected.id}/objections`, {
      comment: '迟到的异议',
      lodgedBy: '某老师',
      channel: 'phone',
    });
    expect(lateTeacher.statusCode).toBe(409);
    expect(lateTeacher.json().message).toContain('公示期已于2027-05-19结束');
    const refused = await call('POST', `/api/v1/proposals/${id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.sort((x: { lineId: string }, y: { lineId: string }) => x.lineId.localeCompare(y.lineId))).toEqual(
      open.map((o) => ({ objectionId: o.id, lineId: o.lineId, teacherName: o.teacherName })).sort((x, y) => x.lineId.localeCompare(y.lineId)),
    );
    expect((await call('GET', `/api/v1/proposals/${id}`)).json().status).toBe('announced');

    // HR answers: the principal's upheld with the line excluded from the plan, the teacher's rejected
    const principalObjection = open.find((o) => o.source === 'principal')!;
    const teacherObjection = open.find((o) => o.source === 'teacher')!;
    const answer = (o: Objection, body: object) => call('POST', `/api/v1/proposals/${id}/objections/${o.id}/answer`, body);
    expect((await answer(teacherObjection, { decision: 'rejected', reason: '无', exclude: true })).statusCode).toBe(400);
    const upheld = await answer(principalObjection, { decision: 'upheld', reason: '毕业班班主任，明年再议', exclude: true });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().answer).toMatchObject({ decision: 'upheld', reason: '毕业班班主任，明年再议' });
    expect((await answer(principalObjection, { decision: 'rejected', reason: '改主意' })).statusCode).toBe(409);
    const pins = (await call('GET', `/api/v1/plans/${planId}/pins`)).json();
    expect(pins.exclude).toEqual([expect.objectContaining({ teacherId: objected.teacherId, toSchoolId: objected.toSchoolId })]);
    expect((await answer(teacherObjection, { decision: 'rejected', reason: '符合交流条件，按政策执行' })).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/proposals/${id}/objections?state=open`)).json().items).toEqual([]);
    expect((await call('GET', `/api/v1/proposals/${id}/objections?state=answered`)).json().items).toHaveLength(2);

    // issue #19: the upheld line is still in this version: publishing it is refused (the correction
    // cycle is test/routes/notice-correction.test.ts)
    const published = await call('POST', `/api/v1/proposals/${id}/publish`);
    expect(published.statusCode, published.body).toBe(409);
    expect(published.json().details).toEqual([expect.objectContaining({ lineId: objected.id, decision: 'upheld' })]);
    expect((await call('GET', `/api/v1/proposals/${id}`)).json()).toMatchObject({ status: 'announced', notice: { from: '2027-05-13', until: '2027-05-19' } });
    const audit = (await call('GET', '/api/v1/audit?limit=1000')).json().items as { action: string }[];
    for (const action of ['announce', 'object', 'lodge_objection', 'answer_objection']) expect(audit.map((e) => e.action)).toContain(action);
    expect(audit.filter((e) => e.action === 'answer_objection')).toHaveLength(2);
  });
});

describe('reviews that carry over to the next version', () => {
  it('unchanged lines keep their reviews and objections, marked carried; a changed line says what changed', { timeout: 600_000 }, async () => {
    const t = await appAt(WEDNESDAY);
    const call = caller(t);
    const c = await county(t);
    const planId = await plan(t, 2027);
    const v1 = (await proposed(t, planId)).id as string;
    const tokens = new Map<string, string>();
    for (const s of [c.sending, ...c.receiving]) tokens.set(s, await principalOf(t, s, `${s} 校长`));
    const lines1 = await linesOf(t, v1);
    const rotations = lines1.filter((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending);
    expect(rotations.length).toBeGreaterThanOrEqual(2);
    // every side of every line reviews; one line gets a principal's objection and a teacher's (rejected)
    const [moved, objected] = rotations;
    for (const l of lines1) {
      for (const school of [l.fromSchoolId, l.toSchoolId]) {
        const body = l.id === objected.id && school === c.sending ? { decision: 'object', comment: '请再议' } : { decision: 'approve' };
        const r = await call('POST', `/api/v1/proposals/${v1}/lines/${l.id}/review`, body, tokens.get(school));
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    // as reviewed
    const reviewed1 = await linesOf(t, v1);
    const lodged = await call('POST', `/api/v1/proposals/${v1}/lines/${objected.id}/objections`, {
      comment: '本人不愿',
      lodgedBy: objected.teacher.name,
      channel: 'letter',
    });
    const teacherObjection = lodged.json().id as string;
    expect(
      (await call('POST', `/api/v1/proposals/${v1}/objections/${teacherObjection}/answer`, { decision: 'rejected', reason: '按政策执行' })).statusCode,
    ).toBe(200);
    expect((await call('GET', `/api/v1/proposals/${v1}`)).json().reviewCounts).toMatchObject({
      lines: lines1.length,
      reviewed: lines1.length,
      objected: 1,
      openObjections: 1,
    });

    // HR moves one teacher to the other receiving school: version 2 changes that line
    const elsewhere = c.receiving.find((s) => s !== moved.toSchoolId)!;
    expect(
      (await call('PUT', `/api/v1/plans/${planId}/pins`, { pin: [{ teacherId: moved.teacherId, toSchoolId: elsewhere, kind: 'rotation' }], exclude: [] }))
        .statusCode,
    ).toBe(200);
    const v2 = (await proposed(t, planId)).id as string;
    const lines2 = await linesOf(t, v2);
    const same = (a: Line, b: Line & { hoursPerWeek?: number | null }) =>
      a.teacherId === b.teacherId &&
      a.kind === b.kind &&
      a.fromSchoolId === b.fromSchoolId &&
      a.toSchoolId === b.toSchoolId &&
      (a as typeof b).hoursPerWeek === b.hoursPerWeek;
    type Reviewed = Line & {
      review: Record<
        'sending' | 'receiving',
        null | { decision: string | null; carried: boolean; carriedFromVersion: number | null; changedSinceReview?: string[] }
      >;
    };
    let kept = 0;
    for (const l of lines2 as Reviewed[]) {
      const before = (reviewed1 as Reviewed[]).find((o) => same(o, l));
      if (before) {
        kept++;
        for (const side of ['sending', 'receiving'] as const) {
          expect(l.review[side], `${l.teacher.name} ${side}`).toMatchObject({ decision: before.review[side]!.decision, carried: true, carriedFromVersion: 1 });
          expect(before.review[side]).toMatchObject({ carried: false, carriedFromVersion: null });
        }
      } else if (l.teacherId !== moved.teacherId) {
        // another line the re-solve changed: unreviewed on this version
        for (const side of ['sending', 'receiving'] as const) expect(l.review[side]?.decision ?? null).toBeNull();
      }
    }
    expect(kept).toBeGreaterThan(0);
    const changed = (lines2 as Reviewed[]).find((l) => l.teacherId === moved.teacherId)!;
    expect(changed.toSchoolId).toBe(elsewhere);
    expect(changed.review.sending).toEqual({ decision: null, comment: '', carried: false, carriedFromVersion: null, changedSinceReview: ['toSchool'] });
    expect(changed.review.receiving).toMatchObject({ decision: null, changedSinceReview: ['toSchool'] });

    // the objections of the unchanged objected line come along, the answer with them
    const objectedStill = lines2.find((l) => same(objected, l));
    const carried = (await call('GET', `/api/v1/proposals/${v2}/objections`)).json().items as Objection[];
    if (objectedStill) {
      expect(carried.map((o) => [o.lineId, o.source, o.carried, o.carriedFromVersion, o.answer?.decision ?? null]).sort()).toEqual(
        [
          [objectedStill.id, 'principal', true, 1, null],
          [objectedStill.id, 'teacher', true, 1, 'rejected'],
        ].sort(),
      );
    } else expect(carried).toEqual([]);
    const counts = (await call('GET', `/api/v1/proposals/${v2}`)).json().reviewCounts;
    expect(counts).toMatchObject({ lines: lines2.length, reviewed: kept, objected: objectedStill ? 1 : 0, openObjections: objectedStill ? 1 : 0 });
    // the plan's list of versions carries each version's counts, so HR compares them side by side
    const versions = (await call('GET', `/api/v1/plans/${planId}/proposals`)).json().items as { id: string; reviewCounts: unknown }[];
    expect(versions.find((v) => v.id === v2)?.reviewCounts).toEqual(counts);
    expect(versions.find((v) => v.id === v1)?.reviewCounts).toMatchObject({ lines: lines1.length });

    // a principal reviewing a carried line again makes it their own on this version
    const again = lines2.find((l) => same(l, l) && lines1.some((o) => same(o, l)) && l.fromSchoolId === c.sending)!;
    expect((await call('POST', `/api/v1/proposals/${v2}/lines/${again.id}/review`, { decision: 'approve' }, tokens.get(c.sending))).statusCode).toBe(200);
    const reread = (await linesOf(t, v2)).find((l) => l.id === again.id) as Reviewed;
    expect(reread.review.sending).toMatchObject({ decision: 'approve', carried: false, carriedFromVersion: null });
  });
});
