import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Whether the database answers (GET /healthz). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
