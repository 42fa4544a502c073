import { parentPort } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { createPGlite, runStatement } from './pglite-backend.js';
import type { FromPGliteThread, ToPGliteThread } from './pglite-thread.js';

/**
 * The embedded database's own thread (issue #18): PGlite's WebAssembly computes synchronously, so
 * here it stalls nothing but this thread, and the service's event loop stays free for requests.
 * Requests arrive one at a time from the one serialised path of pglite-dialect.ts (the lock is on the
 * service's side, so a transaction holds PGlite from BEGIN to COMMIT or ROLLBACK); rows go back as
 * structured clones (faster to receive than JSON text of the same rows, measured in docs/benchmarks.md).
 */
const port = parentPort!;
let pglite: PGlite | null = null;

/**
 * A database error as the service's error handler and logger read it (src/plugins/errors.ts,
 * src/logging.ts): its SQLSTATE, severity, constraint, table, column… A structured clone of an Error
 * keeps only its message, so the fields are copied. Not the statement and its parameters: PGlite
 * adds them (`query`, `params`: hundreds of KB of a bulk insert, names included), nothing reads them,
 * and no log line may carry them.
 */
function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  for (const [k, v] of Object.entries(err)) {
    if (k === 'query' || k === 'params' || k === 'queryOptions') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

async function handle(m: ToPGliteThread): Promise<FromPGliteThread> {
  switch (m.op) {
    case 'open': {
      const loadDataDir = m.load ? new Blob([m.load.bytes], { type: m.load.type }) : undefined;
      pglite = await createPGlite({ dataDir: m.dataDir, ...(loadDataDir ? { loadDataDir } : {}) });
      return { id: m.id, ok: true };
    }
    case 'query': {
      if (!pglite) throw new Error('the embedded database is not open');
      const r = await runStatement(pglite, m.sql, m.params, m.exec);
      return { id: m.id, ok: true, rows: r.rows, ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}) };
    }
    case 'dump': {
      if (!pglite) throw new Error('the embedded database is not open');
      const blob = await pglite.dumpDataDir('none');
      return { id: m.id, ok: true, dump: { bytes: await blob.arrayBuffer(), type: blob.type } };
    }
    case 'close': {
      if (pglite && !pglite.closed) await pglite.close();
      pglite = null;
      return { id: m.id, ok: true };
    }
  }
}

port.on('message', (m: ToPGliteThread) => {
  handle(m).then(
    (reply) => port.postMessage(reply, reply.ok && 'dump' in reply && reply.dump ? [reply.dump.bytes] : []),
    (err: unknown) => port.postMessage({ id: m.id, ok: false, error: errorFields(err) } satisfies FromPGliteThread),
  );
});
