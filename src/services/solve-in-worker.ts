import { Worker } from 'node:worker_threads';
import type { SolverInput, SolverResult } from '../../solver/types.js';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./solve-worker.ts', import.meta.url).href;

export interface SolveHandle {
  result: Promise<SolverResult>;
  /** stops the solve; the result promise rejects with the given reason */
  cancel(reason: string): Promise<void>;
}

/** Solves in a worker thread, reporting progress; a crash of the worker rejects with its reason. */
export function solveInWorker(input: SolverInput, onProgress: (p: { phase: string; fraction: number }) => void): SolveHandle {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, input } });
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
