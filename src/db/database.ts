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

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir` ('memory://' for an
 * in-memory one), in a worker thread of its own (issue #18: off the HTTP thread). Everything above
 * this function is the same code for both. `pgliteOnThisThread` runs PGlite on the caller's event
 * loop as before issue #18: only the load bench asks for it, to measure the difference.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  loadDataDir?: Blob;
  pgliteOnThisThread?: boolean;
}): Promise<Database> {
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
    // an idle client whose server connection drops (restart, failover) must not crash the process;
    // the pool discards it and the next query opens a fresh one
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle client error: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const open = { dataDir: opts.dataDir, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) };
  const pglite = opts.pgliteOnThisThread ? await openInThread(open) : await PGliteThread.open(open);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), dump: () => pglite.dump() };
}
