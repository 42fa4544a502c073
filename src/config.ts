import { z } from 'zod';

/** The service's configuration, parsed once from the environment (api.md "Running it"). */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  ROTATION_DATA_DIR: z.string().min(1).default('./data'),
  ROTATION_BOOTSTRAP_TOKEN: z.string().min(16, 'ROTATION_BOOTSTRAP_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** largest request body for PUT /import, in MiB (a 20,000-teacher roster is about 15 MiB) */
  ROTATION_IMPORT_LIMIT_MB: z.coerce.number().positive().max(1024).default(64),
  /** auto: pg-boss on PostgreSQL, the service's own queue on the embedded database */
  ROTATION_QUEUE: z.enum(['auto', 'local', 'pgboss']).default('auto'),
  /** whether the service itself also runs solves (set false when dedicated `npm run worker` processes do) */
  ROTATION_SOLVE_IN_SERVICE: z.enum(['true', 'false']).default('true'),
  /** a solve job not finished this long after a worker took it is retried (its worker is taken for dead) */
  ROTATION_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(86400).default(1800),
  /** how often pg-boss looks for expired jobs */
  ROTATION_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** failed authentications one client address may make per window before it gets 429 */
  ROTATION_AUTH_FAIL_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  ROTATION_AUTH_FAIL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** a worker renews the heartbeat of the proposal it solves this often */
  ROTATION_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** a running proposal whose heartbeat is older than this is taken from its dead worker and retried, whatever the job expiry */
  ROTATION_HEARTBEAT_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** most teachers one PUT /import may carry (a 20,000-teacher county imports in one request); past it a 413 before any row is checked */
  ROTATION_IMPORT_MAX_TEACHERS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  /** most districts plus schools one PUT /import may carry (a county has a few hundred schools) */
  ROTATION_IMPORT_MAX_SCHOOLS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /**
   * true when browsers reach the service over HTTPS only (its own certificate or a TLS proxy in front):
   * then the CSP asks for upgrade-insecure-requests, HSTS is sent and the session cookies are
   * `Secure`. Unset, none is: a county's intranet server is often plain HTTP, where any one leaves the
   * page blank or nobody able to sign in (docs/operations.md "HTTPS").
   */
  ROTATION_HTTPS: z.enum(['true', 'false']).default('false'),
  /** a person's session ends after this long without a request (idle expiry) */
  ROTATION_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** and this long after sign-in, whatever (absolute expiry) */
  ROTATION_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** an activation code HR hands out works once, for this many days */
  ROTATION_ACTIVATION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** failed sign-ins (or activations) for one account from one address per window before that pair gets 429 */
  ROTATION_SIGNIN_FAIL_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** failed sign-ins from one address, over all accounts, per window before the address gets 429 for sign-in */
  ROTATION_SIGNIN_ADDRESS_FAIL_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(100),
  ROTATION_SIGNIN_FAIL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /** issue #23: changes are kept this many days (at least 13 months; an older cursor is 410) */
  ROTATION_CHANGES_RETENTION_DAYS: z.coerce.number().int().min(396).max(36500).default(400),
  /** how often each process runs the feed's scheduled job (move.effective, move.ended, retention) */
  ROTATION_FEED_TICK_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded PGlite database in dataDir */
  databaseUrl: string | undefined;
  /** the embedded database's folder; 'memory://' keeps it in memory (tests) */
  dataDir: string;
  bootstrapToken: string | undefined;
  logLevel: string;
  importBodyLimit: number;
  queue: 'local' | 'pgboss';
  solveInService: boolean;
  jobExpireSeconds: number;
  jobMaintenanceSeconds: number;
  authFailLimit: number;
  authFailWindowSeconds: number;
  heartbeatSeconds: number;
  heartbeatStaleSeconds: number;
  /** row limits of one PUT /import: teachers, and districts + schools */
  importMaxTeachers: number;
  importMaxSchools: number;
  /** browsers reach the service over HTTPS only: upgrade-insecure-requests and HSTS are sent, session cookies are Secure */
  https: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  activationDays: number;
  signInFailLimit: number;
  signInAddressFailLimit: number;
  signInFailWindowSeconds: number;
  /** the change feed (issue #23): retention in days, and the scheduled job's period */
  changesRetentionDays: number;
  feedTickSeconds: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(clean);
  if (parsed.success && parsed.data.ROTATION_QUEUE === 'pgboss' && !parsed.data.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  ROTATION_QUEUE: pgboss needs DATABASE_URL (PostgreSQL)');
  }
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  // one late beat of a busy worker must not hand its solve to another
  if (e.ROTATION_HEARTBEAT_STALE_SECONDS < 2 * e.ROTATION_HEARTBEAT_SECONDS) {
    throw new Error('Invalid configuration:\n  ROTATION_HEARTBEAT_STALE_SECONDS: must be at least twice ROTATION_HEARTBEAT_SECONDS');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ROTATION_DATA_DIR,
    bootstrapToken: e.ROTATION_BOOTSTRAP_TOKEN,
    logLevel: e.LOG_LEVEL,
    importBodyLimit: Math.round(e.ROTATION_IMPORT_LIMIT_MB * 1024 * 1024),
    queue: e.ROTATION_QUEUE === 'auto' ? (e.DATABASE_URL ? 'pgboss' : 'local') : e.ROTATION_QUEUE,
    solveInService: e.ROTATION_SOLVE_IN_SERVICE === 'true',
    jobExpireSeconds: e.ROTATION_JOB_EXPIRE_SECONDS,
    jobMaintenanceSeconds: e.ROTATION_JOB_MAINTENANCE_SECONDS,
    authFailLimit: e.ROTATION_AUTH_FAIL_LIMIT,
    authFailWindowSeconds: e.ROTATION_AUTH_FAIL_WINDOW_SECONDS,
    heartbeatSeconds: e.ROTATION_HEARTBEAT_SECONDS,
    heartbeatStaleSeconds: e.ROTATION_HEARTBEAT_STALE_SECONDS,
    importMaxTeachers: e.ROTATION_IMPORT_MAX_TEACHERS,
    importMaxSchools: e.ROTATION_IMPORT_MAX_SCHOOLS,
    https: e.ROTATION_HTTPS === 'true',
    sessionIdleMinutes: e.ROTATION_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.ROTATION_SESSION_MAX_HOURS,
    activationDays: e.ROTATION_ACTIVATION_DAYS,
    signInFailLimit: e.ROTATION_SIGNIN_FAIL_LIMIT,
    signInAddressFailLimit: e.ROTATION_SIGNIN_ADDRESS_FAIL_LIMIT,
    signInFailWindowSeconds: e.ROTATION_SIGNIN_FAIL_WINDOW_SECONDS,
    changesRetentionDays: e.ROTATION_CHANGES_RETENTION_DAYS,
    feedTickSeconds: e.ROTATION_FEED_TICK_SECONDS,
  });
}
