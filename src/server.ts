import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** Loads config, builds, listens, and shuts down gracefully on SIGINT/SIGTERM. */
const config = loadConfig();
const app = await buildApp(config);
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
