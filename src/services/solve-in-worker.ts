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

/** Solves in a worker thread, reporting progress; a crash of the worker rejects with its reason. */
export function solveInWorker(
  input: SolverInput,
  onProgress: (p: { phase: string; fraction: number }) => void,
  options: { itinerantWorkers?: number } = {},
): SolveHandle {
  const worker = new Worker(WORKER.file, { workerData: { entry: WORKER.entry, input, options } });
  let cancelled: string | null = null;
  const result = new Promise<SolverResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: { type: string; progress?: { phase: string; fraction: number }; result?: SolverResult; message?: string }) => {
      if (m.type === 'progress' && m.progress) onProgress(m.progress);
      else if (m.type === 'result') {
        settled = true;
        resolve(m.result!);
        void worker.terminate();
      } else if (m.type === 'error') {
        settled = true;
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(cancelled ?? `the solver stopped unexpectedly (exit code ${code})`));
    });
  });
  return {
    result,
    cancel: async (reason: string) => {
      cancelled = reason;
      await worker.terminate();
    },
  };
}
