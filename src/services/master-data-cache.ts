import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SolverInput } from '../../solver/types.js';
import { allSchools } from '../db/schools.js';
import { allServiceRecords } from '../db/service-records.js';
import { allTeachers } from '../db/teachers.js';
import type { DB } from '../db/types.js';

type Q = Kysely<DB> | Transaction<DB>;
type MasterData = Pick<SolverInput, 'schools' | 'teachers'>;

/** What one load of the master data gave, with its JSON and gzip, kept for the next solve. */
interface Kept {
  /** master_data_changes rows when it was read: it is the data while the count stays the same */
  changes: number;
  data: MasterData;
  /** `"schools":[…],"teachers":[…]`: the middle of the snapshot's JSON (snapshot.ts serialiseInput) */
  json?: string;
  gzip?: Promise<Buffer>;
}

const countChanges = async (db: Q) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM master_data_changes`.execute(db)).rows[0].n);

/**
 * Schools, teachers and every ledger record, as the solver takes them (each teacher with their records).
 * `oneJsonValue`: the teachers as one JSON value (faster on PGlite only, teachers.ts allTeachers).
 */
export async function readMasterData(db: Q, opts: { oneJsonValue?: boolean } = {}): Promise<MasterData> {
  const [schools, teachers, records] = await Promise.all([allSchools(db), allTeachers(db, {}, opts), allServiceRecords(db)]);
  const recordsBy = new Map<string, SolverInput['teachers'][number]['serviceRecords']>();
  for (const { teacherId, ...r } of records) {
    const list = recordsBy.get(teacherId) ?? [];
    list.push(r);
    recordsBy.set(teacherId, list);
  }
  return { schools, teachers: teachers.map((t) => ({ ...t, serviceRecords: recordsBy.get(t.id) ?? [] })) };
}

/**
 * The master data a solve reads, kept between the solves of one process while it does not change
 * (issue #13: reading 12,000 teachers from the embedded database took 0.6-0.8 s of every re-solve).
 * Whether it changed is the database's to say: every statement that changes it adds a row to
 * master_data_changes (migration 0017), visible when it commits. A load counts the rows before and
 * after reading; only a load that no commit interrupted is kept, and it is used again only while
 * the count is the same. The kept objects are never handed out for changing: the solve sends them to
 * its worker thread (a copy) and serialises them.
 */
export class MasterDataCache {
  private kept: Kept | null = null;
  hits = 0;
  misses = 0;

  constructor(private readonly read: { oneJsonValue?: boolean } = {}) {}

  async load(db: Q): Promise<MasterData> {
    const before = await countChanges(db);
    if (this.kept?.changes === before) {
      this.hits++;
      return this.kept.data;
    }
    this.misses++;
    this.kept = null;
    const data = await readMasterData(db, this.read);
    if ((await countChanges(db)) === before) this.kept = { changes: before, data };
    return data;
  }

  /** The JSON of the kept data and its gzip member, computed once per load (undefined for data not kept). */
  serialised(data: MasterData): { json: string; gzip: Promise<Buffer> } | undefined {
    const k = this.kept;
    if (!k || k.data !== data) return undefined;
    k.json ??= `"schools":${JSON.stringify(data.schools)},"teachers":${JSON.stringify(data.teachers)}`;
    k.gzip ??= promisify(gzip)(k.json);
    return { json: k.json, gzip: k.gzip };
  }
}
