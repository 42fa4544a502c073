import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SolveRunner } from '../services/solve-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    solveRunner: SolveRunner;
  }
}

/** The background solve queue of this process: recovers interrupted proposals on start, stops on close. */
export default fp(
  async function solveRunnerPlugin(app: FastifyInstance) {
    const runner = new SolveRunner(app.db, app.log);
    app.decorate('solveRunner', runner);
    app.addHook('onReady', async () => runner.recover());
    app.addHook('preClose', async () => runner.close());
  },
  { name: 'solve-runner', dependencies: ['db'] },
);
