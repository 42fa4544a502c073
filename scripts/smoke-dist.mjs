// npm run smoke:dist — proves that what `npm run build` produces runs as users run it (`npm start`,
// the Docker image), with nothing but the compiled JavaScript: builds dist/, generates a small county
// with the compiled generator, then
//  1. starts `node dist/src/server.js` on the embedded database in a temporary folder (and from that
//     folder, so nothing depends on the working directory), imports the county, creates a plan,
//     requests a proposal and polls it to `done` (the solve runs in the compiled worker thread, without
//     tsx), checks that `/` serves the page and `/openapi.json` the contract, and stops it with SIGTERM;
//  2. when SMOKE_DATABASE_URL names a PostgreSQL server: the same on a fresh database there, laid out as
//     docker-compose.yml runs it (the service with ROTATION_SOLVE_IN_SERVICE=false and two
//     `node dist/scripts/worker.js` processes that take the job from pg-boss), then drops that database.
// Plain JavaScript on purpose: it must not need tsx or the TypeScript source to run.
// Any failure prints SMOKE FAILED, the reason and the processes' last output, and exits 1.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const YEAR = 2027;
const TEACHERS = Number(process.env.SMOKE_TEACHERS ?? 400);
const START_TIMEOUT_MS = 60_000;
const SOLVE_TIMEOUT_MS = Number(process.env.SMOKE_SOLVE_TIMEOUT_MS ?? 300_000);
const PG_URL = process.env.SMOKE_DATABASE_URL;

const work = mkdtempSync(join(tmpdir(), 'lungang-smoke-'));
/** every process this script started, with its output, for the failure report and the cleanup */
const children = [];
let cleanup = async () => {};

function step(message) {
  process.stdout.write(`smoke: ${message}\n`);
}

async function fail(message) {
  process.stderr.write(`\nSMOKE FAILED: ${message}\n`);
  for (const c of children) {
    if (c.output.length > 0) process.stderr.write(`--- last output of ${c.name} ---\n${c.output.join('').split('\n').slice(-40).join('\n')}\n`);
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  }
  await cleanup().catch(() => undefined);
  process.stderr.write(`(the temporary folder ${work} is kept for inspection)\n`);
  process.exit(1);
}

function run(command, args, what) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) return fail(`${what} (${[command, ...args].join(' ')}) exited with ${r.status ?? r.signal}`);
}

/** Starts a compiled entry point from the temporary folder; resolves once its output matches `ready`. */
async function start(name, script, env, ready) {
  const proc = spawn(process.execPath, ['--enable-source-maps', join(ROOT, script)], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = { name, proc, output: [], exited: new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal }))) };
  children.push(child);
  const match = await new Promise((resolve) => {
    let seen = '';
    const timer = setTimeout(() => resolve(null), START_TIMEOUT_MS);
    const onData = (chunk) => {
      child.output.push(chunk);
      seen += chunk;
      const m = ready.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout.setEncoding('utf8').on('data', onData);
    proc.stderr.setEncoding('utf8').on('data', (chunk) => child.output.push(chunk));
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (!match) {
    await fail(
      proc.exitCode !== null ? `${name} exited with ${proc.exitCode} before it was ready` : `${name} was not ready within ${START_TIMEOUT_MS / 1000} s`,
    );
  }
  return { child, match };
}

/** SIGTERM, then the process must exit 0 on its own. */
async function stop(child) {
  child.proc.kill('SIGTERM');
  const end = await Promise.race([child.exited, new Promise((resolve) => setTimeout(() => resolve(null), 15_000))]);
  if (!end) await fail(`${child.name} did not stop within 15 s of SIGTERM`);
  if (end.code !== 0) await fail(`${child.name} stopped with ${end.code ?? end.signal} after SIGTERM, expected 0`);
}

/** The user's path through the service at `base`: import, plan, proposal to done, the page. */
async function exercise(base, token, countyBody) {
  async function call(method, path, body, expected) {
    let res;
    try {
      res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (err) {
      return fail(`${method} ${path}: ${err instanceof Error ? err.message : err}`);
    }
    const text = await res.text();
    if (res.status !== expected) return fail(`${method} ${path} answered ${res.status}, expected ${expected}: ${text.slice(0, 500)}`);
    return { res, text, json: () => JSON.parse(text) };
  }

  await call('GET', '/healthz', undefined, 200);
  const imported = (await call('PUT', '/api/v1/import', countyBody, 200)).json();
  step(`imported ${JSON.stringify(imported.created)}`);

  const plan = (await call('POST', '/api/v1/plans', { year: YEAR, name: 'smoke' }, 201)).json();
  const queued = (await call('POST', `/api/v1/plans/${plan.id}/proposals`, { engine: 'highs' }, 202)).json();
  step(`proposal ${queued.id} queued; polling until done`);
  const deadline = Date.now() + SOLVE_TIMEOUT_MS;
  let proposal;
  for (;;) {
    proposal = (await call('GET', `/api/v1/proposals/${queued.id}`, undefined, 200)).json();
    if (proposal.status === 'done') break;
    if (proposal.status === 'failed' || proposal.status === 'cancelled')
      await fail(`the proposal ended ${proposal.status}: ${proposal.error ?? JSON.stringify(proposal)}`);
    if (Date.now() > deadline) await fail(`the proposal was still ${proposal.status} after ${SOLVE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!proposal.summary) await fail(`the done proposal has no summary: ${JSON.stringify(proposal)}`);
  const lines = (await call('GET', `/api/v1/proposals/${queued.id}/lines?limit=5`, undefined, 200)).json();
  if (!Array.isArray(lines.items) || lines.items.length === 0) await fail(`the done proposal lists no lines: ${JSON.stringify(lines).slice(0, 300)}`);
  step(`proposal done: ${JSON.stringify(proposal.summary.lines ?? proposal.summary)}`);

  const page = await call('GET', '/', undefined, 200);
  const type = page.res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html') || !/<html/i.test(page.text)) await fail(`GET / did not serve the page (content-type ${type})`);
  await call('GET', '/openapi.json', undefined, 200);
  step('GET / serves the page, /openapi.json the contract');
}

/** The environment of a compiled process: only what the scenario sets, nothing from the caller's configuration. */
function processEnv(vars) {
  const env = { ...process.env, LOG_LEVEL: 'info', ...vars };
  for (const name of Object.keys(env)) if (/^(DATABASE_URL|ROTATION_|NODE_OPTIONS$)/.test(name) && !(name in vars)) delete env[name];
  return env;
}

const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;

// ---- build, then check the layout the Dockerfile copies
step('npm run build');
await run('npm', ['run', '--silent', 'build'], 'the build failed');
for (const file of [
  'dist/src/server.js',
  'dist/src/services/solve-worker.js',
  'dist/scripts/worker.js',
  'dist/scripts/migrate.js',
  'migrations',
  'public/index.html',
]) {
  if (!existsSync(join(ROOT, file))) await fail(`${file} is missing after the build`);
}
if (existsSync(join(ROOT, 'dist/src/services/worker-boot.mjs')))
  await fail('dist/ holds worker-boot.mjs: the compiled service must not boot its worker through tsx');

// ---- a small county from the compiled generator
const countyFile = join(work, 'county.json');
step(`generating a ${TEACHERS}-teacher county with node dist/scripts/generate-county.js`);
await run(
  process.execPath,
  [join(ROOT, 'dist/scripts/generate-county.js'), '--seed', '3', '--teachers', String(TEACHERS), '--year', String(YEAR), '--out', countyFile],
  'the compiled generator failed',
);
const countyBody = readFileSync(countyFile, 'utf8');

// ---- 1. the embedded database: the service solves in its own (compiled) worker thread
{
  step('1. node dist/src/server.js on the embedded database, in a temporary data folder');
  const token = randomBytes(24).toString('hex');
  const env = processEnv({ PORT: '0', HOST: '127.0.0.1', ROTATION_DATA_DIR: join(work, 'data'), ROTATION_BOOTSTRAP_TOKEN: token });
  const { child, match } = await start('node dist/src/server.js (embedded database)', 'dist/src/server.js', env, LISTENING);
  step(`listening at ${match[1]}`);
  await exercise(match[1], token, countyBody);
  await stop(child);
  step('1. OK: stopped cleanly');
}

// ---- 2. PostgreSQL as docker-compose.yml runs it: the service queues, two compiled workers solve
if (PG_URL) {
  const dbName = `lungang_smoke_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect().catch((err) => fail(`cannot reach SMOKE_DATABASE_URL: ${err.message}`));
  await admin.query(`CREATE DATABASE ${dbName}`);
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  };
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  step(`2. PostgreSQL (database ${dbName}): node dist/src/server.js with ROTATION_SOLVE_IN_SERVICE=false and two node dist/scripts/worker.js`);
  const token = randomBytes(24).toString('hex');
  const common = { DATABASE_URL: url.href, ROTATION_SOLVE_IN_SERVICE: 'false' };
  // all three start together, as compose starts them: the migrations run once, under their advisory lock
  const [service, ...workers] = await Promise.all([
    start(
      'node dist/src/server.js (PostgreSQL, no solving)',
      'dist/src/server.js',
      processEnv({ ...common, PORT: '0', HOST: '127.0.0.1', ROTATION_BOOTSTRAP_TOKEN: token }),
      LISTENING,
    ),
    start('node dist/scripts/worker.js #1', 'dist/scripts/worker.js', processEnv(common), /solve worker ready/),
    start('node dist/scripts/worker.js #2', 'dist/scripts/worker.js', processEnv(common), /solve worker ready/),
  ]);
  step(`listening at ${service.match[1]}; both workers ready`);
  await exercise(service.match[1], token, countyBody);
  const solvedBy = workers.filter((w) => /"proposalId"/.test(w.child.output.join(''))).map((w) => w.child.name);
  step(`solved by ${solvedBy.join(', ') || 'a worker (its log names no proposal)'}`);
  for (const c of [service.child, ...workers.map((w) => w.child)]) await stop(c);
  await cleanup();
  step('2. OK: the service and both workers stopped cleanly');
}

rmSync(work, { recursive: true, force: true });
step('OK: the compiled service builds, migrates, imports, solves in compiled code, serves the page and stops cleanly');
