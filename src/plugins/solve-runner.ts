import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { SolveRunner } from '../services/solve-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    solveRunner: SolveRunner;
  }
}

/** The background solve queue of this process: recovers interrupted proposals on start, stops on close. */
export default fp(
  async function solveRunnerPlugin(app: FastifyInstance, opts: { config: Readonly<Config> }) {
    const c = opts.config;
    const runner = new SolveRunner(app.db, app.log, {
      work: c.solveInService,
      embedded: !c.databaseUrl,
      ...(c.queue === 'pgboss' && c.databaseUrl
        ? {
            boss: {
              connectionString: c.databaseUrl,
              expireSeconds: c.jobExpireSeconds,
              maintenanceSeconds: c.jobMaintenanceSeconds,
              heartbeatSeconds: c.heartbeatSeconds,
              staleSeconds: c.heartbeatStaleSeconds,
            },
          }
        : {}),
    });
    app.decorate('solveRunner', runner);
    app.addHook('onReady', async () => runner.start());
    app.addHook('preClose', async () => runner.close());
  },
  { name: 'solve-runner', dependencies: ['db'] },
);
