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
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ROTATION_DATA_DIR,
    bootstrapToken: e.ROTATION_BOOTSTRAP_TOKEN,
    logLevel: e.LOG_LEVEL,
    importBodyLimit: Math.round(e.ROTATION_IMPORT_LIMIT_MB * 1024 * 1024),
  });
}
