import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anImportTeacher } from '../builders.js';
import { auth, buildFreshTestApp, type TestApp } from '../helpers.js';
import { caller, county, DUE, type County, type Line, linesOf, plan, principalOf, proposed, requiredRotations } from '../scenario.js';

/**
 * The teacher page and the search and sort of the lines (issue #12 point 7) on a generated county:
 * one sending school with ELIGIBLE teachers due to rotate plus one who arrived SHORT_YEARS ago, two
 * receiving schools. Version 1 is solved as it is; HR then excludes one teacher version 1 moved, and
 * version 2 is solved. Every expectation is computed from these numbers and the API's own answers.
 */
const ELIGIBLE = 30;
const YEAR = 2027;
const SHORT_YEARS = 3;
const SHORT_NAME = '甄短期';

let t: TestApp;
let call: ReturnType<typeof caller>;
let c: County;
let v1: { id: string; version: number };
let v2: { id: string; version: number };
let linesV1: Line[];
let linesV2: Line[];
let excludedId: string;
let shortId: string;
let tenureYears: number;

const page = (proposalId: string, teacherId: string, token?: string) => call('GET', `/api/v1/proposals/${proposalId}/teachers/${teacherId}`, undefined, token);
const lines = async (proposalId: string, query: string) => {
  const res = await call('GET', `/api/v1/proposals/${proposalId}/lines?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: (Line & { teacher: { subject: string | null } })[]; nextCursor: string | null };
};
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  t = await buildFreshTestApp();
  call = caller(t);
  c = await county(t, {
    sending: { eligible: ELIGIBLE, backbone: 5 },
    receiving: [
      { locality: 'township', isCentral: true, needs: 6, staff: 1 },
      { locality: 'rural', needs: 4, staff: 1 },
    ],
    extra: ({ sending }) => ({
      teachers: [
        anImportTeacher(sending, { ...DUE, name: SHORT_NAME, schoolSince: `${YEAR - SHORT_YEARS}-09-01` }),
        // kept home by R09 (H8), each for its own reason
        anImportTeacher(sending, { ...DUE, name: '甄孕期', exemptions: [{ reason: 'pregnancy', from: `${YEAR}-03-01`, to: `${YEAR + 1}-02-28`, note: null }] }),
        anImportTeacher(sending, { ...DUE, name: '甄退休', gender: 'M', birthDate: `${YEAR - 58}-01-01` }),
        anImportTeacher(sending, { ...DUE, name: '甄编外', established: false }),
      ],
    }),
  });
  // the short-tenure teacher is the only teacher of the sending school not among the eligible
  const sendingTeachers = (await call('GET', `/api/v1/teachers?schoolId=${c.sending}&limit=1000`)).json().items as { id: string; name: string }[];
  shortId = sendingTeachers.find((x) => x.name === SHORT_NAME)!.id;
  const planId = await plan(t, YEAR);
  tenureYears = (await call('GET', `/api/v1/plans/${planId}`)).json().effectiveParameters.tenureThresholdYears;
  v1 = await proposed(t, planId);
  linesV1 = await linesOf(t, v1.id);
  excludedId = linesV1.find((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending)!.teacherId;
  const pins = await call('PUT', `/api/v1/plans/${planId}/pins`, { pin: [], exclude: [{ teacherId: excludedId }] });
  expect(pins.statusCode, pins.body).toBe(200);
  v2 = await proposed(t, planId);
  linesV2 = await linesOf(t, v2.id);
}, 240_000);
afterAll(() => t?.close());

describe('GET /proposals/:id/teachers/:teacherId', () => {
  it("a moved teacher: chosen is their line's reasons; up to 3 unmoved colleagues of the school, each with why not", async () => {
    // a move R01 needed (the school's further moves are there for other reasons and do not cite it)
    const line = linesV2.find((l) => l.fromSchoolId === c.sending && l.reasons.includes('R01_QUOTA'))!;
    const res = await page(v2.id, line.teacherId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.chosen).toEqual({ reasons: line.reasons, explanation: line.explanation });
    expect(body.whyNot).toBeNull();
    expect(body.teacher).toMatchObject({ id: line.teacherId, name: line.teacher.name, externalId: line.teacher.externalId, schoolId: c.sending });
    expect(body.placement.homeSchoolId).toBe(c.sending);
    expect(body.clocks.asOf).toBe(`${YEAR}-09-01`);
    expect(body.clocks.basis).toBe('snapshot');
    expect(body.clocks.yearsAtSchool).toEqual({ value: YEAR - Number(DUE.schoolSince.slice(0, 4)), labelZh: expect.stringMatching(/本校/) });
    expect(body.clocks.eligible.value).toBe(true);

    const moved = new Set(linesV2.map((l) => l.teacherId));
    expect(body.colleagues).toHaveLength(3);
    const required = requiredRotations(ELIGIBLE);
    for (const col of body.colleagues) {
      expect(moved.has(col.teacherId)).toBe(false);
      expect(col.whyNot.length).toBeGreaterThan(0);
      expect(col.whyNot.every((w: string) => w.length > 0)).toBe(true);
    }
    // eligible colleagues who stayed: R01 with the school's required and proposed count
    const proposedHere = linesV2.filter((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending).length;
    expect(
      body.colleagues.some((col: { whyNot: string[] }) =>
        col.whyNot.some((w) => w.startsWith('R01') && w.includes(`应交流${required}人，已安排${proposedHere}人`)),
      ),
    ).toBe(true);
  });

  it('an unmoved teacher with too few years at the school: why not names the years (R01), from the snapshot even after the roster changed', async () => {
    expect(linesV2.some((l) => l.teacherId === shortId)).toBe(false);
    const before = (await page(v2.id, shortId)).json();
    expect(before.chosen).toBeNull();
    expect(before.colleagues).toEqual([]);
    expect(before.whyNot).toEqual([`R01：在本校连续任教${SHORT_YEARS}年，不满${tenureYears}年，尚不符合交流条件`]);
    expect(before.clocks.yearsAtSchool.value).toBe(SHORT_YEARS);

    // today's roster says 12 years now: the page still reads what the solve saw
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teachers/${shortId}`,
      headers: { ...auth(), 'if-match': '*' },
      payload: { schoolSince: `${YEAR - 12}-09-01` },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = (await page(v2.id, shortId)).json();
    expect(after.whyNot).toEqual(before.whyNot);
    expect(after.clocks.yearsAtSchool.value).toBe(SHORT_YEARS);
  });

  it("an excluded teacher: why not names HR's exclusion; every version is listed with the teacher's line in it", async () => {
    const res = await page(v2.id, excludedId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.chosen).toBeNull();
    expect(body.whyNot[0]).toMatch(/人事股排除/);
    expect(body.versions.map((v: { proposalId: string; version: number }) => [v.proposalId, v.version])).toEqual([
      [v1.id, 1],
      [v2.id, 2],
    ]);
    const inV1 = linesV1.find((l) => l.teacherId === excludedId)!;
    expect(body.versions[0].line).toMatchObject({ id: inV1.id, kind: inV1.kind, toSchoolId: inV1.toSchoolId, reasons: inV1.reasons });
    expect(body.versions[1].line).toBeNull();
    // version 1 moved the teacher: there, chosen is that line's reasons
    const inV1Page = (await page(v1.id, excludedId)).json();
    expect(inV1Page.chosen).toEqual({ reasons: inV1.reasons, explanation: inV1.explanation });
  });

  it('teachers R09 keeps home: why not gives the exemption, the years to retirement, not established', async () => {
    const params = (await call('GET', `/api/v1/plans/${(await call('GET', `/api/v1/proposals/${v2.id}`)).json().planId}`)).json().effectiveParameters;
    const sendingTeachers = (await call('GET', `/api/v1/teachers?schoolId=${c.sending}&limit=1000`)).json().items as { id: string; name: string }[];
    const whyNotOf = async (name: string) => (await page(v2.id, sendingTeachers.find((x) => x.name === name)!.id)).json().whyNot;
    expect(await whyNotOf('甄孕期')).toEqual(['R09：按规定不参加交流（孕期）']);
    expect(await whyNotOf('甄退休')).toEqual([`R09：按规定不参加交流（距法定退休不足${params.retirementExemptYears}年）`]);
    expect(await whyNotOf('甄编外')).toEqual(['R09：非在编人员']);
  });

  it("the ledger, oldest first with each school's name", async () => {
    const who = c.eligible[1];
    // entered newest first
    const spans = [
      { schoolId: c.receiving[0], from: '2010-09-01', to: '2012-08-31' },
      { schoolId: c.receiving[1], from: '2008-09-01', to: '2010-08-31' },
    ];
    for (const r of spans) {
      const res = await call('POST', `/api/v1/teachers/${who}/service-records`, { ...r, kind: 'regular' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const names = new Map(((await call('GET', '/api/v1/schools?limit=1000')).json().items as { id: string; name: string }[]).map((s) => [s.id, s.name]));
    const body = (await page(v2.id, who)).json();
    expect(body.serviceRecords.map((r: { schoolId: string; from: string; schoolName: string }) => [r.schoolId, r.from, r.schoolName])).toEqual(
      [...spans].reverse().map((r) => [r.schoolId, r.from, names.get(r.schoolId)]),
    );
  });

  it('a principal: their own teacher and one whose line comes to their school, 403 for another school', async () => {
    const incoming = linesV2.find((l) => l.kind === 'rotation' && l.fromSchoolId === c.sending)!;
    const receivingPrincipal = await principalOf(t, incoming.toSchoolId);
    const sendingPrincipal = await principalOf(t, c.sending);
    const atReceiving = await page(v2.id, incoming.teacherId, receivingPrincipal);
    expect(atReceiving.statusCode, atReceiving.body).toBe(200);
    expect(atReceiving.json().chosen).toEqual({ reasons: incoming.reasons, explanation: incoming.explanation });
    // another school's staff who stayed, and why (an exemption's reason among them), are not the receiving principal's to read
    expect(atReceiving.json().colleagues).toEqual([]);
    expect((await page(v2.id, incoming.teacherId, sendingPrincipal)).json().colleagues).toHaveLength(3);
    expect((await page(v2.id, shortId, sendingPrincipal)).statusCode).toBe(200);
    const denied = await page(v2.id, shortId, receivingPrincipal);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBeTypeOf('string');
    // the line of version 2 opens the page of version 2 only: version 1 has no line of the teacher to that school unless it too moved them there
    const other = c.receiving.find((s) => s !== incoming.toSchoolId)!;
    const stranger = linesV2.find((l) => l.fromSchoolId === c.sending && l.toSchoolId !== other && l.kind === 'rotation');
    if (stranger) expect((await page(v2.id, stranger.teacherId, await principalOf(t, other))).statusCode).toBe(403);
  });

  it('404 for an unknown teacher or proposal', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await page(v2.id, none)).statusCode).toBe(404);
    expect((await page(none, shortId)).statusCode).toBe(404);
  });
});

describe('GET /proposals/:id/lines: q and sort', () => {
  it('q finds by part of the name and by the start of the staff number, case-insensitive; not by the middle of it', async () => {
    const some = linesV2.find((l) => l.fromSchoolId === c.sending)!;
    const name = some.teacher.name.slice(1);
    const byName = await lines(v2.id, `q=${encodeURIComponent(name)}&limit=1000`);
    expect(byName.items.map((l) => l.id)).toContain(some.id);
    expect(byName.items.every((l) => l.teacher.name.includes(name))).toBe(true);

    const ext = some.teacher.externalId;
    const prefix = ext.slice(0, ext.lastIndexOf('-'));
    const byNumber = await lines(v2.id, `q=${encodeURIComponent(prefix.toLowerCase())}&limit=1000`);
    expect(byNumber.items.map((l) => l.id)).toContain(some.id);
    expect(byNumber.items.every((l) => l.teacher.externalId.toLowerCase().startsWith(prefix.toLowerCase()))).toBe(true);
    expect((await lines(v2.id, `q=${encodeURIComponent(ext.toLowerCase())}`)).items.map((l) => l.id)).toEqual([some.id]);

    const middle = ext.slice(ext.lastIndexOf('-') + 1);
    expect((await lines(v2.id, `q=${encodeURIComponent(middle)}`)).items).toEqual([]);
    // an empty search box searches nothing out
    expect((await lines(v2.id, 'q=&limit=1000')).items).toHaveLength(linesV2.length);
    // LIKE's wildcards are taken as themselves
    expect((await lines(v2.id, 'q=%25')).items).toEqual([]);
  });

  it('sort orders by each column both ways, and the cursor pages that order', async () => {
    expect(linesV2.length).toBeGreaterThan(2);
    const key = {
      name: (l: Line) => l.teacher.name,
      fromSchool: (l: Line) => l.fromSchoolName,
      toSchool: (l: Line) => l.toSchoolName,
      kind: (l: Line) => l.kind,
      subject: (l: Line & { teacher: { subject?: string | null } }) => l.teacher.subject ?? '\uffff',
    };
    for (const [sort, of] of Object.entries(key)) {
      const asc = (await lines(v2.id, `sort=${sort}&limit=1000`)).items.map(of);
      expect(asc, sort).toEqual([...asc].sort(byCodePoint));
      const desc = (await lines(v2.id, `sort=${sort}&order=desc&limit=1000`)).items.map(of);
      expect(desc, sort).toEqual([...desc].sort(byCodePoint).reverse());
    }
    const all = (await lines(v2.id, 'sort=name&order=desc&limit=1000')).items.map((l) => l.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const pageOf = await lines(v2.id, `sort=name&order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...pageOf.items.map((l) => l.id));
      cursor = pageOf.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect((await call('GET', `/api/v1/proposals/${v2.id}/lines?sort=age`)).statusCode).toBe(400);
  });
});
