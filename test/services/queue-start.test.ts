import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SolveRunner } from '../../src/services/solve-runner.js';
import { openTestDatabase } from '../helpers.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Compose starts the service and its workers together on a new database: each process's pg-boss
 * creates the solve queue. Unserialised, two `create_queue` calls deadlock in PostgreSQL and a worker
 * exits at start (seen in CI's smoke run). Every round is a fresh database, so the queue is new.
 */
describe.skipIf(!onPostgres)('solve queues starting together (PostgreSQL)', () => {
  it('six processes starting at once on a new database all start', async () => {
    const log = pino({ level: 'silent' });
    for (let round = 0; round < 6; round++) {
      const database = await openTestDatabase();
      const runners = Array.from(
        { length: 6 },
        (_, i) =>
          new SolveRunner(database.db, log, {
            work: i > 0,
            boss: { connectionString: database.url as string, expireSeconds: 60, maintenanceSeconds: 30 },
          }),
      );
      const started = await Promise.allSettled(runners.map((r) => r.start()));
      for (const r of runners) await r.close();
      await database.close();
      const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
      expect(failures).toEqual([]);
    }
  });
});
