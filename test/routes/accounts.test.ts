import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, HR_TOKEN, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/** api.md "People sign in; systems use tokens": accounts, activation, sessions, CSRF, sign-out, limits, audit. */
describe('accounts and sessions for people', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const PASSWORD = 'correct horse battery';

  const inject = (method: string, url: string, opts: { headers?: Record<string, string>; payload?: unknown } = {}) =>
    t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: opts.headers, payload: opts.payload as object });
  const hr = (method: string, url: string, payload?: unknown) => inject(method, url, { headers: auth(), payload });

  interface Session {
    cookie: string;
    csrf: string;
    setCookie: string;
  }
  /** Signs in as a browser would: the answer's cookies become the next requests' cookie header. */
  async function signIn(username: string, password = PASSWORD, ip?: string): Promise<Session> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password }, ...(ip ? { remoteAddress: ip } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { cookie, csrf: res.json().csrfToken, setCookie: String(res.headers['set-cookie']) };
  }
  const as = (s: Session, method: string, url: string, payload?: unknown, csrf = true) =>
    inject(method, url, { headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) }, payload });

  /** An account made by HR and activated with its code. */
  async function activeAccount(body: { username: string; displayName: string; role: 'hr' | 'principal'; schoolId?: string }) {
    const made = await hr('POST', '/accounts', body);
    expect(made.statusCode, made.body).toBe(201);
    const { account, activationCode } = made.json();
    const act = await inject('POST', '/accounts/activate', { payload: { username: body.username, activationCode, password: PASSWORD } });
    expect(act.statusCode, act.body).toBe(200);
    return account as { id: string; username: string };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await hr('PUT', '/import', tinyCounty());
    for (const s of (await hr('GET', '/schools')).json().items) ids[s.externalId] = s.id;
  });
  afterAll(async () => t?.close());

  it('HR creates an account; it is activated once with its code, then signs in; GET /me answers for the session with a CSRF token', async () => {
    const made = await hr('POST', '/accounts', { username: 'hr-wang', displayName: '人事股王老师', role: 'hr' });
    expect(made.statusCode, made.body).toBe(201);
    const { account, activationCode } = made.json();
    expect(account).toMatchObject({
      username: 'hr-wang',
      displayName: '人事股王老师',
      role: 'hr',
      schoolId: null,
      disabled: false,
      activated: false,
      lastSignInAt: null,
    });
    expect(activationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // not activated: no sign-in
    expect((await inject('POST', '/session', { payload: { username: 'hr-wang', password: PASSWORD } })).json().code).toBe('SIGN_IN_FAILED');
    // a short password is refused and the code is not spent
    const short = await inject('POST', '/accounts/activate', { payload: { username: 'hr-wang', activationCode, password: 'short' } });
    expect(short.statusCode).toBe(400);
    // the code as a person types it from paper: lower case, no dashes
    const typed = activationCode.replace(/-/g, '').toLowerCase();
    const act = await inject('POST', '/accounts/activate', { payload: { username: 'HR-WANG', activationCode: typed, password: PASSWORD } });
    expect(act.statusCode, act.body).toBe(200);
    expect(act.json().account.activated).toBe(true);
    // the code works once
    const again = await inject('POST', '/accounts/activate', { payload: { username: 'hr-wang', activationCode, password: 'another password 2' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('ACTIVATION_FAILED');

    const s = await signIn('hr-wang');
    // HttpOnly, SameSite=Strict, not Secure on plain http (ROTATION_HTTPS unset)
    expect(s.setCookie).toMatch(/rotation_session=[^;]+;.*HttpOnly/);
    expect(s.setCookie).toMatch(/rotation_session=[^;]+;.*SameSite=Strict/);
    expect(s.setCookie).not.toMatch(/Secure/);
    const me = await as(s, 'GET', '/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ role: 'hr', label: '人事股王老师', account: { username: 'hr-wang' } });
    expect(me.json().csrfToken).toEqual(expect.any(String));
    // a bearer token's /me has no account and no CSRF token: existing tokens keep working
    expect((await hr('GET', '/me')).json()).toMatchObject({ role: 'hr', account: null, csrfToken: null });
    // HR sees who signed in when
    const listed = (await hr('GET', '/accounts')).json().items.find((a: { username: string }) => a.username === 'hr-wang');
    expect(Date.parse(listed.lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
    // a session acts as its role: HR's session writes (with the CSRF token)
    const plan = await as(s, 'POST', '/plans', { year: 2031 });
    expect(plan.statusCode, plan.body).toBe(201);
    // the audit names the account that acted
    const audit = (await hr('GET', `/audit?objectType=plan&objectId=${plan.json().id}`)).json().items;
    expect(audit[0]).toMatchObject({ actor: '人事股王老师 (hr-wang)', accountId: account.id, tokenId: null });
  });

  it('a write with the session cookie but without its CSRF token, or with a forged one from another site, is refused and writes nothing', async () => {
    const s = await signIn('hr-wang');
    const before = (await hr('GET', '/plans')).json().items.length;
    const none = await as(s, 'POST', '/plans', { year: 2032 }, false);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ statusCode: 403, code: 'CSRF_REFUSED' });
    // a cross-site form or fetch: the browser would attach the cookie (were it not SameSite=Strict), but
    // the other site cannot read the token; what it guesses does not verify
    const forged = await inject('POST', '/plans', {
      headers: { cookie: s.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'x-csrf-token': 'forged-token' },
      payload: { year: 2032 },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_REFUSED');
    // a token made for another browser's secret does not verify with this one's
    const other = await signIn('hr-wang');
    const swapped = await inject('POST', '/plans', { headers: { cookie: s.cookie, 'x-csrf-token': other.csrf }, payload: { year: 2032 } });
    expect(swapped.statusCode).toBe(403);
    expect((await hr('GET', '/plans')).json().items.length).toBe(before);
    // reads need no token; a bearer write needs none either
    expect((await as(s, 'GET', '/plans', undefined, false)).statusCode).toBe(200);
    // a second tab gets its own token from GET /me, and it works
    const tab2 = (await as(s, 'GET', '/me', undefined, false)).json().csrfToken;
    const ok = await inject('PATCH', `/plans/${(await hr('GET', '/plans')).json().items[0].id}`, {
      headers: { cookie: s.cookie, 'x-csrf-token': tab2 },
      payload: { name: '第二个标签页' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('sign-out ends the session on the server: the same cookie is refused afterwards', async () => {
    const s = await signIn('hr-wang');
    expect((await as(s, 'DELETE', '/session', undefined, false)).statusCode).toBe(403);
    const out = await as(s, 'DELETE', '/session');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/rotation_session=;/);
    const after = await as(s, 'GET', '/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_ENDED');
    const audit = (await hr('GET', '/audit?objectType=account&action=sign_out')).json().items;
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('a session ends after the idle time without requests, and after the absolute time whatever (the service clock)', async () => {
    const s = await signIn('hr-wang');
    t.clock.offsetMs += 29 * 60_000;
    expect((await as(s, 'GET', '/me')).statusCode).toBe(200);
    t.clock.offsetMs += 29 * 60_000;
    expect((await as(s, 'GET', '/me')).statusCode).toBe(200);
    t.clock.offsetMs += 31 * 60_000;
    expect((await as(s, 'GET', '/me')).statusCode).toBe(401);

    // used every 25 minutes, a session still ends 12 hours after sign-in
    const busy = await signIn('hr-wang');
    for (let i = 0; i < 28; i++) {
      t.clock.offsetMs += 25 * 60_000;
      expect((await as(busy, 'GET', '/me')).statusCode).toBe(200);
    }
    t.clock.offsetMs += 25 * 60_000;
    const late = await as(busy, 'GET', '/me');
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('SESSION_ENDED');
  });

  it('a disabled account: its sessions stop at once and it cannot sign in; enabled again, it can', async () => {
    const acc = await activeAccount({ username: 'hr-li', displayName: '人事股李老师', role: 'hr' });
    const s = await signIn('hr-li');
    const off = await hr('PATCH', `/accounts/${acc.id}`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await as(s, 'GET', '/me')).statusCode).toBe(401);
    expect((await inject('POST', '/session', { payload: { username: 'hr-li', password: PASSWORD } })).statusCode).toBe(401);
    await hr('PATCH', `/accounts/${acc.id}`, { disabled: false });
    await signIn('hr-li');
    const actions = (await hr('GET', `/audit?objectType=account&objectId=${acc.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'activate', 'sign_in', 'disable', 'enable', 'sign_in_failed']));
    const failed = (await hr('GET', `/audit?objectType=account&objectId=${acc.id}&action=sign_in_failed`)).json().items[0];
    expect(failed.detail).toMatchObject({ username: 'hr-li', reason: 'disabled' });
    // no password or code in the audit
    expect(JSON.stringify((await hr('GET', '/audit?objectType=account')).json())).not.toContain(PASSWORD);
  });

  it('a reset clears the password, ends the sessions and gives a new code; the old code no longer works', async () => {
    const made = (await hr('POST', '/accounts', { username: 'hr-zhao', displayName: '人事股赵老师', role: 'hr' })).json();
    await inject('POST', '/accounts/activate', { payload: { username: 'hr-zhao', activationCode: made.activationCode, password: PASSWORD } });
    const s = await signIn('hr-zhao');
    const reset = await hr('POST', `/accounts/${made.account.id}/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().account.activated).toBe(false);
    expect((await as(s, 'GET', '/me')).statusCode).toBe(401);
    expect((await inject('POST', '/session', { payload: { username: 'hr-zhao', password: PASSWORD } })).statusCode).toBe(401);
    expect(
      (await inject('POST', '/accounts/activate', { payload: { username: 'hr-zhao', activationCode: made.activationCode, password: 'a new password 1' } }))
        .statusCode,
    ).toBe(400);
    const ok = await inject('POST', '/accounts/activate', {
      payload: { username: 'hr-zhao', activationCode: reset.json().activationCode, password: 'a new password 1' },
    });
    expect(ok.statusCode).toBe(200);
    await signIn('hr-zhao', 'a new password 1');
  });

  it('an activation code expires (ROTATION_ACTIVATION_DAYS, 14 by default)', async () => {
    const made = (await hr('POST', '/accounts', { username: 'hr-late', displayName: '迟到的人', role: 'hr' })).json();
    t.clock.offsetMs += 15 * 24 * 3600_000;
    const res = await inject('POST', '/accounts/activate', { payload: { username: 'hr-late', activationCode: made.activationCode, password: PASSWORD } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ACTIVATION_FAILED');
  });

  it("HR creates principals' accounts for all schools without one, user name the school's code; a principal's session sees its own school only", async () => {
    const bulk = await hr('POST', '/accounts/bulk', { role: 'principal' });
    expect(bulk.statusCode, bulk.body).toBe(201);
    const items = bulk.json().items as { account: { id: string; username: string; schoolId: string; displayName: string }; activationCode: string }[];
    const schools = (await hr('GET', '/schools')).json().items as { id: string; code: string; name: string }[];
    expect(items.map((i) => i.account.username).sort()).toEqual(schools.map((s) => s.code).sort());
    const urb = items.find((i) => i.account.schoolId === ids.URB)!;
    expect(urb.account).toMatchObject({ username: 'URB', role: 'principal', displayName: '惠城实验小学校长' });
    // again: every school has one now
    expect((await hr('POST', '/accounts/bulk', { role: 'principal' })).json().items).toEqual([]);
    // one audit entry for the bulk action, with its items
    const entry = (await hr('GET', '/audit?objectType=account&action=bulk_create')).json().items[0];
    expect(entry.detail.accountIds).toHaveLength(items.length);

    // the list to hand out: every code is checked to be open
    const xlsx = await hr('POST', '/accounts/activation-codes.xlsx', {
      items: items.map((i) => ({ accountId: i.account.id, activationCode: i.activationCode })),
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('激活码')!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '学校', '姓名/称呼', '用户名', '激活码', '有效期至']);
    expect(ws.rowCount).toBe(items.length + 1);
    const urbRow = (ws.getSheetValues() as unknown[][]).find((r) => r?.[4] === 'URB')!;
    expect(urbRow.slice(2, 6)).toEqual(['惠城实验小学', '惠城实验小学校长', 'URB', urb.activationCode]);

    // the principal activates and signs in: the session acts exactly as a principal token of that school
    await inject('POST', '/accounts/activate', { payload: { username: 'urb', activationCode: urb.activationCode, password: PASSWORD } });
    // a spent code is not listed
    const spent = await hr('POST', '/accounts/activation-codes.xlsx', { items: [{ accountId: urb.account.id, activationCode: urb.activationCode }] });
    expect(spent.statusCode).toBe(400);
    const p = await signIn('URB');
    expect((await as(p, 'GET', '/me')).json()).toMatchObject({ role: 'principal', schoolId: ids.URB, schoolName: '惠城实验小学' });
    expect((await as(p, 'GET', `/schools/${ids.URB}`)).statusCode).toBe(200);
    expect((await as(p, 'GET', `/schools/${ids['JH-C']}`)).statusCode).toBe(403);
    const mine = (await as(p, 'GET', '/schools')).json().items;
    expect(mine.map((s: { id: string }) => s.id)).toEqual([ids.URB]);
    expect((await as(p, 'GET', `/teachers?schoolId=${ids['JH-C']}`)).statusCode).toBe(403);
    // and its role's limits: no plans, no accounts
    expect((await as(p, 'POST', '/plans', { year: 2033 })).statusCode).toBe(403);
    expect((await as(p, 'GET', '/accounts')).statusCode).toBe(403);
  });

  it('25 wrong passwords for one account from one address lock that account there, not another account from the same address', async () => {
    await activeAccount({ username: 'typo', displayName: '手误的人', role: 'hr' });
    await activeAccount({ username: 'colleague', displayName: '同一办公室的人', role: 'hr' });
    const ip = '10.1.2.3';
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'typo', password: `wrong ${i}` }, remoteAddress: ip });
      codes.push(r.statusCode);
    }
    // ten tries (ROTATION_SIGNIN_FAIL_LIMIT), then 429 for this account from this address
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual(Array(15).fill(429));
    // even the right password waits: the lock is before the password is checked
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'typo', password: PASSWORD }, remoteAddress: ip });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // the colleague behind the same address signs in
    await signIn('colleague', PASSWORD, ip);
    // the same account from another address too
    await signIn('typo', PASSWORD, '10.9.9.9');
    // bearer tokens from that address are not affected either
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(HR_TOKEN), remoteAddress: ip })).statusCode).toBe(200);
    // nor by pages opened before signing in: a request with no credentials at all guesses nothing and is not counted
    for (let i = 0; i < 25; i++) expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '10.7.7.7' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(HR_TOKEN), remoteAddress: '10.7.7.7' })).statusCode).toBe(200);
  });

  it('another service: over HTTPS the cookies are Secure; one address trying many accounts is stopped by the per-address limit', async () => {
    const other = await buildTestApp({ ROTATION_HTTPS: 'true', ROTATION_SIGNIN_ADDRESS_FAIL_LIMIT: '12' });
    try {
      const made = (
        await other.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: auth(), payload: { username: 'hr1', displayName: 'HR', role: 'hr' } })
      ).json();
      await other.app.inject({
        method: 'POST',
        url: '/api/v1/accounts/activate',
        payload: { username: 'hr1', activationCode: made.activationCode, password: PASSWORD },
      });
      const res = await other.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'hr1', password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.map((c) => c.name).sort()).toEqual(['rotation_csrf', 'rotation_session']);
      for (const c of res.cookies) expect(c).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/api/v1' });

      const codes: number[] = [];
      for (let i = 0; i < 14; i++) {
        const r = await other.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: `user${i}`, password: 'wrong' },
          remoteAddress: '10.5.5.5',
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([...Array(12).fill(401), 429, 429]);
      // another address is not
      const r = await other.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'user1', password: 'wrong' },
        remoteAddress: '10.5.5.6',
      });
      expect(r.statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('bad input is a 4xx in the one error body and writes nothing', async () => {
    const count = async () => (await hr('GET', '/accounts?limit=1000')).json().items.length;
    const before = await count();
    for (const body of [
      { username: 'x y', displayName: '有空格', role: 'hr' },
      { username: 'p1', displayName: '无学校校长', role: 'principal' },
      { username: 'h1', displayName: '有学校的人事', role: 'hr', schoolId: ids.URB },
      { username: 'hr-wang', displayName: '重名', role: 'hr' },
      { username: 'p2', displayName: '未知学校', role: 'principal', schoolId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const r = await hr('POST', '/accounts', body);
      expect([400, 404, 409]).toContain(r.statusCode);
      expect(r.json()).toMatchObject({ statusCode: r.statusCode, code: expect.any(String), message: expect.any(String) });
    }
    expect((await hr('PATCH', `/accounts/${ids.URB}`, { disabled: true })).statusCode).toBe(404);
    expect((await hr('PATCH', '/accounts/not-a-uuid', { disabled: true })).statusCode).toBe(400);
    expect((await hr('POST', '/accounts/bulk', { role: 'hr' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
