import type { Db } from '../db/database.js';
import { pinsForSolver } from '../db/plans.js';
import { linesForDiff } from '../db/proposal-lines.js';
import { getProposalRow } from '../db/proposals.js';
import type { LineKind } from '../domain.js';
import { NotFound, ValidationFailed } from '../errors.js';
import { proposalSnapshot } from './snapshot.js';

interface DiffLine {
  teacherId: string;
  teacherName: string;
  kind: LineKind;
  fromSchoolId: string;
  toSchoolId: string;
  hoursPerWeek: number | null;
  reasons: string[];
}

/** Why a line differs between two proposals (issue #12, minimal change). */
export type DiffCause = 'pin' | 'exclusion' | 'quota' | 'other';

type Edits = { pins: { teacherId: string; toSchoolId: string; kind: string }[]; exclusions: { teacherId: string; toSchoolId?: string | null }[] };

/**
 * The pins and exclusions a proposal was solved with: those of its stored input (issue #11), else,
 * for a proposal solved before inputs were kept, the plan's as they stand.
 */
async function editsOf(db: Db, proposalId: string, planId: string): Promise<Edits> {
  const snap = await proposalSnapshot(db, proposalId);
  return snap ? { pins: snap.input.pins, exclusions: snap.input.exclusions } : pinsForSolver(db, planId);
}

/** The entries of `a` not in `b`, and of `b` not in `a`, by key. */
function symmetricDifference<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  return [...a.filter((x) => !kb.has(key(x))), ...b.filter((x) => !ka.has(key(x)))];
}

/**
 * What changed from proposal `against` to proposal `id` of the same plan. A line is the same line
 * when teacher and kind match; it is `changed` when its school or hours differ. Each entry carries
 * the reasons of the line it describes (for a removed line, the reasons it had), and why it
 * changed (issue #12): S9 keeps every line no hard rule needs to move, so a line differs because
 * - `pin`: HR pinned the teacher, or removed or changed their pin, between the two (H9);
 * - `exclusion`: HR excluded the teacher, or lifted the exclusion (H9);
 * - `quota`: another teacher's line at a school such a pin or exclusion touches (the teacher's home
 *   school, the school the pin sends them to, the school their line went to), moved to restore that
 *   school's quota and backbone share (R01, R02) or the posts the pin or exclusion took or freed;
 * - `other`: anything else: the roster, ledger or parameters changed, or a hard rule was missed.
 */
export async function diffProposals(db: Db, id: string, againstId: string) {
  const [a, b] = await Promise.all([getProposalRow(db, id), getProposalRow(db, againstId)]);
  if (!a) throw new NotFound('Proposal', id);
  if (!b) throw new NotFound('Proposal', againstId);
  if (a.plan_id !== b.plan_id) throw new ValidationFailed('Both proposals must belong to the same plan');
  const load = async (proposalId: string) => {
    return new Map<string, DiffLine>((await linesForDiff(db, proposalId)).map((l) => [`${l.teacherId}|${l.kind}`, l]));
  };
  const [mine, theirs, editsMine, editsTheirs] = await Promise.all([load(a.id), load(b.id), editsOf(db, a.id, a.plan_id), editsOf(db, b.id, b.plan_id)]);
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  const changed: { before: DiffLine; after: DiffLine; what: string[] }[] = [];
  let unchanged = 0;
  for (const [key, line] of mine) {
    const old = theirs.get(key);
    if (!old) added.push(line);
    else {
      const what = [
        ...(old.toSchoolId !== line.toSchoolId ? ['toSchoolId'] : []),
        ...(old.fromSchoolId !== line.fromSchoolId ? ['fromSchoolId'] : []),
        ...(old.hoursPerWeek !== line.hoursPerWeek ? ['hoursPerWeek'] : []),
      ];
      if (what.length) changed.push({ before: old, after: line, what });
      else unchanged++;
    }
  }
  for (const [key, line] of theirs) if (!mine.has(key)) removed.push(line);

  // the pins and exclusions made, changed or lifted between the two, and the schools they touch
  const pinned = new Set(symmetricDifference(editsMine.pins, editsTheirs.pins, (x) => `${x.teacherId}|${x.toSchoolId}|${x.kind}`).map((x) => x.teacherId));
  const excludedEdits = symmetricDifference(editsMine.exclusions, editsTheirs.exclusions, (x) => `${x.teacherId}|${x.toSchoolId ?? ''}`);
  const excluded = new Set(excludedEdits.map((x) => x.teacherId));
  const touched = new Set<string>();
  for (const p of [...editsMine.pins, ...editsTheirs.pins]) if (pinned.has(p.teacherId)) touched.add(p.toSchoolId);
  for (const e of excludedEdits) if (e.toSchoolId) touched.add(e.toSchoolId);
  for (const l of [...mine.values(), ...theirs.values()]) {
    if (!pinned.has(l.teacherId) && !excluded.has(l.teacherId)) continue;
    touched.add(l.fromSchoolId);
    touched.add(l.toSchoolId);
  }
  // a pinned teacher whose home school no line names (pinned to no move at all) is found in the roster
  const unplaced = [...pinned, ...excluded].filter((t) => ![...mine.values(), ...theirs.values()].some((l) => l.teacherId === t));
  if (unplaced.length) for (const r of await db.selectFrom('teachers').select('school_id').where('id', 'in', unplaced).execute()) touched.add(r.school_id);
  const names = new Map(
    touched.size
      ? (
          await db
            .selectFrom('schools')
            .select(['id', 'name'])
            .where('id', 'in', [...touched])
            .execute()
        ).map((s) => [s.id, s.name])
      : [],
  );
  const causeOf = (...ls: DiffLine[]): { cause: DiffCause; causeZh: string } => {
    const t = ls[0].teacherId;
    if (pinned.has(t)) return { cause: 'pin', causeZh: 'HR调整了该教师的指定安排（H9）' };
    if (excluded.has(t)) return { cause: 'exclusion', causeZh: 'HR调整了该教师的排除安排（H9）' };
    const from = ls.map((l) => l.fromSchoolId).find((s) => touched.has(s));
    if (from) return { cause: 'quota', causeZh: `指定或排除安排改变了${names.get(from) ?? ''}的交流人数，为保持该校交流比例和骨干比例（R01、R02）而调整` };
    const to = ls.map((l) => l.toSchoolId).find((s) => touched.has(s));
    if (to) return { cause: 'quota', causeZh: `指定或排除安排占用或空出了${names.get(to) ?? ''}的岗位，随之调整` };
    return { cause: 'other', causeZh: '与指定、排除安排无关：教师名册、任职记录或方案参数有变化' };
  };
  const byName = (x: DiffLine, y: DiffLine) => x.kind.localeCompare(y.kind) || x.teacherName.localeCompare(y.teacherName, 'zh');
  return {
    proposalId: a.id,
    version: a.version,
    againstId: b.id,
    againstVersion: b.version,
    added: added.sort(byName).map((l) => ({ ...l, ...causeOf(l) })),
    removed: removed.sort(byName).map((l) => ({ ...l, ...causeOf(l) })),
    changed: changed.sort((x, y) => byName(x.after, y.after)).map((c) => ({ ...c, ...causeOf(c.after, c.before) })),
    unchanged,
  };
}
