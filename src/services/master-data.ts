import { appendAudit, type Actor } from '../db/audit.js';
import { rowVersion } from '../db/versions.js';
import { deletion, districtUpserts, recordChanges, schoolUpserts, serviceRecordWrites, teacherUpserts } from '../db/changes.js';
import type { Db } from '../db/database.js';
import { deleteDistrict, getDistrict, insertDistrict, listDistricts, lockDistrict, updateDistrict } from '../db/districts.js';
import { districtHolders, pinsNaming, schoolHolders, teacherHolders, type Holder } from '../db/holders.js';
import { pageAt, startOf } from '../db/paging.js';
import {
  deleteSchool,
  getSchool,
  insertSchool,
  listSchools,
  lockSchool,
  replaceSchoolChildren,
  type SchoolFields,
  schoolExternalIds,
  schoolIsRural,
  updateSchool,
} from '../db/schools.js';
import { placementOn } from '../../solver/placement.js';
import type { SolverTeacher } from '../../solver/types.js';
import { insertServiceRecord, ledgersOf, listServiceRecords } from '../db/service-records.js';
import {
  allTeachers,
  deleteTeacher,
  getTeacher,
  insertTeacher,
  listTeachers,
  lockTeacher,
  replaceTeacherChildren,
  type TeacherFields,
  type TeacherFilter,
  teacherExists,
  updateTeacher,
} from '../db/teachers.js';
import type { District, Exemption, Locality, Page, Post, School, ServiceKind, ServiceRecord, Stage, Teacher } from '../domain.js';
import { toCsv } from '../csv.js';
import { Conflict, NotFound, PreconditionFailed, withDetails, type Detail } from '../errors.js';
import { paged } from './paging.js';

/**
 * Master data (学区 districts, schools, teachers and their service ledger): reads, and writes with
 * their audit entry in the same transaction (one transaction per use case).
 */

// ---- what keeps an object from being deleted (src/db/holders.ts finds them)
function phrase(h: Holder): string {
  switch (h.holder) {
    case 'published_proposal':
      return `published proposal v${h.version} of the ${h.year} plan (${h.lines} line${h.lines === 1 ? '' : 's'})`;
    case 'draft_proposal':
      return `proposal v${h.version} of the ${h.year} plan, ${h.status} and not yet published (${h.lines} line${h.lines === 1 ? '' : 's'})`;
    case 'plan_pins': {
      const what = [h.pins ? `${h.pins} pin${h.pins === 1 ? '' : 's'}` : '', h.exclusions ? `${h.exclusions} exclusion${h.exclusions === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(' and ');
      return `HR's ${what} in the open ${h.year} plan "${h.planName}" (plan ${h.planId})`;
    }
    case 'service_records':
      return `${h.count} service record${h.count === 1 ? '' : 's'} in the ledger`;
    case 'teachers':
      return `${h.count} teacher${h.count === 1 ? '' : 's'} (${h.sample.map((s) => s.externalId).join(', ')}${h.count > h.sample.length ? ', …' : ''})`;
    case 'schools':
      return `${h.count} school${h.count === 1 ? '' : 's'} (${h.sample.map((s) => s.externalId).join(', ')}${h.count > h.sample.length ? ', …' : ''})`;
  }
}

/**
 * Throws 409 when anything holds the object: the message names every holder and what to do instead,
 * `details` lists them. Call it in the deleting transaction, before the delete (migration 0009 is the backstop).
 */
export function refuseIfHeld(what: string, holders: Holder[], advice: string): void {
  if (holders.length === 0) return;
  throw withDetails(new Conflict(`${what} cannot be deleted: it is held by ${holders.map(phrase).join('; ')}. ${advice}`), holders as unknown as Detail[]);
}

/** What the 409 advises, per kind and holder. */
/** What a 409 adds when an open plan's pins or exclusions name the object (H9). */
const PIN_ADVICE = " HR's pins and exclusions are kept with their plan: change them first (PUT /plans/:id/pins), or archive the plan.";
const pinned = (holders: Holder[]) => holders.some((h) => h.holder === 'plan_pins');

export function teacherAdvice(holders: Holder[]): string {
  const draft = holders.some((h) => h.holder === 'draft_proposal');
  return (
    "Published lists and the ledger keep every record: set the teacher's status to `left` instead (PATCH status: left); the next proposal leaves them out." +
    (draft ? ' A proposal that may still be published names them: once its plan is published or archived, its lines no longer hold them.' : '') +
    (pinned(holders) ? PIN_ADVICE : '')
  );
}
export const SCHOOL_ADVICE =
  "Published lists and the ledger keep every record; move or remove the school's teachers first, and keep a school the history names.";
export const schoolAdvice = (holders: Holder[]) => SCHOOL_ADVICE + (pinned(holders) ? PIN_ADVICE : '');

/**
 * A delete takes with it the pins and exclusions of published or archived plans that name the object
 * (an open plan's refuse the delete): each such plan gets an audit entry saying what went, so HR's
 * decisions never vanish unrecorded (issue #18 point 5).
 */
async function auditSpentPins(
  trx: Db,
  actor: Actor,
  by: { teacherId: string } | { schoolId: string },
  object: { type: string; id: string; externalId: string },
) {
  for (const p of await pinsNaming(trx, by, false)) {
    await appendAudit(trx, actor, {
      action: 'pins_dropped',
      objectType: 'plan',
      objectId: p.planId,
      detail: { deleted: object, pins: p.pins, exclusions: p.exclusions },
    });
  }
}
export const DISTRICT_ADVICE = 'Move or delete its schools first.';

/**
 * RFC 9110 If-Match against the row's version, read under its row lock: of two writers holding the same
 * ETag the second waits for the first's commit, then finds the version moved and gets 412, instead of
 * silently overwriting (api.md "Writing safely over the network"). `ifMatch` undefined: no precondition.
 */
function checkVersion(what: string, current: number, ifMatch: number[] | undefined): void {
  if (ifMatch !== undefined && !ifMatch.includes(current))
    throw withDetails(new PreconditionFailed(`${what} has changed since you read it (it is at version ${current}): read it again and redo your change`), [
      { in: 'headers', field: 'if-match', currentVersion: current },
    ]);
}

/** What a write of one master-data object takes besides its body: the versions the caller's If-Match names (absent: no precondition). */
export interface WriteOptions {
  ifMatch?: number[];
}

/** A master-data object with the version its ETag carries (the version is not part of the body). */
export type Versioned<T> = T & { version: number };

/**
 * Reads an object with its version for GET (ETag). The version is read first: if a write lands
 * between the two reads, the ETag is older than the body and a write with it is refused (412),
 * never the other way round (a newer ETag over an older body would let a write overwrite unseen data).
 */
export async function readVersioned<T>(db: Db, table: 'districts' | 'schools' | 'teachers', id: string, read: () => Promise<T>): Promise<Versioned<T>> {
  const version = await rowVersion(db, table, id);
  const body = await read();
  return { ...body, version: version ?? 1 };
}

// ---- 学区 districts
export async function findDistricts(db: Db, p: { limit: number; cursor?: string; offset?: number; q?: string }): Promise<Page<District>> {
  return paged(() => listDistricts(db, p));
}

export async function districtOr404(db: Db, id: string): Promise<District> {
  const d = await getDistrict(db, id);
  if (!d) throw new NotFound('District', id);
  return d;
}

export async function createDistrict(db: Db, input: { externalId: string; code: string; name: string }, actor: Actor): Promise<Versioned<District>> {
  return db.transaction().execute(async (trx) => {
    const d = await insertDistrict(trx, input);
    await appendAudit(trx, actor, { action: 'create', objectType: 'district', objectId: d.id, detail: input });
    await recordChanges(trx, await districtUpserts(trx, [d.id]));
    return { ...d, version: (await rowVersion(trx, 'districts', d.id))! };
  });
}

export async function changeDistrict(
  db: Db,
  id: string,
  patch: { externalId?: string; code?: string; name?: string },
  actor: Actor,
  o: WriteOptions = {},
): Promise<Versioned<District>> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockDistrict(trx, id);
    if (!locked) throw new NotFound('District', id);
    checkVersion(`District ${locked.externalId}`, locked.version, o.ifMatch);
    const d = await updateDistrict(trx, id, patch);
    if (!d) throw new NotFound('District', id);
    await appendAudit(trx, actor, { action: 'update', objectType: 'district', objectId: d.id, detail: patch });
    await recordChanges(trx, await districtUpserts(trx, [d.id]));
    return { ...d, version: (await rowVersion(trx, 'districts', d.id))! };
  });
}

export async function removeDistrict(db: Db, id: string, actor: Actor, o: WriteOptions = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await lockDistrict(trx, id);
    if (!d) throw new NotFound('District', id);
    checkVersion(`District ${d.externalId}`, d.version, o.ifMatch);
    refuseIfHeld(`District ${d.externalId} (${d.name})`, await districtHolders(trx, d.id), DISTRICT_ADVICE);
    await deleteDistrict(trx, d.id);
    await appendAudit(trx, actor, { action: 'delete', objectType: 'district', objectId: d.id });
    await recordChanges(trx, [deletion('district', d)]);
  });
}

// ---- schools
type SchoolInput = SchoolFields & { needs: School['needs']; pairedSchoolIds: string[] };

export async function findSchools(
  db: Db,
  p: { limit: number; cursor?: string; offset?: number; districtId?: string; q?: string; onlyId?: string; locality?: Locality; stage?: Stage },
): Promise<Page<School>> {
  return paged(() => listSchools(db, p));
}

export async function schoolOr404(db: Db, id: string): Promise<School> {
  const s = await getSchool(db, id);
  if (!s) throw new NotFound('School', id);
  return s;
}

export async function createSchool(db: Db, input: SchoolInput, actor: Actor): Promise<Versioned<School>> {
  return db.transaction().execute(async (trx) => {
    const id = await insertSchool(trx, input);
    await replaceSchoolChildren(trx, id, input.needs, input.pairedSchoolIds);
    await appendAudit(trx, actor, { action: 'create', objectType: 'school', objectId: id, detail: input });
    await recordChanges(trx, await schoolUpserts(trx, [id]));
    return { ...(await getSchool(trx, id))!, version: (await rowVersion(trx, 'schools', id))! };
  });
}

export async function changeSchool(db: Db, id: string, patch: Partial<SchoolInput>, actor: Actor, o: WriteOptions = {}): Promise<Versioned<School>> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockSchool(trx, id);
    if (!locked) throw new NotFound('School', id);
    checkVersion(`School ${locked.externalId}`, locked.version, o.ifMatch);
    const found = await updateSchool(trx, id, patch);
    if (!found) throw new NotFound('School', id);
    await replaceSchoolChildren(trx, found, patch.needs, patch.pairedSchoolIds);
    await appendAudit(trx, actor, { action: 'update', objectType: 'school', objectId: found, detail: patch });
    await recordChanges(trx, await schoolUpserts(trx, [found]));
    return { ...(await getSchool(trx, found))!, version: (await rowVersion(trx, 'schools', found))! };
  });
}

export async function removeSchool(db: Db, id: string, actor: Actor, o: WriteOptions = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await lockSchool(trx, id);
    if (!s) throw new NotFound('School', id);
    checkVersion(`School ${s.externalId}`, s.version, o.ifMatch);
    // its teachers, a published list or the ledger naming it: 409 naming them (migration 0009 is the backstop)
    const holders = await schoolHolders(trx, s.id);
    refuseIfHeld(`School ${s.externalId} (${s.name})`, holders, schoolAdvice(holders));
    await auditSpentPins(trx, actor, { schoolId: s.id }, { type: 'school', id: s.id, externalId: s.externalId });
    await deleteSchool(trx, s.id);
    await appendAudit(trx, actor, { action: 'delete', objectType: 'school', objectId: s.id });
    await recordChanges(trx, [deletion('school', s)]);
  });
}

// ---- teachers
type TeacherInput = TeacherFields & { exemptions: Exemption[]; preferences: { schoolIds: string[]; maxKm: number | null } };

export async function findTeachers(db: Db, p: TeacherFilter & { limit: number; cursor?: string; offset?: number }): Promise<Page<Teacher>> {
  return paged(() => listTeachers(db, p));
}

/** Where a teacher is on a date (model.md "Placement over time"). */
export interface TeacherPlacement {
  homeSchoolId: string;
  homePost: Post;
  workingSchoolId: string;
  since: string;
  /** when the home post started (not shown on GET /teachers/:id; import conflicts give it) */
  postSince: string;
}

/**
 * The teacher's placement on `date`, by the solver's own rule (solver/placement.ts), so the service
 * shows what the next plan will read: a published plan changes nothing before its 1 September, and
 * on that day the working school follows from the ledger without a batch job. Q16's default holds
 * (a rotation keeps the post at home): which plan's `longRotationMovesPost` applies is a plan's matter.
 */
export function placementOf(
  t: Teacher,
  ledger: Pick<ServiceRecord, 'schoolId' | 'post' | 'kind' | 'from' | 'to' | 'ruralAtTheTime'>[],
  date: string,
): TeacherPlacement {
  const serviceRecords = ledger.map((r) => ({ schoolId: r.schoolId, post: r.post, kind: r.kind, from: r.from, to: r.to, ruralAtTheTime: r.ruralAtTheTime }));
  const p = placementOn({ ...t, serviceRecords } as SolverTeacher, date);
  return { homeSchoolId: p.homeSchoolId, homePost: p.homePost, workingSchoolId: p.workingSchoolId, since: p.since, postSince: p.postSince };
}

/** A teacher's placement on `date`, or undefined when there is no such teacher (a principal's scope, src/plugins/auth.ts). */
export async function teacherPlacement(db: Db, id: string, date: string): Promise<TeacherPlacement | undefined> {
  const t = await getTeacher(db, id);
  if (!t) return undefined;
  return placementOf(t, (await ledgersOf(db, [id])).get(id) ?? [], date);
}

/** Loads a teacher with their placement on `today`, or throws 404 (a principal's access to the teacher is checked by src/access.ts). */
export async function teacherOr404(db: Db, id: string, today: string): Promise<Teacher & { placement: Omit<TeacherPlacement, 'postSince'> }> {
  const t = await getTeacher(db, id);
  if (!t) throw new NotFound('Teacher', id);
  const { postSince: _, ...placement } = placementOf(t, (await ledgersOf(db, [id])).get(id) ?? [], today);
  return { ...t, placement };
}

/** 404 unless the teacher exists. */
async function teacherExistsOr404(db: Db, id: string): Promise<void> {
  if (!(await teacherExists(db, id))) throw new NotFound('Teacher', id);
}

export async function createTeacher(db: Db, input: TeacherInput, actor: Actor): Promise<Versioned<Teacher>> {
  return db.transaction().execute(async (trx) => {
    const id = await insertTeacher(trx, input);
    await replaceTeacherChildren(trx, new Map([[id, input.exemptions]]), new Map([[id, input.preferences.schoolIds]]));
    await appendAudit(trx, actor, { action: 'create', objectType: 'teacher', objectId: id, detail: { externalId: input.externalId } });
    await recordChanges(trx, await teacherUpserts(trx, [id]));
    return { ...(await getTeacher(trx, id))!, version: (await rowVersion(trx, 'teachers', id))! };
  });
}

export async function changeTeacher(db: Db, id: string, patch: Partial<TeacherInput>, actor: Actor, o: WriteOptions = {}): Promise<Versioned<Teacher>> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockTeacher(trx, id);
    if (!locked) throw new NotFound('Teacher', id);
    checkVersion(`Teacher ${locked.externalId}`, locked.version, o.ifMatch);
    const found = await updateTeacher(trx, id, patch);
    if (!found) throw new NotFound('Teacher', id);
    await replaceTeacherChildren(
      trx,
      patch.exemptions ? new Map([[found, patch.exemptions]]) : null,
      patch.preferences ? new Map([[found, patch.preferences.schoolIds]]) : null,
    );
    // the database checks the dates against each other (hire ≥ birth, …) on the merged row
    await appendAudit(trx, actor, { action: 'update', objectType: 'teacher', objectId: found, detail: Object.keys(patch) });
    // the school the teacher left, too: its principal follows them going
    await recordChanges(trx, await teacherUpserts(trx, [found], new Map([[found, locked.schoolId]])));
    return { ...(await getTeacher(trx, found))!, version: (await rowVersion(trx, 'teachers', found))! };
  });
}

export async function removeTeacher(db: Db, id: string, actor: Actor, o: WriteOptions = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = await lockTeacher(trx, id);
    if (!t) throw new NotFound('Teacher', id);
    checkVersion(`Teacher ${t.externalId}`, t.version, o.ifMatch);
    // a published list or the ledger naming the teacher is history: 409 naming it (migration 0009 is the backstop)
    const holders = await teacherHolders(trx, t.id);
    refuseIfHeld(`Teacher ${t.externalId} (${t.name})`, holders, teacherAdvice(holders));
    await auditSpentPins(trx, actor, { teacherId: t.id }, { type: 'teacher', id: t.id, externalId: t.externalId });
    await deleteTeacher(trx, t.id);
    await appendAudit(trx, actor, { action: 'delete', objectType: 'teacher', objectId: t.id, detail: { externalId: t.externalId } });
    await recordChanges(trx, [deletion('teacher', t)]);
  });
}

// ---- the service ledger
export async function findServiceRecords(db: Db, teacherId: string, p: { limit: number; cursor?: string; offset?: number }): Promise<Page<ServiceRecord>> {
  await teacherExistsOr404(db, teacherId);
  return paged(async () => {
    const start = startOf(p);
    return pageAt(await listServiceRecords(db, teacherId, start, p.limit + 1), p.limit, start);
  });
}

export async function addServiceRecord(
  db: Db,
  teacherId: string,
  input: { schoolId: string; post: Post; kind: ServiceKind; from: string; to: string | null; ruralAtTheTime?: boolean },
  actor: Actor,
): Promise<ServiceRecord> {
  return db.transaction().execute(async (trx) => {
    if (!(await teacherExists(trx, teacherId))) throw new NotFound('Teacher', teacherId);
    const rural = await schoolIsRural(trx, input.schoolId);
    if (rural === undefined) throw new NotFound('School', input.schoolId);
    const r = await insertServiceRecord(trx, {
      teacherId,
      schoolId: input.schoolId,
      post: input.post,
      kind: input.kind,
      from: input.from,
      to: input.to,
      // R11 counts the school's class at that time; without word from the caller, today's class is assumed
      ruralAtTheTime: input.ruralAtTheTime ?? rural,
      source: 'api',
    });
    await appendAudit(trx, actor, { action: 'create', objectType: 'service_record', objectId: r.id, detail: { teacherId, ...input } });
    await recordChanges(trx, await serviceRecordWrites(trx, [r.id]));
    return r;
  });
}

// ---- what the personnel system reads back
const TEACHER_COLUMNS = [
  'externalId',
  'name',
  'gender',
  'birthDate',
  'hireDate',
  'schoolExternalId',
  'schoolSince',
  'post',
  'postSince',
  'subjects',
  'stages',
  'title',
  'backbone',
  'education',
  'established',
  'status',
  'weeklyHours',
  'seniorTitleApplicationYear',
  'priorRuralYears',
  'volunteer',
] as const;

/** Teachers as CSV (UTF-8 with BOM; lists joined with ";"; schools by externalId). */
export async function teachersCsv(db: Db, f: { schoolId?: string; districtId?: string }): Promise<string> {
  const [teachers, extOf] = await Promise.all([allTeachers(db, f), schoolExternalIds(db)]);
  const rows = teachers.map((t) => TEACHER_COLUMNS.map((c) => (c === 'schoolExternalId' ? extOf.get(t.schoolId) : t[c])));
  return toCsv([...TEACHER_COLUMNS], rows);
}
