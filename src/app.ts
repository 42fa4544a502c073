import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ensureBootstrapToken } from './db/tokens.js';
import { loggerOptions } from './logging.js';
import changeFeedPlugin from './plugins/change-feed.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin, { frameworkErrorHandler } from './plugins/errors.js';
import solveRunnerPlugin from './plugins/solve-runner.js';
import swaggerPlugin from './plugins/swagger.js';
import webPlugin from './plugins/web.js';
import api from './routes/api.js';
import { NOTICE_STYLE_HASH } from './services/notice-documents.js';
import health from './routes/health/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** set when this start made the first hr token: the caller prints it once */
    bootstrapSecret: string | null;
    /** the service's today (YYYY-MM-DD, China time): placement and import conflicts are taken on it (BuildOptions.now) */
    today(): string;
    /** the service's clock (BuildOptions.now): sessions and activation codes expire by it */
    now(): Date;
  }
}

/** A date as YYYY-MM-DD in China time (Asia/Shanghai): a county's 1 September starts at its own midnight. */
export function chinaDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The Content-Security-Policy of every answer: the service's own scripts, styles and images only. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // the notice page's one inline stylesheet by its hash (src/services/notice.ts), so it prints as saved
  styleSrc: ["'self'", NOTICE_STYLE_HASH],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * helmet's options. upgrade-insecure-requests (helmet's default) and HSTS only when the service is
 * reached over HTTPS (ROTATION_HTTPS=true): on a plain-HTTP intranet server the first makes the
 * browser ask for https://…/app.js, which fails, and the page stays blank; the second is ignored over
 * HTTP and would pin the host name to HTTPS once it is ever served with a certificate (docs/operations.md "HTTPS").
 */
export function securityHeaders(config: Pick<Config, 'https'>) {
  return {
    contentSecurityPolicy: { directives: { ...CSP, upgradeInsecureRequests: config.https ? [] : null } },
    // 180 days, this host name only: the service knows nothing of its parent domain's other hosts
    strictTransportSecurity: config.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : (false as const),
  };
}

export interface BuildOptions {
  /** an open database to use (tests); otherwise one is opened from the config and closed with the app */
  database?: Database;
  logger?: boolean | object;
  /** the clock the service reads "today" from (tests set a date; default the system clock) */
  now?: () => Date;
}

/** Builds the service: plugins, routes, error handler; no listen (src/server.ts does that). */
export async function buildApp(config: Readonly<Config>, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // no secret and no personal data in logs (src/logging.ts); an object given by the caller (a test's stream) extends these options
    logger: opts.logger === false ? false : { ...loggerOptions(config.logLevel), ...(typeof opts.logger === 'object' ? opts.logger : {}) },
    bodyLimit: 1024 * 1024,
    // errors raised before routing (a malformed %-escape) answer in the one error body too
    frameworkErrors: frameworkErrorHandler(securityHeaders(config)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // a connection the database ends is logged here; the request on it answers 503 (src/plugins/errors.ts)
  const database = opts.database ?? (await openDatabase({ ...config, onConnectionError: (err) => app.log.warn({ err }, 'database connection lost') }));
  try {
    await migrate(database.db);
    app.decorate('bootstrapSecret', await ensureBootstrapToken(database.db, config.bootstrapToken));
  } catch (err) {
    if (!opts.database) await database.close();
    throw err;
  }

  const now = opts.now ?? (() => new Date());
  app.decorate('today', () => chinaDate(now()));
  app.decorate('now', now);
  await app.register(errorsPlugin);
  await app.register(dbPlugin, { database, closeOnShutdown: !opts.database });
  await app.register(solveRunnerPlugin, { config });
  await app.register(changeFeedPlugin, { retentionDays: config.changesRetentionDays, tickSeconds: config.feedTickSeconds });
  // security headers on every answer; the page loads only its own scripts and styles, and no
  // other site may frame it (clickjacking)
  await app.register(helmet, securityHeaders(config));
  // counters for the API's failed authentications (src/plugins/auth.ts); no global limit
  await app.register(rateLimit, { global: false });
  // people's sessions travel in a cookie (src/routes/session); the CSRF secret in another, both
  // HttpOnly and SameSite=Strict, Secure when the service is reached over HTTPS (ROTATION_HTTPS)
  await app.register(cookie);
  await app.register(csrf, { cookieKey: 'rotation_csrf', cookieOpts: { path: '/api/v1', httpOnly: true, sameSite: 'strict', secure: config.https } });
  await app.register(swaggerPlugin);
  await app.register(health);
  await app.register(webPlugin);
  await app.register(api, {
    prefix: '/api/v1',
    import: { bodyLimit: config.importBodyLimit, maxTeachers: config.importMaxTeachers, maxSchools: config.importMaxSchools },
    auth: { failLimit: config.authFailLimit, failWindowSeconds: config.authFailWindowSeconds, sessions: config },
    session: config,
  });
  return app;
}
