import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PGliteBackend } from './pglite-backend.js';

/**
 * Kysely dialect for the embedded PGlite database.
 *
 * PGlite is ONE connection. If two Kysely transactions interleave on it, one's ROLLBACK undoes the
 * other's rows without any error (this is what corrupted data with kysely-pglite). So every access
 * goes through one serialised path: acquiring "the connection" takes an exclusive lock that is held
 * until Kysely releases it — for a plain query that is one statement, for a transaction it is
 * BEGIN … COMMIT/ROLLBACK as a whole. test/db/serialisation.test.ts proves it. The lock is on this
 * side, whichever thread PGlite computes on (pglite-thread.ts: its own, issue #18).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGliteBackend) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

/** A FIFO lock: each acquire waits until every earlier holder released. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;
  private releaseLock: (() => void) | null = null;

  constructor(private readonly pglite: PGliteBackend) {
    this.connection = new PGliteConnection(pglite);
  }
  async init() {
    // opened (and ready) before the dialect is made: database.ts
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    this.releaseLock = release;
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const iso = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    await conn.executeQuery(CompiledQuery.raw(`BEGIN${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async releaseConnection() {
    const release = this.releaseLock;
    this.releaseLock = null;
    release?.();
  }
  async destroy() {
    // Wait for whoever holds the connection, then close PGlite (and end its thread): PGlite must be
    // closed, and the thread ended, or the process never exits.
    const release = await this.mutex.acquire();
    try {
      await this.pglite.close();
    } finally {
      release();
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGliteBackend) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple protocol, as node-postgres does: it runs multi-statement scripts (migrations).
    const res = await this.pglite.query(query.sql, query.parameters, query.parameters.length === 0);
    return {
      rows: res.rows as R[],
      ...(res.affectedRows !== undefined ? { numAffectedRows: BigInt(res.affectedRows) } : {}),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the embedded database');
  }
}
