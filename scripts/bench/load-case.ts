// 50 principals at once (issue #18 point 3), in its own process:
//   tsx scripts/bench/load-case.ts --db pglite|postgres [--pglite-thread true|false] [--teachers 12000] [--connections 50] [--seconds 30]
// Imports the county and solves a first proposal (not timed), makes a principal token for the school
// with the most lines, and listens on 127.0.0.1. Then, twice — with nothing else running ("idle"),
// and while HR's proposals are solved one after another ("solving") — `connections` clients read
// GET /api/v1/proposals/:id/lines with the principal's token (schoolId implied) for `seconds`, each
// asking again as soon as it has its answer, while a probe reads /healthz every 200 ms. The clients
// run in processes of their own (load-driver.ts). `--pglite-thread false` opens PGlite on the HTTP
// thread as before issue #18, for the "before" rows.
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchHeaders, importCountyAndPlan, openBenchApp, proposeAndWait } from './bench-app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    'pglite-thread': { type: 'string', default: 'true' },
    teachers: { type: 'string', default: '12000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
  },
});
const seconds = Number(values.seconds);
const onThisThread = values.db === 'pglite' && values['pglite-thread'] === 'false';
const { app, close } = await openBenchApp(values.db, { pgliteOnThisThread: onThisThread });
const { planId } = await importCountyAndPlan(app, Number(values.teachers), 2027);
const first = await proposeAndWait(app, planId);

// the busiest school: the most lines touching it, either direction (as the page bench picks it)
const lines = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${first.id}/lines?limit=20000`, headers: benchHeaders })).json().items as {
  fromSchoolId: string;
  toSchoolId: string;
}[];
const touching = new Map<string, number>();
for (const l of lines) for (const s of new Set([l.fromSchoolId, l.toSchoolId])) touching.set(s, (touching.get(s) ?? 0) + 1);
const [busiest, busiestLines] = [...touching].sort((a, b) => b[1] - a[1])[0];
const token = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: benchHeaders,
    payload: { role: 'principal', schoolId: busiest, label: 'bench principal' },
  })
).json().token as string;
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const linesUrl = `${base}/api/v1/proposals/${first.id}/lines`;
const check = await fetch(linesUrl, { headers: { authorization: `Bearer ${token}` } });
if (check.status !== 200) throw new Error(`principal lines ${check.status}`);

const DRIVER = fileURLToPath(new URL('./load-driver.ts', import.meta.url));
function driver(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', DRIVER, ...args], { maxBuffer: 1 << 20, timeout: (seconds + 120) * 1000 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)),
    ),
  );
}

/**
 * The principals' load and the health probe side by side, for `seconds`, and how long the service's
 * event loop was held at a time meanwhile (what every request waits behind, whatever it asks).
 */
async function measure() {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const [principals, healthz] = await Promise.all([
    driver(['--mode', 'load', '--url', linesUrl, '--token', token, '--connections', values.connections, '--seconds', String(seconds)]),
    driver(['--mode', 'probe', '--url', `${base}/healthz`, '--seconds', String(seconds)]),
  ]);
  delay.disable();
  const eventLoopDelay = { p99ms: Math.round(delay.percentile(99) / 1e6), maxMs: Math.round(delay.max / 1e6) };
  return { principals, healthz, eventLoopDelay };
}

const idle = await measure();

// HR's proposals solved back to back for as long as the principals read (each request → done, polled as the page does)
let solving = true;
let solves = 0;
const solver = (async () => {
  while (solving) {
    const req = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/proposals`, headers: benchHeaders, payload: { engine: 'highs' } });
    if (req.statusCode !== 202) throw new Error(`request failed ${req.statusCode} ${req.body}`);
    let p = req.json();
    while (p.status === 'queued' || p.status === 'running') {
      await sleep(250);
      p = (await app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers: benchHeaders })).json();
    }
    if (p.status !== 'done') throw new Error(`proposal ${p.status}: ${p.error}`);
    solves++;
  }
})();
// the first solve's load phase (the master data read) is what a principal waits behind most: measured from its start
const whileSolving = await measure();
solving = false;
await solver;
await close();
process.stdout.write(
  JSON.stringify({
    db: values.db,
    pgliteThread: values.db === 'pglite' ? !onThisThread : null,
    connections: Number(values.connections),
    seconds,
    busiestLines,
    idle,
    solving: { ...whileSolving, solvesFinished: solves },
  }) + '\n',
);
