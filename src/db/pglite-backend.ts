import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';

/**
 * What the Kysely dialect (pglite-dialect.ts) needs of the embedded database: one statement at a
 * time, a dump of its files, and a close. Two implementations: PGlite in a worker thread of its own
 * (pglite-thread.ts, what the service runs, issue #18) and PGlite on the calling thread (below, kept
 * for the load bench's "before" column and as the worker's own engine).
 */
export interface PGliteBackend {
  /**
   * One statement. `exec`: the simple protocol, as node-postgres uses without parameters: it runs
   * multi-statement scripts (migrations); the result is the last statement's.
   */
  query(sql: string, params: readonly unknown[], exec: boolean): Promise<StatementResult>;
  /** The database's files as an uncompressed tar (a migrated template for tests, reloaded with `loadDataDir`). */
  dump(): Promise<Blob>;
  /** Closes PGlite (and ends its thread); idempotent. */
  close(): Promise<void>;
}

export interface StatementResult {
  rows: unknown[];
  affectedRows?: number;
}

export interface PGliteOpenOptions {
  /** a folder on disk, or 'memory://' for a database in memory */
  dataDir: string;
  loadDataDir?: Blob;
}

/**
 * Opens PGlite with the service's type parsers: a DATE stays a 'YYYY-MM-DD' string (a calendar date
 * has no time zone) and an INT8 becomes a Number, as the node-postgres pool does (database.ts).
 */
export async function createPGlite(opts: PGliteOpenOptions): Promise<PGlite> {
  const inMemory = opts.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(inMemory ? {} : { dataDir: opts.dataDir }),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [pgliteTypes.DATE]: (v: string) => v, [pgliteTypes.INT8]: (v: string) => Number(v) },
  });
  await pglite.waitReady;
  return pglite;
}

/** One statement on a PGlite instance (the worker thread's and the in-thread backend's). */
export async function runStatement(pglite: PGlite, sql: string, params: readonly unknown[], exec: boolean): Promise<StatementResult> {
  const res = exec ? ((await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 }) : await pglite.query(sql, params as unknown[]);
  return { rows: res.rows, ...(res.affectedRows !== undefined && res.affectedRows !== null ? { affectedRows: res.affectedRows } : {}) };
}

/**
 * PGlite on the calling thread: every statement computes on the event loop of whoever calls it. The
 * service used this until issue #18 (50 principals at once waited 10-20 s); the load bench still opens
 * it to measure the difference (`npm run bench -- --only load`, its "in-thread" rows).
 */
export async function openInThread(opts: PGliteOpenOptions): Promise<PGliteBackend> {
  const pglite = await createPGlite(opts);
  return {
    query: (sql, params, exec) => runStatement(pglite, sql, params, exec),
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
