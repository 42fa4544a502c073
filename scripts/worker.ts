// npm run worker — a solve worker without HTTP, for PostgreSQL deployments: it takes proposals from
// the pg-boss queue that every service and worker process shares. Run as many as there are cores
// to spare, on any machine that reaches the database.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openDatabase, surviveLostConnections } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { loggerOptions } from '../src/logging.js';
import { SolveRunner } from '../src/services/solve-runner.js';

const config = loadConfig();
const log = pino(loggerOptions(config.logLevel));
if (!config.databaseUrl) {
  log.fatal('npm run worker needs DATABASE_URL: on the embedded database the service solves in its own worker thread');
  process.exit(2);
}
/** how long a stop may take before the process ends anyway (a database that stopped answering must not hang it) */
const SHUTDOWN_DEADLINE_MS = 30_000;
surviveLostConnections(log);
// issue #18: a connection the database ends is logged; the solve on it goes back to the queue (SolveJob)
const database = await openDatabase({ ...config, onConnectionError: (err) => log.warn({ err }, 'database connection lost') });
await migrate(database.db);
const runner = new SolveRunner(database.db, log, {
  work: true,
  boss: {
    connectionString: config.databaseUrl,
    expireSeconds: config.jobExpireSeconds,
    maintenanceSeconds: config.jobMaintenanceSeconds,
    heartbeatSeconds: config.heartbeatSeconds,
    staleSeconds: config.heartbeatStaleSeconds,
  },
});
await runner.start();
log.info({ pid: process.pid, runner: runner.id }, 'solve worker ready');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'worker stopping');
    setTimeout(() => {
      log.error({ signal }, 'the worker did not stop in time: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void runner
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'the worker did not stop cleanly');
          process.exit(1);
        },
      );
  });
}
