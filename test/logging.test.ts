import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions, safeUrl } from '../src/logging.js';
import { auth, buildTestApp, HR_TOKEN, type TestApp } from './helpers.js';
import { tinyCounty } from './planning-fixture.js';

/**
 * Issue 9 §4: personal data stays out of the logs. Error lines once carried PostgreSQL's
 * `Failing row contains (…, 刘刚军, M, 1984-01-03, …)`, PGlite's SQL parameters (one 367 KB line
 * with 1,080 teachers' names), and info lines `q=<teacher name>`. The app logs here with its own
 * logger options (src/logging.ts) into a captured stream.
 */
describe('logs carry no personal data', () => {
  let t: TestApp;
  const lines: string[] = [];
  const log = () => lines.join('');
  const county = tinyCounty();
  // the rows that break the database: a birth date PostgreSQL has no year for (22008, whose message
  // quotes the value), and a NUL character PostgreSQL text cannot hold (22021)
  const badDate = { ...county.teachers[0]!, externalId: 'BAD-1', name: '刘刚军', birthDate: '0000-01-03' };
  const badText = { ...county.teachers[1]!, externalId: 'BAD-2', name: '王秀\u0000英' };
  const names = [...county.teachers.map((x) => x.name), '刘刚军', '王秀', '张伟民', '李娜娜'];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await buildTestApp({}, { logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a roster, a database error, a bad row and a name search leave no name, birth date or token in the log', async () => {
    const put = (payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: payload as object });
    expect((await put(county)).statusCode).toBe(200);

    // rows the database would refuse (a year 0, a NUL) are refused at the edge now, before any SQL
    expect((await put({ ...county, teachers: [...county.teachers, badDate] })).statusCode).toBe(400);
    expect((await put({ ...county, teachers: [...county.teachers, badText] })).statusCode).toBe(400);
    // the database's own refusal that no schema can foresee: a patched date against the stored row
    // breaks a CHECK, and PostgreSQL's detail ("Failing row contains …") carries the teacher's name
    const one = (await t.app.inject({ method: 'GET', url: '/api/v1/teachers?limit=1', headers: auth() })).json().items[0];
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/teachers/${one.id}`,
      headers: { ...auth(), 'if-match': '*' },
      payload: { hireDate: '2026-01-01' },
    });
    expect(patched.statusCode).toBe(400);
    // a row-validation failure
    expect((await put({ teachers: [{ ...county.teachers[0]!, name: '张伟民', gender: 'X' }] })).statusCode).toBe(400);
    // names in query strings
    for (const q of ['教师7', '李娜娜']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/teachers?q=${encodeURIComponent(q)}&limit=5`, headers: auth() })).statusCode).toBe(200);
    }

    const text = log();
    // the database's refusal was logged with what an operator needs: the code, the constraint, the table
    const refusals = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'database refused the request');
    expect(refusals).toEqual([expect.objectContaining({ code: '23514', table: 'teachers' })]);
    for (const name of names) expect(text, name).not.toContain(name);
    for (const raw of [encodeURIComponent('李娜娜'), encodeURIComponent('教师7'), '0000-01-03', '1985-03-01', 'Failing row', HR_TOKEN])
      expect(text, raw).not.toContain(raw);
    expect(text).toContain('/api/v1/teachers?q=…&limit=…');
  });

  it('a check-constraint error keeps its code, constraint and table, and loses the failing row and the parameters', async () => {
    const name = `刘刚军${'x'.repeat(200)}`;
    const err = await sql`INSERT INTO districts (external_id, code, name) VALUES (${'D-LOG'}, ${'D-LOG'}, ${name})`.execute(t.database.db).then(
      () => null,
      (e: unknown) => e,
    );
    // what the database said: the row's contents are in detail (and on PGlite the parameters too)
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message })).toContain('刘刚军');
    const logged = (loggerOptions('info').serializers!.err as (e: unknown) => Record<string, unknown>)(err);
    expect(logged).toMatchObject({ type: 'DatabaseError', code: '23514', constraint: 'districts_name_check', table: 'districts' });
    expect(logged.message).toBe('new row for relation "districts" violates check constraint "districts_name_check"');
    expect(JSON.stringify(logged)).not.toContain('刘刚军');
    expect(Object.keys(logged)).not.toEqual(expect.arrayContaining(['detail']));
  });

  it('request URLs keep the path and the query keys', () => {
    expect(safeUrl('/api/v1/teachers?q=%E5%88%98&q=x&limit=5')).toBe('/api/v1/teachers?q=…&limit=…');
    expect(safeUrl('/api/v1/teachers')).toBe('/api/v1/teachers');
  });
});
