// Starts a TypeScript worker thread: registers tsx in the worker, then loads workerData.entry.
// (A worker does not inherit the parent's TypeScript loader under tsx or vitest.) Only for runs from
// the source: the compiled service (dist/) starts its compiled worker directly and never loads tsx.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
