import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '../../solver/index.js';
import type { SolverInput } from '../../solver/types.js';

/**
 * Runs one solve off the service's event loop: HiGHS (WASM) computes synchronously for seconds,
 * and the API must keep answering (progress polls included) meanwhile.
 */
const { input, options } = workerData as { input: SolverInput; options?: { itinerantWorkers?: number } };
try {
  const result = await solve(input, { ...options, onProgress: (p) => parentPort!.postMessage({ type: 'progress', progress: p }) });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
