import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** How long readiness waits for the database's answer: a server that does not answer is down for a load balancer too. */
const PING_TIMEOUT_MS = 3000;

/**
 * Whether the database answers a query now (readiness, GET /healthz). Never throws: a lost or refused
 * connection, or no answer within the time limit, is `false`. The pool opens a fresh connection for
 * the ping, so the first ping after the database is back says so.
 */
export async function databaseReachable(db: Db, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      sql`SELECT 1`.execute(db).then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
