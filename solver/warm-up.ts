/**
 * A small MIP for a solver thread to solve when it starts (issue #13): V8 compiles HiGHS's
 * WebAssembly function by function on first use and optimises the hot ones later, so the first
 * branch-and-bound of a process ran 2-3 times slower (the first 走教 model of a fresh thread: 0.4 s,
 * the same model again 0.12 s). The service's kept solver thread pays that while it waits for work.
 * The model is a generalised assignment problem (items to bins, capacities), deterministic and
 * small enough to take a few hundred milliseconds.
 */
import { LpModel, solveLp } from './lp.js';

export async function warmUpHighs(): Promise<void> {
  const lp = new LpModel();
  const items = 60;
  const bins = 8;
  let seed = 7;
  const rand = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const x: number[][] = [];
  for (let i = 0; i < items; i++) x.push(Array.from({ length: bins }, () => lp.addVar({ cost: Math.round(rand() * 100), ub: 1, integer: true })));
  // each item in one bin; each bin holds at most its capacity of weight
  for (let i = 0; i < items; i++)
    lp.addRow(
      x[i].map((v): [number, number] => [v, 1]),
      1,
      1,
    );
  for (let b = 0; b < bins; b++)
    lp.addRow(
      x.map((row): [number, number] => [row[b], 5 + Math.round(rand() * 20)]),
      -Infinity,
      (items * 15) / bins,
    );
  await solveLp(lp, 'highs', { mipGap: 1e-4, strategy: 'mip' });
  // and its relaxation, as the rotation model's LP-first strategy solves it (lp.ts)
  lp.integer.fill(false);
  await solveLp(lp, 'highs', { mipGap: 1e-4, noPresolve: true, strategy: 'mip' });
}
