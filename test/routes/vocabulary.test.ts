import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as domain from '../../solver/domain.js';
import { PARAMETER_DEFAULTS } from '../../solver/parameters.js';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { vocabulary } from '../../src/routes/vocabulary/index.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/** Issue 10 item 2: one domain vocabulary and calendar (solver/domain.ts), served once, and a subject catalogue that cannot disagree with the plan. */
describe('GET /vocabulary and GET /subjects, from solver/domain.ts', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() });
    const school = (await t.app.inject({ method: 'GET', url: '/api/v1/schools', headers: auth() })).json().items[0].id;
    tok.principal = (
      await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(), payload: { role: 'principal', schoolId: school, label: '校长' } })
    ).json().token;
    tok.integration = (
      await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(), payload: { role: 'integration', label: '人事系统' } })
    ).json().token;
  });
  afterAll(async () => t?.close());
  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: auth(token) });
  const allSubjects = async (query = '') => {
    const items: { code: string; name: string; shortage: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/subjects?limit=5${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      items.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return items;
  };

  it('every role reads the vocabulary: the enums with Chinese labels, the catalogue, the calendar', async () => {
    for (const token of [undefined, tok.integration, tok.principal]) {
      const res = await get('/api/v1/vocabulary', token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(vocabulary());
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/vocabulary' })).statusCode).toBe(401);
    const v = (await get('/api/v1/vocabulary')).json() as ReturnType<typeof vocabulary>;
    const zh = (list: { code: string; zh: string }[]) => Object.fromEntries(list.map((x) => [x.code, x.zh]));
    expect(zh(v.enums.lineKind)).toEqual({ rotation: '交流轮岗', leader_rotation: '干部交流', shadowing: '跟岗学习', itinerant: '走教' });
    expect(v.enums.title.map((x) => x.zh)).toEqual(['未定级', '三级', '二级', '一级', '高级', '正高级']);
    expect(zh(v.enums.backbone).county).toBe('县级骨干');
    expect(zh(v.enums.reviewDecision)).toEqual({ approve: '同意', object: '异议' });
    expect(zh(v.enums.proposalStatus)).toEqual({
      queued: '排队中',
      running: '计算中',
      done: '已完成',
      failed: '失败',
      announced: '公示中',
      published: '已发布',
      cancelled: '已取消',
    });
    expect(v.enums.stage.map((x) => x.code)).toEqual([...domain.STAGES]);
    expect(v.subjects.filter((s) => s.shortage).map((s) => s.code)).toEqual(PARAMETER_DEFAULTS.shortageSubjects);
    expect(v.subjects.find((s) => s.code === 'psychology')?.zh).toBe('心理健康');
  });

  it("the calendar says how a year and each line kind are dated, and reproduces domain.ts's dates", async () => {
    const { calendar } = (await get('/api/v1/vocabulary')).json() as ReturnType<typeof vocabulary>;
    expect(calendar.yearStarts).toBe('09-01');
    expect(calendar.clockDay).toBe('08-31');
    const p = { ...PARAMETER_DEFAULTS, rotationYears: 4, principalTermYears: 5 };
    for (const line of calendar.lines) {
      const kind = line.kind as domain.LineKind;
      const years = line.parameter ? (p as unknown as Record<string, number>)[line.parameter] : line.years;
      expect(`${2027 + years}-${calendar.clockDay}`, kind).toBe(domain.lineEndDate(kind, 2027, p));
      expect(line.recordOpen, kind).toBe(domain.recordEndDate(kind, 2027, p) === null);
    }
    expect(`2027-${calendar.yearStarts}`).toBe(domain.academicYearStart(2027));
    expect(calendar.lines.map((l) => [l.kind, l.parameter, l.years])).toEqual([
      ['rotation', 'rotationYears', PARAMETER_DEFAULTS.rotationYears],
      ['leader_rotation', 'principalTermYears', PARAMETER_DEFAULTS.principalTermYears],
      ['shadowing', null, 1],
      ['itinerant', null, 1],
    ]);
  });

  it('GET /subjects names each subject as domain.ts does, and flags the default shortage subjects (R24)', async () => {
    const items = await allSubjects();
    expect(items).toEqual([...domain.SUBJECTS].sort((a, b) => a.code.localeCompare(b.code)).map((s) => ({ code: s.code, name: s.zh, shortage: s.shortage })));
    expect(
      items
        .filter((s) => s.shortage)
        .map((s) => s.code)
        .sort(),
    ).toEqual([...domain.DEFAULT_SHORTAGE_SUBJECTS].sort());
  });

  it("GET /subjects?planId= answers the plan's own shortageSubjects, as it changes; without it, the default", async () => {
    const plan = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: auth(),
        payload: { year: 2027, parameters: { shortageSubjects: ['math', 'music'] } },
      })
    ).json();
    const flagged = async (q: string) =>
      (await allSubjects(q))
        .filter((s) => s.shortage)
        .map((s) => s.code)
        .sort();
    expect(await flagged(`&planId=${plan.id}`)).toEqual(['math', 'music']);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${plan.id}`, headers: auth(), payload: { parameters: { shortageSubjects: ['pe'] } } }))
        .statusCode,
    ).toBe(200);
    expect(await flagged(`&planId=${plan.id}`)).toEqual(['pe']);
    expect(
      (await get(`/api/v1/subjects?planId=${plan.id}`, tok.principal))
        .json()
        .items.filter((s: { shortage: boolean }) => s.shortage)
        .map((s: { code: string }) => s.code),
    ).toEqual(['pe']);
    expect(await flagged('')).toEqual([...domain.DEFAULT_SHORTAGE_SUBJECTS].sort());
    // a plan without the override takes the default
    const plain = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2028 } })).json();
    expect(await flagged(`&planId=${plain.id}`)).toEqual([...domain.DEFAULT_SHORTAGE_SUBJECTS].sort());
    expect((await get('/api/v1/subjects?planId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await get('/api/v1/subjects?planId=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
  });

  it("the subjects table keeps only the codes, equal to domain.ts's catalogue, in the seed rows and in the database", async () => {
    const seeded: string[] = [];
    for (const file of readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      for (const m of readFileSync(`${MIGRATIONS_DIR}/${file}`, 'utf8').matchAll(/INSERT INTO subjects\s*\([^)]*\)\s*VALUES([\s\S]*?);/gi)) {
        for (const row of m[1].matchAll(/\(\s*'([^']+)'/g)) seeded.push(row[1]);
      }
    }
    const codes = domain.SUBJECTS.map((s) => s.code);
    expect(seeded).toEqual(codes);
    const rows = await sql<{ code: string }>`SELECT code FROM subjects ORDER BY code`.execute(t.database.db);
    expect(rows.rows.map((r) => r.code)).toEqual([...codes].sort());
    const columns = await sql<{
      column_name: string;
    }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'subjects' AND table_schema = current_schema()`.execute(t.database.db);
    expect(columns.rows.map((r) => r.column_name)).toEqual(['code']);
  });

  it("the database's CHECKs list exactly domain.ts's codes (migrations cannot import it)", async () => {
    const checked = async (table: string, column: string) => {
      const r = await sql<{ def: string }>`
        SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'c' AND c.conrelid = ${table}::regclass AND array_length(c.conkey, 1) = 1 AND a.attname = ${column}`.execute(t.database.db);
      const defs = r.rows.map((x) => x.def).filter((d) => d.includes("'"));
      expect(defs, `${table}.${column}`).toHaveLength(1);
      return [...defs[0].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    };
    const expected: [string, string, readonly string[]][] = [
      ['schools', 'stage', domain.STAGES],
      ['schools', 'locality', domain.LOCALITIES],
      ['teachers', 'gender', domain.GENDERS],
      ['teachers', 'post', domain.POSTS],
      ['teachers', 'title', domain.TITLES],
      ['teachers', 'backbone', domain.BACKBONE_LEVELS],
      ['teachers', 'education', domain.EDUCATION_LEVELS],
      ['teachers', 'status', domain.TEACHER_STATUSES],
      ['teachers', 'subjects', domain.SUBJECTS.map((s) => s.code)],
      ['teachers', 'stages', domain.STAGES],
      ['teacher_exemptions', 'reason', domain.EXEMPTION_REASONS],
      ['service_records', 'post', domain.POSTS],
      ['service_records', 'kind', domain.SERVICE_KINDS],
      ['access_tokens', 'role', domain.ROLES],
      ['plans', 'status', domain.PLAN_STATUSES],
      ['proposals', 'status', domain.PROPOSAL_STATUSES],
      ['proposal_lines', 'kind', domain.LINE_KINDS],
      ['line_reviews', 'side', domain.REVIEW_SIDES],
      ['line_reviews', 'decision', domain.REVIEW_DECISIONS],
      ['plan_pins', 'kind', domain.LINE_KINDS],
    ];
    for (const [table, column, codes] of expected) expect(await checked(table, column), `${table}.${column}`).toEqual([...codes]);
  });
});
