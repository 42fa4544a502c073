import { parentPort } from 'node:worker_threads';
import { type HighsOptions, type HighsProblem, loadHighs, runHighs } from './highs.js';

/**
 * A worker of the HiGHS pool (highs-pool.ts): solves one model per message and answers with its
 * number. It loads HiGHS as soon as it starts, so a pool started before the rotation MIP is ready
 * when the 走教 models come (issue #13).
 */
void loadHighs();
parentPort!.on('message', async (m: { id: number; problem: HighsProblem; opts: HighsOptions }) => {
  try {
    const out = await runHighs(m.problem, m.opts);
    parentPort!.postMessage({ id: m.id, out }, [out.values.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort!.postMessage({ ready: true });
