import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openInThread } from './pglite-backend.js';
import { PGliteDialect } from './pglite-dialect.js';
import { PGliteThread } from './pglite-thread.js';
import type { DB } from './types.js';

export type Db = Kysely<DB>;
export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** the embedded database's whole contents (PGlite only): a migrated template for tests, reloaded with `loadDataDir` */
  dump?(): Promise<Blob>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/** Node's socket errors that mean the database server cannot be reached or hung up. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/**
 * SQLSTATEs of a lost or refused session: class 08 (connection exception), 57P01 admin_shutdown
 * (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
 * up, recovering), 57P05 idle_session_timeout, 53300 too_many_connections.
 */
const LOST_SQLSTATES = /^(08...|57P01|57P02|57P03|57P05|53300)$/;
/** What node-postgres (pg, pg-pool) says when a connection ends under a query or cannot be had. */
const LOST_MESSAGES =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end on the pool)$/;

/**
 * Whether an error means the database connection was lost or could not be opened (issue #18): the
 * request or solve did not fail on its own account, and the same work tried again on a fresh
 * connection may succeed. A session that ended with a FATAL or PANIC error (terminated, refused at
 * connect: "database … is not currently accepting connections") is one whatever its SQLSTATE. A
 * transaction cut this way was rolled back by PostgreSQL: nothing of it was written.
 */
export function isConnectionLost(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as { code?: unknown; severity?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || (LOST_SQLSTATES.test(e.code) && typeof e.severity === 'string'))) return true;
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  if (typeof e.message === 'string' && LOST_MESSAGES.test(e.message)) return true;
  // a refused connect to a host name with several addresses is an AggregateError of each attempt's
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isConnectionLost(x, depth + 1))) return true;
  return isConnectionLost(e.cause, depth + 1);
}

/**
 * For the entry points (src/server.ts, scripts/worker.ts). pg-boss 10 completes or fails a job without
 * awaiting it (its manager's `watch`): a connection lost at that moment is a promise rejection nobody
 * handles, and Node ends the process on one. A lost connection is logged (the job is pg-boss's to
 * expire and retry); any other unhandled rejection still ends the process, as Node would.
 */
export function surviveLostConnections(log: { warn(obj: object, msg: string): void; fatal(obj: object, msg: string): void }): void {
  process.on('unhandledRejection', (reason) => {
    if (isConnectionLost(reason)) {
      log.warn({ err: reason }, 'database connection lost outside a request');
      return;
    }
    log.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  loadDataDir?: Blob;
  /**
   * Told of each PostgreSQL connection that ended or failed outside a query's own answer (default: a
   * process warning). The query that was running on it fails by itself; this is for the log.
   */
  onConnectionError?: (err: Error) => void;
  /** the bench's "before" only: PGlite on the calling thread, as it ran before issue #18 */
  pgliteOnThisThread?: boolean;
}

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir` ('memory://' for an
 * in-memory one), in a worker thread of its own (issue #18: off the HTTP thread). Everything above
 * this function is the same code for both. `pgliteOnThisThread` runs PGlite on the caller's event
 * loop as before issue #18: only the load bench asks for it, to measure the difference.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID
            ? (v: string) => v
            : oid === INT8_OID
              ? (v: string) => Number(v)
              : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const onError = opts.onConnectionError ?? ((err: Error) => process.emitWarning(`PostgreSQL connection error: ${err.message}`));
    // Issue #18: a connection the server ends (pg_terminate_backend, a restart, a failover) makes its
    // pg.Client emit 'error', and an 'error' event nobody listens to ends the process. The pool listens
    // only while the client is idle; a client checked out by a query or a transaction (an import, a
    // publish, a solve storing its lines) has no listener, so each client gets its own for its whole
    // life. The query on it fails with the error (the request answers 503, src/plugins/errors.ts), the
    // pool drops the client when it is released (it is no longer queryable), and the next query opens
    // a fresh connection.
    pool.on('connect', (client) => client.on('error', onError));
    // an idle client's error reaches the pool too (after the client's own listener has logged it):
    // the pool discards the client; this listener only keeps the event from being unhandled
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const open = { dataDir: opts.dataDir, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) };
  const pglite = opts.pgliteOnThisThread ? await openInThread(open) : await PGliteThread.open(open);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), dump: () => pglite.dump() };
}
