// Starts a TypeScript worker thread of the solver from the source (tsx, vitest): registers tsx in the
// worker, then loads workerData.entry (a worker does not inherit the parent's TypeScript loader). The
// compiled solver (dist/) starts its compiled worker directly and never loads this file or tsx.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
