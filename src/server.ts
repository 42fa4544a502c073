import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { surviveLostConnections } from './db/database.js';

/** how long a stop may take before the process ends anyway (a database that stopped answering must not hang it) */
const SHUTDOWN_DEADLINE_MS = 30_000;

/** Loads config, builds, listens, and shuts down gracefully on SIGINT/SIGTERM. */
const config = loadConfig();
const app = await buildApp(config);
surviveLostConnections(app.log);
if (app.bootstrapSecret) {
  // printed once, on the first start of an empty database; only its hash is stored
  process.stdout.write(`\nFirst start: an hr token was created. Keep it, it is not shown again:\n  ${app.bootstrapSecret}\n\n`);
}
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error({ signal }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
await app.listen({ port: config.port, host: config.host });
