import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { requireBrowserOnCi, launchChromium } from '../lib/chromium.js';
import { benchHeaders, BENCH_TOKEN, importCountyAndPlan, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'pglite' }, teachers: { type: 'string', default: '12000' }, runs: { type: 'string', default: '5' } },
});
requireBrowserOnCi(true);

const { app, close } = await openBenchApp(values.db);
const { planId } = await importCountyAndPlan(app, Number(values.teachers), 2027);
const proposal = await proposeAndWait(app, planId);

// the busiest school: the most lines touching it, either direction
const lines = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${proposal.id}/lines?limit=20000`, headers: benchHeaders })).json().items as {
  fromSchoolId: string;
  toSchoolId: string;
}[];
const touching = new Map<string, number>();
for (const l of lines) for (const s of new Set([l.fromSchoolId, l.toSchoolId])) touching.set(s, (touching.get(s) ?? 0) + 1);
const [busiest, busiestLines] = [...touching].sort((a, b) => b[1] - a[1])[0];
const principal = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: benchHeaders,
    payload: { role: 'principal', schoolId: busiest, label: 'bench principal' },
  })
).json().token as string;

const base = await app.listen({ host: '127.0.0.1', port: 0 });
const browser: Browser = await launchChromium();

/** One sign-in in a fresh context: ms from the click to the finished view, and the rows drawn. */
async function render(token: string): Promise<{ ms: number; rows: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('body[data-render-ms]').waitFor({ timeout: 60_000 });
  const ms = Number(await page.locator('body').getAttribute('data-render-ms'));
  const rows = await page.locator('tr').count();
  await context.close();
  return { ms, rows };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(values.runs);
const result: Record<string, number> = {};
for (const [name, token] of [
  ['principal', principal],
  ['hr', BENCH_TOKEN],
] as const) {
  await render(token); // warm-up: the first load also compiles the page's scripts
  const samples: { ms: number; rows: number }[] = [];
  for (let i = 0; i < runs; i++) samples.push(await render(token));
  result[`${name}MedianMs`] = median(samples.map((s) => s.ms));
  result[`${name}MaxMs`] = Math.max(...samples.map((s) => s.ms));
  result[`${name}Rows`] = samples[0].rows;
}
await browser.close();
await close();
process.stdout.write(JSON.stringify({ db: values.db, teachers: Number(values.teachers), lines: lines.length, busiestLines, runs, ...result }) + '\n');
