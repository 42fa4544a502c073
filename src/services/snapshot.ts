import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Kysely, Transaction } from 'kysely';
import { solve } from '../../solver/index.js';
import type { Line, SolverInput } from '../../solver/types.js';
import { getProposalSnapshot } from '../db/proposals.js';
import { pinsForSolver } from '../db/plans.js';
import { previousLines } from '../db/proposal-lines.js';
import type { DB } from '../db/types.js';
import { NotFound } from '../errors.js';
import { packagePath } from '../paths.js';
import { type MasterDataCache, readMasterData } from './master-data-cache.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The solver's input for a plan, read from the database in one go: every school, every teacher
 * with their ledger, the plan's parameters, pins and exclusions (H9), and the previous proposal's
 * lines (S9 stability).
 * The solver itself never touches the database.
 */
export async function loadSnapshot(
  db: Q,
  plan: { id: string; year: number; parameters: Record<string, unknown> },
  opts: { previousProposalId?: string | null; cache?: MasterDataCache } = {},
): Promise<SolverInput> {
  const [{ schools, teachers }, previous, { pins, exclusions }] = await Promise.all([
    opts.cache ? opts.cache.load(db) : readMasterData(db),
    opts.previousProposalId ? previousLines(db, opts.previousProposalId) : Promise.resolve([]),
    pinsForSolver(db, plan.id),
  ]);
  return {
    year: plan.year,
    parameters: plan.parameters as SolverInput['parameters'],
    schools,
    teachers,
    pins,
    exclusions,
    previousLines: previous,
  };
}

/**
 * The input as stored with its proposal: its hash (snapshotHash's) and its gzip-compressed JSON. With
 * the master data kept by the cache (issue #13), their JSON and gzip are computed once, not per solve:
 * the JSON is cut where the schools begin and the teachers end, each piece compressed as a gzip member of
 * its own (gunzip reads concatenated members as one stream), and the hash fed piece by piece, so both
 * are byte for byte those of JSON.stringify(input).
 */
export async function serialiseInput(input: SolverInput, cache?: MasterDataCache): Promise<{ hash: string; gzip: Buffer }> {
  const { year, parameters, schools, teachers, ...rest } = input;
  const master = cache?.serialised({ schools, teachers });
  const inOrder = Object.keys(input).slice(0, 4).join() === 'year,parameters,schools,teachers' && year !== undefined && parameters !== undefined;
  if (!master || !inOrder) {
    const json = JSON.stringify(input);
    return { hash: createHash('sha256').update(json).digest('hex'), gzip: await promisify(gzip)(json) };
  }
  const head = `{"year":${JSON.stringify(year)},"parameters":${JSON.stringify(parameters)},`;
  const tailJson = JSON.stringify(rest);
  const tail = tailJson === '{}' ? '}' : `,${tailJson.slice(1)}`;
  const [h, m, t] = await Promise.all([promisify(gzip)(head), master.gzip, promisify(gzip)(tail)]);
  return { hash: createHash('sha256').update(head).update(master.json).update(tail).digest('hex'), gzip: Buffer.concat([h, m, t]) };
}

/** A stable hash of what the solver is given, so a proposal can be reproduced and compared. */
export function snapshotHash(input: SolverInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** A package.json's version. */
function versionOf(file: string): string {
  return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
}

let engine: string | undefined;
/**
 * What solved a proposal: this package's version and the HiGHS build's (`rotation@0.1.0 highs@1.15.3`),
 * kept with each snapshot so a replay that differs can tell a changed engine from a changed input.
 */
export function engineVersion(): string {
  if (engine) return engine;
  // highs' package exports hide its package.json: find it next to the module it resolves to (build/highs.js)
  const highsMain = createRequire(import.meta.url).resolve('highs');
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string; version: string };
  engine = `${pkg.name}@${pkg.version} highs@${versionOf(join(dirname(highsMain), '..', 'package.json'))}`;
  return engine;
}

export async function decompressInput(gz: Uint8Array): Promise<SolverInput> {
  return JSON.parse((await promisify(gunzip)(gz)).toString('utf8')) as SolverInput;
}

/** A proposal's stored snapshot, decompressed (GET /proposals/:id/snapshot, replay), or undefined when none was kept. */
export async function proposalSnapshot(db: Q, proposalId: string) {
  const s = await getProposalSnapshot(db, proposalId);
  if (!s) return undefined;
  return { engineVersion: s.engineVersion, parameters: s.parameters, createdAt: s.createdAt, input: await decompressInput(s.inputGzip) };
}

/** GET /proposals/:id/snapshot: 404 for an unknown proposal, and for one whose solve has not started (or started before snapshots were kept). */
export async function proposalSnapshotOr404(db: Q, proposalId: string) {
  const exists = await db.selectFrom('proposals').select('id').where('id', '=', proposalId).executeTakeFirst();
  if (!exists) throw new NotFound('Proposal', proposalId);
  const snap = await proposalSnapshot(db, proposalId);
  if (!snap) throw new NotFound('Snapshot of proposal', proposalId);
  return snap;
}

type LineKey = Omit<Line, 'explanation'> & { explanation: string };
/** A line as compared by a replay: every field the list shows, reasons in order, one canonical string. */
const lineKey = (l: LineKey) =>
  JSON.stringify([
    l.teacherId,
    l.kind,
    l.fromSchoolId,
    l.toSchoolId,
    l.subject ?? null,
    l.hoursPerWeek ?? null,
    l.startDate,
    l.endDate,
    l.reasons,
    l.explanation,
  ]);

export interface ReplayResult {
  proposalId: string;
  /** the engine that made the stored lines, and this one */
  engineVersion: { stored: string; now: string };
  identical: boolean;
  stored: number;
  replayed: number;
  /** lines only in the stored proposal / only in the replay (canonical JSON, at most 20 each) */
  onlyStored: string[];
  onlyReplayed: string[];
}

/**
 * Solves a proposal's stored input again (issue #11, reproducible proposals) and compares the lines
 * with the stored ones. The database's roster and ledger today play no part: the input is the
 * snapshot taken when the proposal's solve started. Throws when the proposal has no snapshot.
 */
export async function replayProposal(db: Q, proposalId: string): Promise<ReplayResult> {
  const snap = await proposalSnapshot(db, proposalId);
  if (!snap) throw new Error(`Proposal ${proposalId} has no stored snapshot (not solved yet, or solved before snapshots were kept)`);
  const rows = await db.selectFrom('proposal_lines').selectAll().where('proposal_id', '=', proposalId).execute();
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
  const stored = rows
    .map((r) =>
      lineKey({
        teacherId: r.teacher_id,
        kind: r.kind,
        fromSchoolId: r.from_school_id,
        toSchoolId: r.to_school_id,
        subject: r.subject,
        hoursPerWeek: r.hours_per_week,
        startDate: day(r.start_date),
        endDate: day(r.end_date),
        reasons: r.reasons,
        explanation: r.explanation,
      }),
    )
    .sort();
  const result = await solve(snap.input);
  const replayed = result.lines.map((l) => lineKey({ ...l, explanation: l.explanation ?? '' })).sort();
  const storedSet = new Set(stored);
  const replayedSet = new Set(replayed);
  const onlyStored = stored.filter((k) => !replayedSet.has(k));
  const onlyReplayed = replayed.filter((k) => !storedSet.has(k));
  return {
    proposalId,
    engineVersion: { stored: snap.engineVersion, now: engineVersion() },
    identical: onlyStored.length === 0 && onlyReplayed.length === 0 && stored.length === replayed.length,
    stored: stored.length,
    replayed: replayed.length,
    onlyStored: onlyStored.slice(0, 20),
    onlyReplayed: onlyReplayed.slice(0, 20),
  };
}
