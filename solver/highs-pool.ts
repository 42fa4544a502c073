import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HighsOptions, HighsOutcome, HighsProblem } from './highs.js';

/**
 * HiGHS on worker threads, for models that do not depend on each other (the 走教 model of each 学区,
 * issue #13): a model goes to the first free worker, so the wall time is about the slowest model's
 * rather than the sum. One pool lives for one solve: started before the rotation MIP, so the workers
 * load HiGHS (and tsx, from the source) while it runs, and always closed at the end of the solve.
 * The solve may itself run on a worker thread (src/services/solve-in-worker.ts): these are nested
 * workers, which Node allows, and end with their parent if it is terminated.
 */
export class HighsPool {
  private readonly workers: Worker[] = [];
  private readonly free: Worker[] = [];
  private readonly waiting: { id: number; problem: HighsProblem; opts: HighsOptions }[] = [];
  private readonly pending = new Map<number, { resolve: (o: HighsOutcome) => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();
  private broken: Error | null = null;
  private next = 0;

  private constructor(readonly size: number) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      const w = new Worker(script.file, { workerData: { entry: script.entry } });
      w.on('message', (m: { ready?: true; id?: number; out?: HighsOutcome; error?: string }) => {
        if (m.id !== undefined) {
          this.busy.delete(w);
          const job = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.error !== undefined) job?.reject(new Error(m.error));
          else job?.resolve(m.out!);
        }
        this.free.push(w);
        this.dispatch();
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a HiGHS worker stopped unexpectedly (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  private closed = false;

  /**
   * A pool of `size` workers (default: one per core), or null when there is no second core to gain
   * from: then the models are solved one after another on the calling thread.
   */
  static start(size = availableParallelism()): HighsPool | null {
    return size > 1 ? new HighsPool(size) : null;
  }

  run(problem: HighsProblem, opts: HighsOptions): Promise<HighsOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.next++;
    const done = new Promise<HighsOutcome>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.waiting.push({ id, problem, opts });
    this.dispatch();
    return done;
  }

  /** Stops every worker; models not yet solved are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the HiGHS pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.free.length && this.waiting.length) {
      const w = this.free.shift()!;
      const job = this.waiting.shift()!;
      this.busy.set(w, job.id);
      w.postMessage(job);
    }
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const { reject } of this.pending.values()) reject(err);
    this.pending.clear();
    this.waiting.length = 0;
  }
}

/**
 * Compiled (dist/) the worker is highs-worker.js, plain JavaScript. From the TypeScript source (tsx,
 * vitest) worker-boot.mjs registers tsx in the thread first; highs-worker.ts imports only highs.ts and
 * the `highs` package, so the worker transforms two small files.
 */
function workerScript(): { file: URL; entry?: string } {
  if (import.meta.url.endsWith('.js')) return { file: new URL('./highs-worker.js', import.meta.url) };
  return { file: new URL('./worker-boot.mjs', import.meta.url), entry: new URL('./highs-worker.ts', import.meta.url).href };
}
