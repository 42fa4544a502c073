import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ensureBootstrapToken } from './db/tokens.js';
import authPlugin from './plugins/auth.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import solveRunnerPlugin from './plugins/solve-runner.js';
import swaggerPlugin from './plugins/swagger.js';
import webPlugin from './plugins/web.js';
import audit from './routes/audit/index.js';
import districts from './routes/districts/index.js';
import exportRoutes from './routes/export/index.js';
import health from './routes/health/index.js';
import importRoute from './routes/import/index.js';
import plans from './routes/plans/index.js';
import proposals from './routes/proposals/index.js';
import schools from './routes/schools/index.js';
import subjects from './routes/subjects/index.js';
import teachers from './routes/teachers/index.js';
import tokens from './routes/tokens/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** set when this start made the first hr token: the caller prints it once */
    bootstrapSecret: string | null;
  }
}

export interface BuildOptions {
  /** an open database to use (tests); otherwise one is opened from the config and closed with the app */
  database?: Database;
  logger?: boolean | object;
}

/** Builds the service: plugins, routes, error handler; no listen (src/server.ts does that). */
export async function buildApp(config: Readonly<Config>, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      // no secret in logs: the bearer token never reaches a log line
      redact: ['req.headers.authorization'],
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = opts.database ?? (await openDatabase(config));
  try {
    await migrate(database.db);
    app.decorate('bootstrapSecret', await ensureBootstrapToken(database.db, config.bootstrapToken));
  } catch (err) {
    if (!opts.database) await database.close();
    throw err;
  }

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { database, closeOnShutdown: !opts.database });
  await app.register(solveRunnerPlugin, { config });
  await app.register(swaggerPlugin);
  await app.register(authPlugin);
  await app.register(health);
  await app.register(webPlugin);
  await app.register(
    async (api) => {
      await api.register(subjects);
      await api.register(districts);
      await api.register(schools);
      await api.register(teachers);
      await api.register(tokens);
      await api.register(importRoute, { bodyLimit: config.importBodyLimit });
      await api.register(exportRoutes);
      await api.register(audit);
      await api.register(plans);
      await api.register(proposals);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
