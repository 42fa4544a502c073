import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, buildTestApp, HR_TOKEN, type TestApp } from '../helpers.js';
import { tinyCounty } from '../planning-fixture.js';

/**
 * The page in a real browser: Debian's chromium driven by playwright-core (.ci/run installs it).
 * Outside CI, a machine without chromium skips this file (apt-get install chromium fonts-noto-cjk).
 */
const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);
const ARTIFACTS = 'test-artifacts';

describe.skipIf(!haveBrowser)('the web page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await buildTestApp();
    await t.app.inject({ method: 'PUT', url: '/api/v1/import', headers: auth(), payload: tinyCounty() });
    for (const s of (await t.app.inject({ method: 'GET', url: '/api/v1/schools', headers: auth() })).json().items) ids[s.externalId] = s.id;
    for (const ext of ['URB', 'JH-C']) {
      tok[ext] = (
        await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(), payload: { role: 'principal', schoolId: ids[ext], label: `${ext}校长` } })
      ).json().token;
    }
    ids.plan = (await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027 } })).json().id;
    await t.app.inject({ method: 'POST', url: `/api/v1/plans/${ids.plan}/proposals`, headers: auth(), payload: {} });
    await t.app.solveRunner.idle();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(token: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // the page must work under the service's strict Content-Security-Policy (src/app.ts): a refused
    // script, style or connection shows in the console
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    // the labels and the calendar come from GET /vocabulary, asked once after sign-in
    let vocabularyRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/vocabulary') vocabularyRequests++;
    });
    const res = await page.goto(base);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('访问令牌').fill(token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#view:not([hidden]) h2').first().waitFor();
    expect(errors).toEqual([]);
    expect(vocabularyRequests).toBe(1);
    page.on('close', () => expect(errors).toEqual([]));
    return page;
  }

  it('a wrong token is refused in words', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel('访问令牌').fill('rot_wrong');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#signin-error').textContent()).toBe('令牌无效');
    await page.close();
  });

  it('a principal signs in, sees only their school, and objects to a line with a comment', async () => {
    const page = await signIn(tok.URB);
    await expect.poll(() => page.locator('#who').textContent()).toContain('惠城实验小学');
    const outgoing = page.locator('section.card', { has: page.getByRole('heading', { name: /^调出/ }) });
    const rows = outgoing.locator('tr[data-line]');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // every line shown touches this school
    const lines = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/proposals/${(await t.app.inject({ method: 'GET', url: `/api/v1/plans/${ids.plan}/proposals`, headers: auth() })).json().items[0].id}/lines`,
        headers: auth(),
      })
    ).json().items as { id: string; fromSchoolId: string; toSchoolId: string }[];
    const shown = await page.locator('tr[data-line]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.line));
    const mine = lines.filter((l) => l.fromSchoolId === ids.URB || l.toSchoolId === ids.URB).map((l) => l.id);
    expect(shown.sort()).toEqual(mine.sort());
    // an objection needs a comment
    const first = rows.first();
    await first.getByRole('button', { name: '异议' }).click();
    await expect.poll(() => first.locator('.state').textContent()).toBe('提出异议须填写意见');
    await first.getByRole('textbox').fill('该教师任毕业班班主任，建议明年交流');
    await first.getByRole('button', { name: '异议' }).click();
    await expect.poll(() => first.locator('.state').textContent()).toBe('有异议：该教师任毕业班班主任，建议明年交流');
    await page.screenshot({ path: `${ARTIFACTS}/principal-view.png`, fullPage: true });
    // on a phone the page still works
    const phone = await signIn(tok.URB, 390);
    await phone.screenshot({ path: `${ARTIFACTS}/principal-view-phone.png`, fullPage: true });
    await phone.close();
    await page.close();
  });

  it('HR then sees the objection', async () => {
    const page = await signIn(HR_TOKEN);
    const objections = page.locator('section.card', { has: page.getByRole('heading', { name: /^校长异议/ }) });
    await expect.poll(() => objections.textContent()).toContain('该教师任毕业班班主任，建议明年交流');
    await page.close();
  });

  it('HR requests a proposal and the progress bar reaches done; the dashboard shows the quota', async () => {
    const page = await signIn(HR_TOKEN);
    await page.getByRole('button', { name: '生成新方案' }).click();
    await page.locator('#progress-box:not([hidden])').waitFor();
    await expect.poll(() => page.locator('#progress-text').textContent(), { timeout: 60_000 }).toContain('已完成');
    expect(await page.locator('#progress').getAttribute('value')).toBe('100');
    await expect.poll(() => page.locator('#proposal-list').textContent()).toContain('第2版');
    const dashboard = page.locator('section.card', { has: page.getByRole('heading', { name: /合规情况/ }) });
    await expect.poll(() => dashboard.textContent()).toContain('惠城实验小学');
    expect(await dashboard.locator('svg[role=img]').count()).toBe(1);
    // Q12: the exceptions on record and how many still need HR's reason
    await expect.poll(() => page.locator('#exceptions-open').textContent()).toMatch(/^待说明 \d+$/);
    await page.screenshot({ path: `${ARTIFACTS}/hr-view.png`, fullPage: true });
    await page.close();
  });

  it('HR filters the lines by school, pins one, compares versions, downloads the XLSX and publishes', async () => {
    const page = await signIn(HR_TOKEN);
    // the kind filter lists the vocabulary's line kinds in its order and words (the proposal's detail
    // is drawn after sign-in, so wait for it)
    await expect.poll(() => page.locator('#line-kind option').allTextContents()).toEqual(['全部类别', '交流轮岗', '干部交流', '跟岗学习', '走教']);
    await page.getByLabel('学校', { exact: true }).selectOption({ label: '惠城实验小学' });
    await page.getByRole('button', { name: '筛选' }).click();
    const rows = page.locator('#line-table tr[data-line]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    for (const text of await rows.allTextContents()) expect(text).toContain('惠城实验小学');
    // pin the first line: the plan's pins now hold it
    const first = rows.first();
    const lineId = await first.getAttribute('data-line');
    await first.getByRole('button', { name: '固定' }).first().click();
    await expect.poll(() => page.locator('#pin-msg').textContent()).toContain('已保存：固定1条');
    const pins = (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${ids.plan}/pins`, headers: auth() })).json();
    const lines = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/proposals/${(await t.app.inject({ method: 'GET', url: `/api/v1/plans/${ids.plan}/proposals`, headers: auth() })).json().items[0].id}/lines`,
        headers: auth(),
      })
    ).json().items as { id: string; teacherId: string }[];
    expect(pins.pin.map((p: { teacherId: string }) => p.teacherId)).toEqual([lines.find((l) => l.id === lineId)!.teacherId]);
    // compare with version 1
    await page.getByLabel('与其他版本比较').selectOption({ label: '第1版' });
    await page.getByRole('button', { name: '比较' }).click();
    await expect.poll(() => page.locator('#diff-out').textContent()).toMatch(/新增\d+条，删除\d+条，调整\d+条，不变\d+条/);
    // the 公示 list as a real spreadsheet
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载公示名单（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^公示名单-第2版\.xlsx$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    // publish, after the confirmation
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '公示并写入任职记录' }).click();
    await expect.poll(() => page.locator('#proposal-list').textContent()).toContain('已公示');
    await expect.poll(() => page.locator('#detail').textContent()).toContain('本版已公示');
    await expect.poll(() => page.locator('#action-msg').textContent()).toMatch(/^已公示，写入任职记录\d+条。$/);
    expect(await page.getByRole('button', { name: '生成新方案' }).isHidden()).toBe(true);
    expect(await page.locator('#plan-select').textContent()).toContain('已公示');
    const records = (await t.app.inject({ method: 'GET', url: `/api/v1/teachers/${lines[0].teacherId}/service-records`, headers: auth() })).json();
    expect(JSON.stringify(records)).toContain('"source":"plan"');
    await page.screenshot({ path: `${ARTIFACTS}/hr-published.png`, fullPage: true });
    await page.close();
  });

  it('every control has a label, the page is usable from the keyboard, and its text is readable', async () => {
    const page = await signIn(HR_TOKEN);
    const unlabeled = await page.evaluate(
      () =>
        [...document.querySelectorAll('input, select, textarea')].filter((el) => {
          const id = el.id;
          return !el.getAttribute('aria-label') && !(id && document.querySelector(`label[for="${id}"]`));
        }).length,
    );
    expect(unlabeled).toBe(0);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(['BUTTON', 'SELECT', 'INPUT']).toContain(focused);
    // readable contrast (WCAG AA, 4.5:1) for every piece of text on the page but disabled controls
    const poor = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = rgb(getComputedStyle(el).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        if ((el as HTMLButtonElement).disabled || !(el as HTMLElement).offsetParent) continue;
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent!.trim())
          .join('');
        if (!text) continue;
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) out.push(`${text.slice(0, 20)} ${ratio.toFixed(2)}`);
      }
      return out;
    });
    expect(poor).toEqual([]);
    await page.close();
  });
});
