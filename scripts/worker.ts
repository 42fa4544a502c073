// npm run worker — a solve worker without HTTP, for PostgreSQL deployments: it takes proposals from
// the pg-boss queue that every service and worker process shares. Run as many as there are cores
// to spare, on any machine that reaches the database.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { loggerOptions } from '../src/logging.js';
import { SolveRunner } from '../src/services/solve-runner.js';

const config = loadConfig();
const log = pino(loggerOptions(config.logLevel));
if (!config.databaseUrl) {
  log.fatal('npm run worker needs DATABASE_URL: on the embedded database the service solves in its own worker thread');
  process.exit(2);
}
const database = await openDatabase(config);
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
    void runner
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
