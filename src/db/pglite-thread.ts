import { Worker } from 'node:worker_threads';
import { RUNNING_COMPILED } from '../paths.js';
import type { PGliteBackend, PGliteOpenOptions, StatementResult } from './pglite-backend.js';

/** What the service sends the database thread (pglite-worker.ts). */
export type ToPGliteThread =
  | { id: number; op: 'open'; dataDir: string; load?: { bytes: ArrayBuffer; type: string } }
  | { id: number; op: 'query'; sql: string; params: readonly unknown[]; exec: boolean }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** What it answers: rows, a dump, or the error's fields (copied: a cloned Error keeps only its message). */
export type FromPGliteThread =
  | { id: number; ok: true; rows?: unknown[]; affectedRows?: number; dump?: { bytes: ArrayBuffer; type: string } }
  | { id: number; ok: false; error: Record<string, unknown> };

/** a request before its id (Omit of each member of the union) */
type Request = ToPGliteThread extends infer R ? (R extends ToPGliteThread ? Omit<R, 'id'> : never) : never;
type Reply = Extract<FromPGliteThread, { ok: true }>;

/**
 * The thread's script, as for the solver's thread (src/services/solve-in-worker.ts): compiled
 * (dist/, `npm start`) plain pglite-worker.js; from the TypeScript source (tsx, vitest) the shared
 * worker-boot.mjs registers tsx in the thread first, since a worker does not inherit the loader.
 */
function workerScript(): { file: URL; entry?: string } {
  if (RUNNING_COMPILED) return { file: new URL('./pglite-worker.js', import.meta.url) };
  return { file: new URL('../services/worker-boot.mjs', import.meta.url), entry: new URL('./pglite-worker.ts', import.meta.url).href };
}

/** The database's error, rebuilt on this thread with the fields the error handler and the logger read. */
function databaseError(fields: Record<string, unknown>): Error {
  const err = new Error(String(fields.message ?? 'the embedded database failed'));
  const { message: _message, ...rest } = fields;
  return Object.assign(err, rest);
}

/**
 * PGlite in a worker thread of its own (issue #18 point 3). PGlite is WebAssembly that computes
 * synchronously: on the HTTP thread, one statement of a tenth of a second held every request for that
 * long, and 50 principals at once waited 10-20 s for an answer served in 20 ms. Here statements go by
 * message and rows come back; the one serialised path stays in pglite-dialect.ts, on this side.
 *
 * The thread keeps the process alive only while a statement is in flight (like the solver's thread);
 * close() closes PGlite in the thread and ends it. If the thread dies, every statement in flight and
 * every later one fails with the reason (the health check then fails too).
 */
export class PGliteThread implements PGliteBackend {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private stopped: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor() {
    const script = workerScript();
    this.worker = new Worker(script.file, { workerData: { entry: script.entry } });
    this.worker.unref();
    this.worker.on('message', (m: FromPGliteThread) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.ok) p.resolve(m);
      else p.reject(databaseError(m.error));
    });
    this.worker.on('error', (err) => this.stop(new Error(`the embedded database thread failed: ${err.message}`)));
    this.worker.on('exit', (code) => this.stop(new Error(`the embedded database thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and opens PGlite in it; rejects (and ends the thread) if it cannot be opened. */
  static async open(opts: PGliteOpenOptions): Promise<PGliteThread> {
    const thread = new PGliteThread();
    try {
      const load = opts.loadDataDir ? { bytes: await opts.loadDataDir.arrayBuffer(), type: opts.loadDataDir.type } : undefined;
      await thread.send({ op: 'open', dataDir: opts.dataDir, ...(load ? { load } : {}) }, load ? [load.bytes] : []);
    } catch (err) {
      await thread.worker.terminate();
      throw err;
    }
    return thread;
  }

  async query(sql: string, params: readonly unknown[], exec: boolean): Promise<StatementResult> {
    const r = await this.send({ op: 'query', sql, params, exec });
    return { rows: r.rows ?? [], ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}) };
  }

  async dump(): Promise<Blob> {
    const r = await this.send({ op: 'dump' });
    return new Blob([r.dump!.bytes], { type: r.dump!.type });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.stopped) await this.send({ op: 'close' }).catch(() => undefined);
      this.stop(new Error('the embedded database is closed'));
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private send(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      try {
        // a parameter that cannot be cloned (a function…) throws here, as it would fail to serialise in PGlite
        this.worker.postMessage({ ...request, id }, transfer);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
    });
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    this.worker.unref();
  }
}
