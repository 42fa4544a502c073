import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importToSolverInput } from '../../scripts/lib/import-to-solver-input.js';
import { solve } from '../../solver/index.js';
import { generateCounty } from '../../src/demo/generate-county.js';
import { SolverThread } from '../../src/services/solve-in-worker.js';

/**
 * Issue #13: the service keeps one solver thread between solves (starting one, loading HiGHS and
 * compiling the model code again cost 0.7-1 s of every re-solve). Kept, it must still give the lines a
 * fresh solve gives, survive a failed or cancelled solve, and never keep the process alive when idle.
 */
describe('the kept solver thread', () => {
  const input = importToSolverInput(generateCounty({ seed: 5, teachers: 400, year: 2027, shape: 'suburban' }), 2027);

  it('solves one proposal after another on the same thread, with the lines of a solve of its own', async () => {
    const thread = new SolverThread();
    thread.warm();
    const id = thread.threadId;
    expect(id).not.toBeNull();
    const firstHandle = thread.solve(input, () => {});
    const first = await firstHandle.result;
    // a cancel that comes after its solve finished (a late progress report, HR a moment too late) keeps the thread
    await firstHandle.cancel('too late');
    const second = await thread.solve({ ...input, previousLines: first.lines }, () => {}).result;
    expect(thread.threadId).toBe(id);
    const alone = await solve(input);
    expect(first.lines).toEqual(alone.lines);
    expect(second.lines.length).toBeGreaterThan(0);
    await thread.close();
    expect(thread.threadId).toBeNull();
  });

  it('after a failed solve and after a cancelled one, the next solve runs on a fresh thread', async () => {
    const thread = new SolverThread();
    // an input the solver cannot read: the solve fails with the reason, and the thread is not kept
    const bad = { ...input, schools: undefined } as unknown as typeof input;
    await expect(thread.solve(bad, () => {}).result).rejects.toThrow();
    const ok = await thread.solve(input, () => {}).result;
    expect(ok.lines.length).toBeGreaterThan(0);

    const id = thread.threadId;
    const running = thread.solve(input, () => {});
    await running.cancel('cancelled by HR');
    await expect(running.result).rejects.toThrow('cancelled by HR');
    const again = await thread.solve(input, () => {}).result;
    expect(again.lines).toEqual(ok.lines);
    expect(thread.threadId).not.toBe(id);
    await thread.close();
  });

  it('an idle kept thread does not keep the process alive', () => {
    // a process that warms a thread, solves once and returns must end by itself (no close())
    const root = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'solver-thread-'));
    const file = join(dir, 'idle.mts');
    writeFileSync(
      file,
      `import { SolverThread } from '${root}/src/services/solve-in-worker.ts';
      import { importToSolverInput } from '${root}/scripts/lib/import-to-solver-input.ts';
      import { generateCounty } from '${root}/src/demo/generate-county.ts';
      const t = new SolverThread();
      t.warm();
      const r = await t.solve(importToSolverInput(generateCounty({ seed: 1, teachers: 400, year: 2027, shape: 'suburban' }), 2027), () => {}).result;
      console.log('lines', r.lines.length);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).not.toMatch(/Error/);
    // killed by the timeout, the signal would say so: the process ended by itself
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^lines \d+/m);
  });
});
