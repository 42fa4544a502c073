import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openTestDatabase } from '../helpers.js';

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase({ migrated: false });
  });
  afterAll(async () => database.close());

  it('apply once, in order, and a second run applies nothing', async () => {
    const first = await migrate(database.db);
    expect(first[0]).toBe('0001_districts.sql');
    expect(first).toEqual([...first].sort());
    expect(await migrate(database.db)).toEqual([]);
  });

  it('two migrators at once apply each file once', async () => {
    const again = await Promise.all([migrate(database.db), migrate(database.db)]);
    expect(again).toEqual([[], []]);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(database.db);
    expect(n.rows[0].n).toBeGreaterThanOrEqual(6);
  });

  it('the database refuses what the checks forbid: an end before a start, an unknown enum, an audit edit', async () => {
    const db = database.db;
    const d = await db.insertInto('districts').values({ external_id: 'D', code: 'D', name: 'D' }).returning('id').executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('schools')
        .values({
          external_id: 'S',
          code: 'S',
          name: 'S',
          district_id: d.id,
          stage: 'college',
          locality: 'urban',
          is_high_quality: false,
          is_weak: false,
          is_central: false,
          is_teaching_point: false,
          is_boarding: false,
          lat: null,
          lon: null,
          approved_headcount: 1,
        })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await db.insertInto('audit_log').values({ token_id: null, actor: 'x', action: 'a', object_type: 'o', object_id: null, detail: '{}' }).execute();
    await expect(db.updateTable('audit_log').set({ actor: 'y' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
