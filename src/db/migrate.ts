import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { packagePath } from '../paths.js';

export const MIGRATIONS_DIR = packagePath('migrations/');
/** An arbitrary constant: every process migrating the same database waits on this advisory lock. */
const MIGRATION_LOCK_KEY = 7_410_2023;

/**
 * Applies the plain-SQL files of migrations/ in name order, each once, under an advisory lock so that
 * several service or worker processes starting together migrate once. All pending files run in one
 * transaction: a failing migration leaves the database as it was. Returns the names applied.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
    const done = new Set((await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(trx)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await sql.raw(readFileSync(`${dir}/${file}`, 'utf8')).execute(trx);
      await sql`INSERT INTO schema_migrations (name) VALUES (${file})`.execute(trx);
      applied.push(file);
    }
    return applied;
  });
}
