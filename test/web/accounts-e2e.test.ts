import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, requireBrowserOnCi, launchChromium } from '../../scripts/lib/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * People sign in to the page (api.md "People sign in"), in Debian's chromium: HR makes 30 principals'
 * accounts in one step and downloads their codes; a principal activates on a phone, signs in, reloads,
 * opens a second tab, signs out; a write forged by another site is refused.
 */
requireBrowserOnCi();
const ARTIFACTS = 'test-artifacts';
const PHONE = { width: 390, height: 844 };
const HR_PASSWORD = 'hr password 2027';

/** The tiny county plus 27 more schools: 30 schools without a principal's account. */
function thirtySchools() {
  const county = tinyCounty();
  const [template] = county.schools;
  for (let i = 1; i <= 27; i++) {
    const code = `S${String(i).padStart(2, '0')}`;
    county.schools.push({ ...template, externalId: code, code, name: `第${i}小学`, isHighQuality: false, needs: [] });
  }
  return county;
}

describe.skipIf(!haveBrowser)('accounts and sign-in in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const errorsOf = new Map<Page, string[]>();
  let principalCode = '';

  async function open(page: Page, url = base) {
    const errors: string[] = [];
    errorsOf.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    await page.goto(url);
  }
  async function signIn(page: Page, username: string, password: string) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#signout').waitFor();
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await buildTestApp();
    const call = (method: string, url: string, payload?: unknown) =>
      t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: auth(), ...(payload ? { payload: payload as object } : {}) });
    expect((await call('PUT', '/import', thirtySchools())).statusCode).toBe(200);
    // HR's own account, as the demo makes it
    const hr = (await call('POST', '/accounts', { username: 'renshi', displayName: '人事股管理员', role: 'hr' })).json();
    await call('POST', '/accounts/activate', { username: 'renshi', activationCode: hr.activationCode, password: HR_PASSWORD });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('HR signs in, creates 30 principals’ accounts in one step (confirmed with the count) and downloads the codes', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    await open(page);
    await signIn(page, 'renshi', HR_PASSWORD);
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 60_000 }).toContain('人事股管理员');
    await page.getByRole('link', { name: '账号' }).click();
    await expect.poll(() => page.locator('#accounts-summary').textContent(), { timeout: 60_000 }).toBe('共1个账号；30所学校尚无校长账号。');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.getByRole('button', { name: '为30所学校创建校长账号' }).click();
    // the answer's message first (an error would say why), then the 30 codes
    await expect.poll(() => page.locator('#accounts-msg').textContent(), { timeout: 120_000 }).not.toBe('');
    expect(await page.locator('#accounts-msg').textContent()).toContain('已创建30个校长账号');
    await expect.poll(() => page.locator('#code-table tbody tr').count(), { timeout: 60_000 }).toBe(30);
    expect(dialogs[0]).toContain('将为30所');
    await expect.poll(() => page.locator('#accounts-summary').textContent(), { timeout: 60_000 }).toBe('共31个账号；0所学校尚无校长账号。');
    expect(await page.locator('#account-table tbody tr').count()).toBe(31);
    await page.screenshot({ path: `${ARTIFACTS}/accounts-1-hr-bulk.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载激活码（Excel）' }).click()]);
    expect(download.suggestedFilename()).toBe('账号激活码.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('激活码')!.getSheetValues() as unknown[][]).filter(Boolean).slice(1);
    expect(rows).toHaveLength(30);
    const urb = rows.find((r) => r[4] === 'URB')!;
    expect(urb.slice(2, 4)).toEqual(['惠城实验小学', '惠城实验小学校长']);
    // the file lists what the page shows
    const shown = await page.locator('#code-table tbody tr', { hasText: '惠城实验小学校长' }).locator('td.code').textContent();
    expect(urb[5]).toBe(shown);
    principalCode = String(urb[5]);
    expect(errorsOf.get(page)).toEqual([]);
    await context.close();
  });

  it('a principal activates on a phone, signs in, reloads and opens a second tab still signed in, then signs out', async () => {
    expect(principalCode).not.toBe('');
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await open(page);
    await page.getByRole('button', { name: '激活账号' }).click();
    await page.getByLabel('用户名').fill('urb');
    await page.getByLabel('激活码').fill(principalCode.toLowerCase());
    await page.getByLabel('新密码', { exact: true }).fill('my school 2027');
    await page.getByLabel('再次输入新密码').fill('my school 2027');
    await page.screenshot({ path: `${ARTIFACTS}/accounts-2-principal-activates.png`, fullPage: true });
    await page.getByRole('button', { name: '激活', exact: true }).click();
    await expect.poll(() => page.locator('#signin-ok').textContent(), { timeout: 60_000 }).toBe('账号已激活，请用新密码登录。');
    expect(await page.getByLabel('用户名').inputValue()).toBe('urb');
    await page.getByLabel('密码', { exact: true }).fill('my school 2027');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 60_000 }).toContain('惠城实验小学');
    // nothing scrolls sideways on the phone
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);
    // the cookie is HttpOnly: the page's scripts cannot read it
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.reload();
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 60_000 }).toContain('惠城实验小学');
    const tab2 = await context.newPage();
    await open(tab2);
    await expect.poll(() => tab2.locator('#who').textContent(), { timeout: 60_000 }).toContain('惠城实验小学');
    await tab2.screenshot({ path: `${ARTIFACTS}/accounts-3-principal-second-tab.png`, fullPage: true });

    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    // the session ended on the server: the browser's cookie no longer opens anything, and the second tab is signed out on reload
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    await tab2.reload();
    await tab2.getByLabel('用户名').waitFor();
    expect(errorsOf.get(page)).toEqual([]);
    expect(errorsOf.get(tab2)).toEqual([]);
    await context.close();
  });

  it('a write forged by another site is refused: the session cookie does not go with it and nothing is written', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await open(page);
    await signIn(page, 'renshi', HR_PASSWORD);
    const plans = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/plans', headers: auth() })).json().items.length;
    const before = await plans();
    // another site's page posts a form to the service in the same browser
    const evil = await context.newPage();
    await evil.setContent(`<form method="POST" action="${base}/api/v1/plans" enctype="text/plain"><input name='{"year":2040,"x":"' value='"}'></form>`);
    const [answer] = await Promise.all([evil.waitForNavigation(), evil.evaluate(() => document.forms[0].submit())]);
    expect(answer!.status()).toBe(401);
    expect(await plans()).toBe(before);
    // the signed-in page itself still works
    await page.reload();
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 60_000 }).toContain('人事股管理员');
    await context.close();
  });
});
