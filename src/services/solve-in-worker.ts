import { Worker } from 'node:worker_threads';
import type { SolverInput, SolverResult } from '../../solver/types.js';
import { RUNNING_COMPILED } from '../paths.js';

/**
 * The worker thread's script. Compiled (dist/, `npm start`, the Docker image) it is solve-worker.js,
 * plain JavaScript that Node runs without any loader. From the TypeScript source (tsx, vitest) a worker
 * does not inherit the parent's loader, so worker-boot.mjs registers tsx in the thread and then
 * imports solve-worker.ts (tsc emits no .mjs: the boot file exists only next to the source).
 */
function workerScript(): { file: URL; entry?: string } {
  if (RUNNING_COMPILED) return { file: new URL('./solve-worker.js', import.meta.url) };
  return { file: new URL('./worker-boot.mjs', import.meta.url), entry: new URL('./solve-worker.ts', import.meta.url).href };
}
const WORKER = workerScript();

export interface SolveHandle {
  result: Promise<SolverResult>;
  /** stops the solve; the result promise rejects with the given reason */
  cancel(reason: string): Promise<void>;
}

type Progress = { phase: string; fraction: number };
type FromWorker = { type: 'progress'; progress: Progress } | { type: 'result'; result: SolverResult } | { type: 'error'; message: string };

/**
 * One solver thread kept between solves (issue #13): starting a thread, loading the solver and HiGHS's
 * WebAssembly, and compiling the model builder's code again for every proposal cost 0.7-1 s of a
 * re-solve that itself takes about one. One solve at a time (the runner takes one at a time); a
 * cancelled or crashed solve ends its thread, and the next solve starts a fresh one. An idle thread
 * does not keep the process alive.
 */
export class SolverThread {
  private worker: Worker | null = null;
  private busy = false;

  /** the thread's id while it lives (a solve on a kept thread runs on the same id) */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  /** Starts the thread now, so the first solve finds the solver loaded. */
  warm(): void {
    if (!this.worker) this.worker = this.spawn();
  }

  solve(input: SolverInput, onProgress: (p: Progress) => void, options: { itinerantWorkers?: number } = {}): SolveHandle {
    if (this.busy) throw new Error('this solver thread is already solving');
    this.busy = true;
    const worker = this.worker ?? this.spawn();
    this.worker = worker;
    worker.ref();
    let cancelled: string | null = null;
    let settled = false;
    const result = new Promise<SolverResult>((resolve, reject) => {
      const done = (keep: boolean) => {
        settled = true;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        this.busy = false;
        if (keep && this.worker === worker) worker.unref();
        else this.drop(worker);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'progress') onProgress(m.progress);
        else if (m.type === 'result') {
          done(true);
          resolve(m.result);
        } else if (m.type === 'error') {
          // the solver threw (bad input, HiGHS failed): the thread itself is sound, but a fresh one is cheap insurance
          done(false);
          reject(new Error(m.message));
        }
      };
      const onExit = (code: number) => {
        if (settled) return;
        done(false);
        reject(new Error(cancelled ?? `the solver stopped unexpectedly (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
    worker.postMessage({ type: 'solve', input, options });
    return {
      result,
      cancel: async (reason: string) => {
        // a late cancel of a finished solve must not end the kept thread, perhaps solving the next proposal by now
        if (settled) return;
        cancelled = reason;
        await worker.terminate();
      },
    };
  }

  /** Ends the thread (the service shuts down); a solve still running rejects. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER.file, { workerData: { entry: WORKER.entry } });
    // an error of the thread itself (it failed to load): the solve, if any, ends through 'exit'
    worker.on('error', () => this.drop(worker));
    worker.on('exit', () => this.drop(worker));
    worker.unref();
    return worker;
  }

  private drop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}

/** One solve on a thread of its own, ended after it (tests, scripts); the service keeps a SolverThread. */
export function solveInWorker(input: SolverInput, onProgress: (p: Progress) => void, options: { itinerantWorkers?: number } = {}): SolveHandle {
  const thread = new SolverThread();
  const handle = thread.solve(input, onProgress, options);
  return { result: handle.result.finally(() => thread.close()), cancel: handle.cancel };
}
