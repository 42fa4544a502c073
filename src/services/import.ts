import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import createError from '@fastify/error';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { appendAudit, type Actor } from '../db/audit.js';
import { districtUpserts, recordChanges, schoolUpserts, serviceRecordWrites, teacherUpserts } from '../db/changes.js';
import type { Db } from '../db/database.js';
import { isRuralClass, newSchoolRow } from '../db/schools.js';
import { ledgersOf } from '../db/service-records.js';
import { newTeacherRow } from '../db/teachers.js';
import type { DB } from '../db/types.js';
import { fieldOf, ImportInvalid, withDetails, type Detail } from '../errors.js';
import { ImportDistrictSchema, ImportSchoolSchema, ImportTeacherSchema, type ImportBodyParsed, type ImportResult } from '../schemas/master-data.js';
import { placementOf } from './master-data.js';

type Trx = Transaction<DB>;
type Kind = 'districts' | 'schools' | 'teachers';
const CHUNK = 1000;
/** rows validated between two yields to the event loop, so other requests are served during a large import */
const SLICE = 500;
/** problems listed in one 400; the message gives the total (a 1,000,000-row bad import once answered a 114 MB body) */
export const MAX_LISTED_PROBLEMS = 1000;

/** Row limits of one import (config ROTATION_IMPORT_MAX_TEACHERS / ROTATION_IMPORT_MAX_SCHOOLS). */
export interface ImportLimits {
  maxTeachers: number;
  /** districts plus schools */
  maxSchools: number;
}
export const ImportTooLarge = createError<[string]>('PAYLOAD_TOO_LARGE', '%s', 413);

/**
 * Imports are serialised: in this process by a promise chain (so queued imports do not hold pool
 * connections other requests need), across processes by a transaction-scoped advisory lock. Two
 * overlapping imports that add the same district then never both insert it (one got 409
 * districts_external_id_key): the second sees the first's rows and finds them unchanged.
 */
const importQueues = new WeakMap<Db, Promise<unknown>>();
/** two-int advisory lock key ('rota', 1): the two-int key space does not overlap pg-boss's bigint keys */
const IMPORT_LOCK = sql`SELECT pg_advisory_xact_lock(1919906913, 1)`;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Counts every problem but keeps only the first MAX_LISTED_PROBLEMS, so a body of bad rows cannot make a huge answer. */
class Problems {
  readonly list: Detail[] = [];
  total = 0;
  private readonly rows = new Set<string>();
  add(d: Detail) {
    this.total++;
    this.rows.add(`${String(d.kind)}:${String(d.index)}`);
    if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push(d);
  }
  get any() {
    return this.total > 0;
  }
  error() {
    const err = new ImportInvalid(fmt(this.rows.size) as unknown as number);
    if (this.total > this.list.length) err.message += `; ${fmt(this.total)} problems, the first ${fmt(this.list.length)} are listed`;
    return withDetails(err, this.list);
  }
}

/** 413 before any row is checked when the body carries more rows than one import may. */
export function checkRowLimits(raw: unknown, limits: ImportLimits) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const count = (k: Kind) => {
    const v = (raw as Record<string, unknown>)[k];
    return Array.isArray(v) ? v.length : 0;
  };
  const teachers = count('teachers');
  const schools = count('districts') + count('schools');
  if (teachers > limits.maxTeachers) {
    throw new ImportTooLarge(
      `The import carries ${fmt(teachers)} teachers; one import takes at most ${fmt(limits.maxTeachers)} (ROTATION_IMPORT_MAX_TEACHERS); nothing was written`,
    );
  }
  if (schools > limits.maxSchools) {
    throw new ImportTooLarge(
      `The import carries ${fmt(schools)} districts and schools; one import takes at most ${fmt(limits.maxSchools)} (ROTATION_IMPORT_MAX_SCHOOLS); nothing was written`,
    );
  }
}

/**
 * PUT /import: idempotent upsert of districts, schools and teachers keyed by externalId, all or
 * nothing. Every bad reference is found before anything is written and reported in one 400
 * (kind, index, field, message). Unchanged objects are not written, so the same body twice writes
 * nothing the second time and says so.
 */
/** How an import meets the ledger (docs/import-conflicts.md). */
export interface ImportOptions {
  /** the service's today (YYYY-MM-DD): conflicts are taken on it, and an accepted placement starts on it */
  today?: string;
  /** HR's word that the personnel system's school and post win over what published plans wrote (audited) */
  acceptPersonnelPlacement?: boolean;
}

export async function importRoster(db: Db, raw: unknown, actor: Actor, limits?: ImportLimits, opts: ImportOptions = {}): Promise<ImportResult> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  if (limits) checkRowLimits(raw, limits);
  const { body, problems } = await parseRows(raw);
  const result: ImportResult = {
    created: { districts: 0, schools: 0, teachers: 0 },
    updated: { districts: 0, schools: 0, teachers: 0 },
    unchanged: { districts: 0, schools: 0, teachers: 0 },
    conflicts: [],
    stale: [],
    placementsAccepted: false,
  };
  const bad = (kind: Kind, index: number, field: string, message: string) => problems.add({ kind, index, field, message });

  duplicates(body.districts, (d) => d.externalId, 'districts', 'externalId', bad);
  duplicates(body.districts, (d) => d.code, 'districts', 'code', bad);
  duplicates(body.schools, (s) => s.externalId, 'schools', 'externalId', bad);
  duplicates(body.schools, (s) => s.code, 'schools', 'code', bad);
  duplicates(body.teachers, (t) => t.externalId, 'teachers', 'externalId', bad);

  const run = (importQueues.get(db) ?? Promise.resolve()).then(() =>
    db.transaction().execute(async (trx) => {
      await IMPORT_LOCK.execute(trx);
      // what this import changed, for the change feed (reported last, in this transaction)
      const feed: FeedIds = { districts: [], schools: [], teachers: [], formerSchool: new Map(), records: [] };
      // ---- what the database already has
      const dbDistricts = await trx.selectFrom('districts').selectAll().execute();
      const dbSchools = await trx.selectFrom('schools').selectAll().execute();
      const districtIdByExt = new Map(dbDistricts.map((d) => [d.external_id, d.id]));
      const schoolIdByExt = new Map(dbSchools.map((s) => [s.external_id, s.id]));
      const bodyDistricts = new Set(present(body.districts).map((d) => d.externalId));
      const bodySchools = new Map(present(body.schools).map((s) => [s.externalId, s]));
      const knownDistrict = (ext: string) => bodyDistricts.has(ext) || districtIdByExt.has(ext);
      const knownSchool = (ext: string) => bodySchools.has(ext) || schoolIdByExt.has(ext);

      // ---- references, all checked before any write
      codeClashes(body.districts, dbDistricts, 'districts', bad);
      codeClashes(body.schools, dbSchools, 'schools', bad);
      body.schools.forEach((s, i) => {
        if (!knownDistrict(s.districtExternalId)) bad('schools', i, 'districtExternalId', `unknown district ${s.districtExternalId}`);
        s.pairedSchoolExternalIds.forEach((p, j) => {
          if (p === s.externalId) bad('schools', i, `pairedSchoolExternalIds[${j}]`, 'a school cannot be paired with itself');
          else if (!knownSchool(p)) bad('schools', i, `pairedSchoolExternalIds[${j}]`, `unknown school ${p}`);
        });
      });
      body.teachers.forEach((t, i) => {
        if (!knownSchool(t.schoolExternalId)) bad('teachers', i, 'schoolExternalId', `unknown school ${t.schoolExternalId}`);
        t.preferences.schoolExternalIds.forEach((p, j) => {
          if (!knownSchool(p)) bad('teachers', i, `preferences.schoolExternalIds[${j}]`, `unknown school ${p}`);
        });
        t.serviceRecords?.forEach((r, j) => {
          if (!knownSchool(r.schoolExternalId)) bad('teachers', i, `serviceRecords[${j}].schoolExternalId`, `unknown school ${r.schoolExternalId}`);
        });
      });
      if (problems.any) throw problems.error();

      // issue #23: rows older than what is stored are left out (listed as stale) before anything is written; their references were checked with the rest, and they exist
      const stampOf = async (kind: Kind) =>
        kind === 'districts'
          ? new Map(dbDistricts.map((d) => [d.external_id, d.source_updated_at]))
          : kind === 'schools'
            ? new Map(dbSchools.map((d) => [d.external_id, d.source_updated_at]))
            : new Map(
                (await trx.selectFrom('teachers').select(['external_id', 'source_updated_at']).where('source_updated_at', 'is not', null).execute()).map(
                  (r) => [r.external_id, r.source_updated_at],
                ),
              );
      for (const kind of ['districts', 'schools', 'teachers'] as const) {
        if (!body[kind].some((r) => r?.sourceUpdatedAt)) continue;
        const stored = await stampOf(kind);
        const rows = body[kind] as ({ externalId: string; sourceUpdatedAt?: string } | undefined)[];
        rows.forEach((r, index) => {
          const have = r?.sourceUpdatedAt ? stored.get(r.externalId) : null;
          if (!r?.sourceUpdatedAt || !have || Date.parse(r.sourceUpdatedAt) >= new Date(have).getTime()) return;
          result.stale.push({ kind, index, externalId: r.externalId, sourceUpdatedAt: r.sourceUpdatedAt, storedSourceUpdatedAt: new Date(have).toISOString() });
          delete rows[index];
        });
        (body as Record<string, unknown[]>)[kind] = rows.filter((r) => r !== undefined);
      }

      // ---- districts
      const dbDistrictByExt = new Map(dbDistricts.map((d) => [d.external_id, d]));
      for (const d of body.districts) {
        const old = dbDistrictByExt.get(d.externalId);
        if (!old) {
          const r = await trx
            .insertInto('districts')
            .values({ external_id: d.externalId, code: d.code, name: d.name, source_updated_at: d.sourceUpdatedAt ?? null })
            .returning('id')
            .executeTakeFirstOrThrow();
          districtIdByExt.set(d.externalId, r.id);
          feed.districts.push(r.id);
          result.created.districts++;
        } else if (old.code !== d.code || old.name !== d.name) {
          await trx
            .updateTable('districts')
            .set({ code: d.code, name: d.name, updated_at: new Date(), source_updated_at: d.sourceUpdatedAt ?? old.source_updated_at })
            .where('id', '=', old.id)
            .execute();
          feed.districts.push(old.id);
          result.updated.districts++;
        } else result.unchanged.districts++;
      }

      // ---- schools
      await importSchools(trx, body, districtIdByExt, schoolIdByExt, result, feed);

      // ---- teachers
      const ruralByExt = new Map<string, boolean>(dbSchools.map((s) => [s.external_id, isRuralClass(s)]));
      for (const s of body.schools) ruralByExt.set(s.externalId, isRuralClass(s));
      const accepted = await importTeachers(trx, body, schoolIdByExt, ruralByExt, result, { today, accept: opts.acceptPersonnelPlacement === true, feed });

      await appendAudit(trx, actor, { action: 'import', objectType: 'roster', detail: result });
      // HR overrode what published plans wrote: one entry naming every teacher whose placement changed
      if (accepted.length)
        await appendAudit(trx, actor, {
          action: 'accept_personnel_placement',
          objectType: 'roster',
          detail: { from: today, teachers: accepted },
        });
      await recordChanges(trx, [
        ...(await districtUpserts(trx, feed.districts)),
        ...(await schoolUpserts(trx, feed.schools)),
        ...(await teacherUpserts(trx, [...new Set(feed.teachers)], feed.formerSchool)),
        ...(await serviceRecordWrites(trx, feed.records)),
      ]);
    }),
  );
  importQueues.set(
    db,
    run.catch(() => undefined),
  );
  await run;
  return result;
}

const ROW_SCHEMAS = { districts: ImportDistrictSchema, schools: ImportSchoolSchema, teachers: ImportTeacherSchema } as const;

/**
 * Validates row by row, so that one 400 lists every bad row of every kind (a whole-body parse would
 * stop at the shape and hide the bad references of the rows that are fine).
 */
async function parseRows(raw: unknown): Promise<{ body: ImportBodyParsed; problems: Problems }> {
  const problems = new Problems();
  const body: ImportBodyParsed = { districts: [], schools: [], teachers: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add({ field: 'body', message: 'must be an object {districts, schools, teachers}' });
    return { body, problems };
  }
  for (const kind of ['districts', 'schools', 'teachers'] as const) {
    const rows = (raw as Record<string, unknown>)[kind];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      problems.add({ kind, field: kind, message: 'must be an array' });
      continue;
    }
    for (let index = 0; index < rows.length; index++) {
      // slices: a large import is checked between other requests, not in one block (/healthz once waited 12 s)
      if (index > 0 && index % SLICE === 0) await yieldToEventLoop();
      const parsed = ROW_SCHEMAS[kind].safeParse(rows[index]);
      // a bad row leaves a hole, so the indexes of the rest stay true to the request (forEach skips holes)
      if (parsed.success) (body[kind] as unknown[])[index] = parsed.data;
      else for (const issue of parsed.error.issues) problems.add({ kind, index, field: fieldOf(issue.path) || kind, message: issue.message });
    }
  }
  return { body, problems };
}

function present<T>(rows: T[]): T[] {
  return rows.filter((r) => r !== undefined);
}

function duplicates<T>(rows: T[], key: (r: T) => string, kind: Kind, field: string, bad: (k: Kind, i: number, f: string, m: string) => void) {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = key(r);
    const at = first.get(k);
    if (at !== undefined) bad(kind, i, field, `duplicate ${field} ${k} (also at index ${at})`);
    else first.set(k, i);
  });
}

/** A code already used in the database by an object with another externalId would violate UNIQUE(code). */
function codeClashes(
  rows: { externalId: string; code: string }[],
  existing: { external_id: string; code: string }[],
  kind: Kind,
  bad: (k: Kind, i: number, f: string, m: string) => void,
) {
  const ownerOfCode = new Map(existing.map((e) => [e.code, e.external_id]));
  const newCodeOf = new Map(present(rows).map((r) => [r.externalId, r.code]));
  rows.forEach((r, i) => {
    const owner = ownerOfCode.get(r.code);
    if (!owner || owner === r.externalId) return;
    // the owner may give the code up in this same import
    const ownersNewCode = newCodeOf.get(owner);
    if (ownersNewCode === undefined || ownersNewCode === r.code) bad(kind, i, 'code', `code ${r.code} is already used by ${owner}`);
  });
}

/** The ids an import wrote, reported to the change feed at its end. */
interface FeedIds {
  districts: string[];
  schools: string[];
  teachers: string[];
  /** a teacher's school before this import, when it moved them */
  formerSchool: Map<string, string>;
  records: string[];
}

async function importSchools(
  trx: Trx,
  body: ImportBodyParsed,
  districtIdByExt: Map<string, string>,
  schoolIdByExt: Map<string, string>,
  result: ImportResult,
  feed: FeedIds,
) {
  if (body.schools.length === 0) return;
  const [rows, needs, pairs] = await Promise.all([
    trx.selectFrom('schools').selectAll().execute(),
    trx.selectFrom('school_needs').selectAll().execute(),
    trx.selectFrom('school_pairings').selectAll().execute(),
  ]);
  const extById = new Map(rows.map((r) => [r.id, r.external_id]));
  const needsBy = group(needs, (n) => n.school_id);
  const pairsBy = group(pairs, (p) => p.school_id);
  const oldCanon = new Map(
    rows.map((r) => [
      r.external_id,
      canonical(
        { ...pick(r, SCHOOL_COLS) },
        (needsBy.get(r.id) ?? []).map((n) => [n.subject, n.teachers, n.weekly_hours]).sort(),
        (pairsBy.get(r.id) ?? []).map((p) => extById.get(p.paired_school_id)).sort(),
      ),
    ]),
  );
  const changed: typeof body.schools = [];
  for (const s of body.schools) {
    const cols = newSchoolRow({ ...s, districtId: districtIdByExt.get(s.districtExternalId)! });
    const canon = canonical(
      pick(cols, SCHOOL_COLS),
      s.needs.map((n) => [n.subject, n.teachers, n.weeklyHours]).sort(),
      [...new Set(s.pairedSchoolExternalIds)].sort(),
    );
    const old = oldCanon.get(s.externalId);
    if (old === undefined) result.created.schools++;
    else if (old !== canon) result.updated.schools++;
    else {
      result.unchanged.schools++;
      continue;
    }
    changed.push(s);
  }
  for (let i = 0; i < changed.length; i += CHUNK) {
    const values = changed
      .slice(i, i + CHUNK)
      .map((s) => ({ ...newSchoolRow({ ...s, districtId: districtIdByExt.get(s.districtExternalId)! }), source_updated_at: s.sourceUpdatedAt ?? null }));
    const upserted = await trx
      .insertInto('schools')
      .values(values)
      .onConflict((oc) => oc.column('external_id').doUpdateSet({ ...excludedSet(SCHOOL_COLS), source_updated_at: keptStamp('schools') }))
      .returning(['id', 'external_id'])
      .execute();
    for (const u of upserted) schoolIdByExt.set(u.external_id, u.id);
  }
  if (changed.length === 0) return;
  const changedIds = changed.map((s) => schoolIdByExt.get(s.externalId)!);
  feed.schools.push(...changedIds);
  await trx.deleteFrom('school_needs').where('school_id', '=', sql<string>`ANY(${changedIds}::uuid[])`).execute();
  await trx.deleteFrom('school_pairings').where('school_id', '=', sql<string>`ANY(${changedIds}::uuid[])`).execute();
  const needRows = changed.flatMap((s) =>
    s.needs.map((n) => ({ school_id: schoolIdByExt.get(s.externalId)!, subject: n.subject, teachers: n.teachers, weekly_hours: n.weeklyHours })),
  );
  for (let i = 0; i < needRows.length; i += CHUNK * 4)
    await trx
      .insertInto('school_needs')
      .values(needRows.slice(i, i + CHUNK * 4))
      .execute();
  const pairRows = changed.flatMap((s) =>
    [...new Set(s.pairedSchoolExternalIds)].map((p) => ({ school_id: schoolIdByExt.get(s.externalId)!, paired_school_id: schoolIdByExt.get(p)! })),
  );
  // a pair listed from both sides is stored once per listing school; ON CONFLICT keeps re-imports quiet
  for (let i = 0; i < pairRows.length; i += CHUNK * 4) {
    await trx
      .insertInto('school_pairings')
      .values(pairRows.slice(i, i + CHUNK * 4))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

type Conflict = ImportResult['conflicts'][number];
/** the columns of a teacher's placement, which a published plan's records outrank (model.md "Placement over time") */
const PLACEMENT_COLS = ['school_id', 'school_since', 'post', 'post_since'] as const;

/**
 * Teachers whose row disagrees with their home post today by the ledger, among those with a record
 * a published plan wrote that covers today or later: those are placements a plan made, which the
 * personnel system may not have caught up with (or may contradict).
 */
async function placementConflicts(
  trx: Trx,
  rows: { id: string; external_id: string }[],
  body: ImportBodyParsed,
  schoolIdByExt: Map<string, string>,
  today: string,
) {
  const conflicts = new Map<string, Conflict>();
  if (rows.length === 0) return conflicts;
  const ids = rows.map((r) => r.id);
  const planned = await trx
    .selectFrom('service_records')
    .select('teacher_id')
    .distinct()
    .where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`)
    .where('source', '=', 'plan')
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', today)]))
    .execute();
  if (planned.length === 0) return conflicts;
  const candidateIds = planned.map((p) => p.teacher_id);
  const [ledgers, teachers] = await Promise.all([
    ledgersOf(trx, candidateIds),
    trx.selectFrom('teachers').selectAll().where('id', '=', sql<string>`ANY(${candidateIds}::uuid[])`).execute(),
  ]);
  const bodyByExt = new Map(present(body.teachers).map((t) => [t.externalId, t]));
  for (const old of teachers) {
    const t = bodyByExt.get(old.external_id);
    if (!t) continue;
    const placed = placementOf(
      { schoolId: old.school_id, schoolSince: old.school_since, post: old.post, postSince: old.post_since } as Parameters<typeof placementOf>[0],
      ledgers.get(old.id) ?? [],
      today,
    );
    const schoolId = schoolIdByExt.get(t.schoolExternalId)!;
    if (schoolId === placed.homeSchoolId && t.post === placed.homePost) continue;
    conflicts.set(old.external_id, {
      teacherId: old.id,
      externalId: old.external_id,
      personnel: { schoolId, post: t.post },
      ledger: { schoolId: placed.homeSchoolId, post: placed.homePost, from: placed.postSince },
    });
  }
  return conflicts;
}

/** Imports the teachers; answers the teachers whose personnel placement HR accepted over the ledger's. */
async function importTeachers(
  trx: Trx,
  body: ImportBodyParsed,
  schoolIdByExt: Map<string, string>,
  ruralByExt: Map<string, boolean>,
  result: ImportResult,
  o: { today: string; accept: boolean; feed: FeedIds },
): Promise<{ teacherId: string; externalId: string; schoolId: string; post: string; ledger: Conflict['ledger'] }[]> {
  if (body.teachers.length === 0) return [];
  const extIds = body.teachers.map((t) => t.externalId);
  const rows = await trx.selectFrom('teachers').selectAll().where('external_id', '=', sql<string>`ANY(${extIds}::text[])`).execute();
  const ids = rows.map((r) => r.id);
  const [exemptions, prefs, records] = ids.length
    ? await Promise.all([
        trx.selectFrom('teacher_exemptions').selectAll().where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).execute(),
        trx.selectFrom('teacher_preferences').selectAll().where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).orderBy('rank').execute(),
        trx.selectFrom('service_records').selectAll().where('teacher_id', '=', sql<string>`ANY(${ids}::uuid[])`).where('source', '=', 'import').execute(),
      ])
    : [[], [], []];
  const extBySchoolId = new Map([...schoolIdByExt].map(([ext, id]) => [id, ext]));
  const exBy = group(exemptions, (e) => e.teacher_id);
  const prefBy = group(prefs, (p) => p.teacher_id);
  const recBy = group(records, (r) => r.teacher_id);
  const oldByExt = new Map(rows.map((r) => [r.external_id, r]));

  // a published plan's placement is not overwritten by the personnel system's (issue #11): the row
  // keeps its school and post and the conflict is listed, unless HR accepts the personnel version
  const conflicts = await placementConflicts(trx, rows, body, schoolIdByExt, o.today);
  const rowOf = (t: (typeof body.teachers)[number]) => {
    const cols = newTeacherRow({ ...t, schoolId: schoolIdByExt.get(t.schoolExternalId)! });
    const old = oldByExt.get(t.externalId);
    if (!old || !conflicts.has(t.externalId) || o.accept) return cols;
    return { ...cols, ...pick(old, PLACEMENT_COLS) } as typeof cols;
  };
  result.conflicts = [...conflicts.values()];
  result.placementsAccepted = o.accept && conflicts.size > 0;
  const accepted = o.accept
    ? [...conflicts.values()].map((c) => ({
        teacherId: c.teacherId,
        externalId: c.externalId!,
        schoolId: c.personnel.schoolId,
        post: c.personnel.post,
        ledger: c.ledger,
      }))
    : [];

  const changed: typeof body.teachers = [];
  for (const t of body.teachers) {
    const cols = rowOf(t);
    const newRecords = t.serviceRecords
      ?.map((r) => recordKey(r.schoolExternalId, r.post, r.kind, r.from, r.to, r.ruralAtTheTime ?? ruralByExt.get(r.schoolExternalId)!))
      .sort();
    const old = oldByExt.get(t.externalId);
    if (!old) {
      result.created.teachers++;
      changed.push(t);
      continue;
    }
    const oldCanon = canonical(
      pick(old, TEACHER_COLS),
      (exBy.get(old.id) ?? []).map((e) => [e.reason, e.from_date, e.to_date, e.note]).sort(),
      (prefBy.get(old.id) ?? []).map((p) => extBySchoolId.get(p.school_id)),
      // the ledger is compared only when the body carries it
      newRecords
        ? (recBy.get(old.id) ?? []).map((r) => recordKey(extBySchoolId.get(r.school_id)!, r.post, r.kind, r.from_date, r.to_date, r.rural_at_the_time)).sort()
        : null,
    );
    const newCanon = canonical(
      pick(cols, TEACHER_COLS),
      t.exemptions.map((e) => [e.reason, e.from, e.to, e.note]).sort(),
      t.preferences.schoolExternalIds,
      newRecords ?? null,
    );
    if (oldCanon === newCanon) result.unchanged.teachers++;
    else {
      result.updated.teachers++;
      changed.push(t);
    }
  }
  if (changed.length === 0 && accepted.length === 0) return accepted;

  const idByExt = new Map<string, string>();
  for (let i = 0; i < changed.length; i += CHUNK) {
    const values = changed.slice(i, i + CHUNK).map((t) => ({ ...rowOf(t), source_updated_at: t.sourceUpdatedAt ?? null }));
    const upserted = await trx
      .insertInto('teachers')
      .values(values)
      .onConflict((oc) => oc.column('external_id').doUpdateSet({ ...excludedSet(TEACHER_COLS), source_updated_at: keptStamp('teachers') }))
      .returning(['id', 'external_id'])
      .execute();
    for (const u of upserted) idByExt.set(u.external_id, u.id);
  }
  const changedIds = changed.map((t) => idByExt.get(t.externalId)!);
  o.feed.teachers.push(...changedIds, ...accepted.map((a) => a.teacherId));
  for (const t of changed) {
    const old = oldByExt.get(t.externalId);
    if (old && old.school_id !== schoolIdByExt.get(t.schoolExternalId)) o.feed.formerSchool.set(old.id, old.school_id);
  }
  await trx.deleteFrom('teacher_exemptions').where('teacher_id', '=', sql<string>`ANY(${changedIds}::uuid[])`).execute();
  await trx.deleteFrom('teacher_preferences').where('teacher_id', '=', sql<string>`ANY(${changedIds}::uuid[])`).execute();
  const exRows = changed.flatMap((t) =>
    t.exemptions.map((e) => ({ teacher_id: idByExt.get(t.externalId)!, reason: e.reason, from_date: e.from, to_date: e.to, note: e.note })),
  );
  const prefRows = changed.flatMap((t) =>
    [...new Set(t.preferences.schoolExternalIds)].map((p, i) => ({ teacher_id: idByExt.get(t.externalId)!, school_id: schoolIdByExt.get(p)!, rank: i + 1 })),
  );
  // an import replaces the imported ledger rows of the teachers that carry serviceRecords; rows a published plan wrote stay
  const withLedger = changed.filter((t) => t.serviceRecords);
  if (withLedger.length) {
    const ledgerIds = withLedger.map((t) => idByExt.get(t.externalId)!);
    await trx.deleteFrom('service_records').where('teacher_id', '=', sql<string>`ANY(${ledgerIds}::uuid[])`).where('source', '=', 'import').execute();
  }
  const recRows = withLedger.flatMap((t) =>
    t.serviceRecords!.map((r) => ({
      teacher_id: idByExt.get(t.externalId)!,
      school_id: schoolIdByExt.get(r.schoolExternalId)!,
      post: r.post,
      kind: r.kind,
      from_date: r.from,
      to_date: r.to,
      rural_at_the_time: r.ruralAtTheTime ?? ruralByExt.get(r.schoolExternalId)!,
      source: 'import' as const,
    })),
  );
  for (let i = 0; i < exRows.length; i += CHUNK * 2)
    await trx
      .insertInto('teacher_exemptions')
      .values(exRows.slice(i, i + CHUNK * 2))
      .execute();
  for (let i = 0; i < prefRows.length; i += CHUNK * 2)
    await trx
      .insertInto('teacher_preferences')
      .values(prefRows.slice(i, i + CHUNK * 2))
      .execute();
  // accepted: the ledger is append-only, so the personnel placement is a new regular record from
  // today, which outranks the plan's earlier-starting record (solver/placement.ts takes the latest)
  const schoolExtById = new Map([...schoolIdByExt].map(([ext, id]) => [id, ext]));
  for (const a of accepted)
    recRows.push({
      teacher_id: a.teacherId,
      school_id: a.schoolId,
      post: a.post as (typeof recRows)[number]['post'],
      kind: 'regular',
      from_date: o.today,
      to_date: null,
      rural_at_the_time: ruralByExt.get(schoolExtById.get(a.schoolId)!)!,
      source: 'import' as const,
    });
  for (let i = 0; i < recRows.length; i += CHUNK * 2) {
    const written = await trx
      .insertInto('service_records')
      .values(recRows.slice(i, i + CHUNK * 2))
      .returning('id')
      .execute();
    o.feed.records.push(...written.map((w) => w.id));
  }
  return accepted;
}

const SCHOOL_COLS = [
  'code',
  'name',
  'district_id',
  'stage',
  'locality',
  'is_high_quality',
  'is_weak',
  'is_central',
  'is_teaching_point',
  'is_boarding',
  'lat',
  'lon',
  'approved_headcount',
  'principal_posts',
  'party_secretary_posts',
  'vice_principal_posts',
] as const;
const TEACHER_COLS = [
  'name',
  'gender',
  'birth_date',
  'hire_date',
  'school_id',
  'school_since',
  'post',
  'post_since',
  'subjects',
  'stages',
  'title',
  'backbone',
  'education',
  'established',
  'status',
  'weekly_hours',
  'senior_title_application_year',
  'prior_rural_years',
  'volunteer',
  'preference_max_km',
] as const;

function pick<T extends object>(o: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k] ?? null]));
}
function canonical(...parts: unknown[]): string {
  return JSON.stringify(parts);
}
function recordKey(school: string, post: string, kind: string, from: string, to: string | null, rural: boolean): string {
  return [school, post, kind, from, to ?? '', rural ? 1 : 0].join('|');
}
function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
/** a row imported without sourceUpdatedAt keeps the stamp it had */
function keptStamp(table: 'schools' | 'teachers'): RawBuilder<string | null> {
  return sql<string | null>`COALESCE(excluded.source_updated_at, ${sql.ref(`${table}.source_updated_at`)})`;
}
/** SET col = excluded.col, updated_at = now() for an upsert */
function excludedSet(cols: readonly string[]): Record<string, RawBuilder<unknown>> {
  return Object.fromEntries([...cols.map((c) => [c, sql.ref(`excluded.${c}`)]), ['updated_at', sql`now()`]]);
}
