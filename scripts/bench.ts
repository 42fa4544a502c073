// npm run bench [-- --only import,list,solver,api]
// Runs every measurement in one go, each heavy case in its own process (its peak memory is its own),
// and prints the tables the README carries. PostgreSQL: PG_BENCH_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { only: { type: 'string', default: 'import,list,solver,api' } } });
const only = new Set(values.only.split(','));
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  process.stdout.write(line + '\n');
};
function run(script: string, args: string[]): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

say(`# Benchmarks (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version})`);
if (only.has('import')) {
  say('\n## Bulk import (PUT /api/v1/import, whole roster in one request)\n');
  say('| teachers | database | body | first import | same body again (all unchanged) | peak RSS |');
  say('|---:|---|---:|---:|---:|---:|');
  for (const teachers of [12000, 20000]) {
    for (const db of ['pglite', 'postgres']) {
      const r = run('scripts/bench/import-case.ts', ['--db', db, '--teachers', String(teachers)]);
      say(`| ${teachers.toLocaleString('en')} | ${db} | ${r.bodyMB} MiB | ${r.seconds} s | ${r.reimportSeconds} s | ${r.peakRssMB} MB |`);
    }
  }
}
if (only.has('list')) {
  say('\n## Paged teacher list under load (GET /api/v1/teachers?limit=50&cursor=…, 12,000 teachers, autocannon 10 connections × 10 s)\n');
  say('| database | requests | req/s | p50 | p97.5 | p99 | max | non-2xx |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const db of ['pglite', 'postgres']) {
    const r = run('scripts/bench/list-case.ts', ['--db', db]);
    say(`| ${db} | ${r.requests} | ${r.rps} | ${r.p50ms} ms | ${r.p97_5ms} ms | ${r.p99ms} ms | ${r.maxMs} ms | ${r.non2xx} |`);
  }
}
if (only.has('solver')) {
  say('\n## Optimizer (scripts/bench-solver.ts)\n');
  const table = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-solver.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  for (const line of table.trimEnd().split('\n')) say(line);
}
if (only.has('api')) {
  say('\n## Whole API path (POST /plans/:id/proposals → status done, lines stored; 12,000 teachers)\n');
  say('| database | engine | request → done | lines | peak RSS |');
  say('|---|---|---:|---:|---:|');
  for (const db of ['pglite', 'postgres']) {
    const r = run('scripts/bench/api-case.ts', ['--db', db]);
    say(`| ${db} | ${r.engine} | ${r.seconds} s | ${r.lines} | ${r.peakRssMB} MB |`);
  }
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.md', out.join('\n') + '\n');
say('\n(written to bench-results/latest.md)');
