import { parentPort } from 'node:worker_threads';
import { loadHighs } from '../../solver/highs.js';
import { solve } from '../../solver/index.js';
import { warmUpHighs } from '../../solver/warm-up.js';
import type { SolverInput } from '../../solver/types.js';

/**
 * Runs solves off the service's event loop, one after another, for as long as the service keeps this
 * thread (solve-in-worker.ts SolverThread): HiGHS (WASM) computes synchronously for seconds, and the
 * API must keep answering (progress polls included) meanwhile.
 */
const port = parentPort!;
// HiGHS's WebAssembly is loaded, and its branch and bound compiled by a small MIP, when the thread
// starts, not in the first solve (issue #13, solver/warm-up.ts)
void loadHighs()
  .then(() => warmUpHighs())
  .catch(() => undefined);
port.on('message', async (m: { type: 'solve'; input: SolverInput; options?: { itinerantWorkers?: number } }) => {
  if (m.type !== 'solve') return;
  try {
    const result = await solve(m.input, { ...m.options, onProgress: (p) => port.postMessage({ type: 'progress', progress: p }) });
    port.postMessage({ type: 'result', result });
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
