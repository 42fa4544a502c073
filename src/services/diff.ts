import type { Db } from '../db/database.js';
import { pinsForSolver } from '../db/plans.js';
import { linesForDiff } from '../db/proposal-lines.js';
import { getProposalRow } from '../db/proposals.js';
import type { LineKind } from '../domain.js';
import { NotFound, ValidationFailed } from '../errors.js';
import { resolveParameters } from '../../solver/index.js';
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

type Edits = {
  pins: { teacherId: string; toSchoolId: string; kind: string }[];
  exclusions: { teacherId: string; toSchoolId?: string | null }[];
  parameters?: Record<string, unknown>;
};

/**
 * The rule that forced a line at a school a pin or exclusion touched (issue #21), and the school:
 * R01/R02 a sending school's quota or backbone share to restore, H12 its loss cap, H7 a receiving
 * school's 编制, H10 a leader post, H11 a school's 走教 hours; null where no rule can be named.
 */
export interface CauseRule {
  rule: 'R01' | 'R02' | 'H7' | 'H10' | 'H11' | 'H12' | null;
  schoolId: string | null;
}
const RULE_WORDS: Record<NonNullable<CauseRule['rule']>, [string, string]> = {
  R01: ['R01 quota', '交流比例（R01）'],
  R02: ['R02 backbone share', '骨干教师比例（R02）'],
  H7: ['H7 编制', '核定编制（H7）'],
  H10: ['H10 leader post', '领导岗位（H10）'],
  H11: ['H11 走教 hours', '走教课时（H11）'],
  H12: ['H12 loss cap', '每校每年调出上限（H12）'],
};

/**
 * The pins and exclusions a proposal was solved with: those of its stored input (issue #11), else,
 * for a proposal solved before inputs were kept, the plan's as they stand.
 */
async function editsOf(db: Db, proposalId: string, planId: string): Promise<Edits> {
  const snap = await proposalSnapshot(db, proposalId);
  return snap ? { pins: snap.input.pins, exclusions: snap.input.exclusions, parameters: snap.input.parameters } : pinsForSolver(db, planId);
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
  // each touched school, with the edit that touched it first (a pin before an exclusion)
  const touchedBy = new Map<string, 'pin' | 'exclusion'>();
  const touch = (schoolId: string, by: 'pin' | 'exclusion') => {
    if (!touchedBy.has(schoolId)) touchedBy.set(schoolId, by);
  };
  const editOf = (teacherId: string) => (pinned.has(teacherId) ? 'pin' : 'exclusion');
  for (const p of [...editsMine.pins, ...editsTheirs.pins]) if (pinned.has(p.teacherId)) touch(p.toSchoolId, 'pin');
  for (const e of excludedEdits) if (e.toSchoolId) touch(e.toSchoolId, 'exclusion');
  for (const l of [...mine.values(), ...theirs.values()]) {
    if (!pinned.has(l.teacherId) && !excluded.has(l.teacherId)) continue;
    touch(l.fromSchoolId, editOf(l.teacherId));
    touch(l.toSchoolId, editOf(l.teacherId));
  }
  // a pinned teacher whose home school no line names (pinned to no move at all) is found in the roster
  const unplaced = [...pinned, ...excluded].filter((t) => ![...mine.values(), ...theirs.values()].some((l) => l.teacherId === t));
  if (unplaced.length)
    for (const r of await db.selectFrom('teachers').select(['id', 'school_id']).where('id', 'in', unplaced).execute()) touch(r.school_id, editOf(r.id));
  const touched = new Set(touchedBy.keys());
  const schoolRows = touched.size
    ? await db
        .selectFrom('schools')
        .select(['id', 'name', 'stage', 'locality', 'is_high_quality', 'is_weak'])
        .where('id', 'in', [...new Set([...touched, ...[...mine.values(), ...theirs.values()].flatMap((l) => [l.fromSchoolId, l.toSchoolId])])])
        .execute()
    : [];
  const schoolOf = new Map(schoolRows.map((s) => [s.id, s]));
  const names = new Map(schoolRows.map((s) => [s.id, s.name]));
  // the backbone teachers among those whose line differs and those edited (R02)
  const differing = [...added, ...removed, ...changed.map((c) => c.after)].map((l) => l.teacherId);
  const backbone = new Set(
    differing.length || pinned.size || excluded.size
      ? (
          await db
            .selectFrom('teachers')
            .select(['id', 'backbone'])
            .where('id', 'in', [...new Set([...differing, ...pinned, ...excluded])])
            .execute()
        )
          .filter((r) => r.backbone)
          .map((r) => r.id)
      : [],
  );
  const editedBackbone = [...pinned, ...excluded].some((t) => backbone.has(t));
  const p = resolveParameters((editsMine.parameters ?? {}) as never);
  const sending = (id: string) => {
    const s = schoolOf.get(id);
    return !!s && (s.locality === 'urban' || s.is_high_quality);
  };
  const receiving = (id: string) => {
    const s = schoolOf.get(id);
    return !!s && (s.locality !== 'urban' || s.is_weak) && !sending(id);
  };
  const quotaSchool = (id: string) => sending(id) && (p.quotaStages as string[]).includes(schoolOf.get(id)!.stage);
  // Q16: a leader rotation takes the post along, a rotation only when longer than three years and the plan says so
  const movesPost = (kind: string) => kind === 'leader_rotation' || (kind === 'rotation' && p.longRotationMovesPost && p.rotationYears > 3);
  /** Which rule forced a line at a touched school (the line is `after` ?? `before`; `change` says which side exists). */
  const ruleOf = (ls: DiffLine[], change: 'added' | 'removed' | 'changed'): CauseRule => {
    const l = ls[0];
    if (l.kind === 'itinerant') {
      const at = ls.flatMap((x) => [x.toSchoolId, x.fromSchoolId]).find((id) => touched.has(id)) ?? null;
      return { rule: at ? 'H11' : null, schoolId: at };
    }
    const from = ls.map((x) => x.fromSchoolId).find((id) => touched.has(id));
    if (from) {
      // a move gone from a school the edit sends one more from: its loss cap; one added: its quota (or backbone share) to restore
      if (change === 'removed') return { rule: 'H12', schoolId: from };
      if (quotaSchool(from) && receiving(l.toSchoolId)) return { rule: editedBackbone && backbone.has(l.teacherId) ? 'R02' : 'R01', schoolId: from };
    }
    const to = ls.map((x) => x.toSchoolId).find((id) => touched.has(id));
    if (to) {
      if (l.kind === 'leader_rotation') return { rule: 'H10', schoolId: to };
      if (movesPost(l.kind)) return { rule: 'H7', schoolId: to };
    }
    return { rule: null, schoolId: from ?? to ?? null };
  };
  const causeOf = (change: 'added' | 'removed' | 'changed', ...ls: DiffLine[]) => {
    const t = ls[0].teacherId;
    const none = { causeRule: null, causeSchoolId: null };
    if (pinned.has(t)) return { cause: 'pin' as DiffCause, causeZh: 'HR调整了该教师的指定安排（H9）', causeText: 'H9 the pin of this teacher', ...none };
    if (excluded.has(t))
      return { cause: 'exclusion' as DiffCause, causeZh: 'HR调整了该教师的排除安排（H9）', causeText: 'H9 the exclusion of this teacher', ...none };
    const { rule, schoolId } = ruleOf(ls, change);
    if (!schoolId)
      return {
        cause: 'other' as DiffCause,
        causeZh: '与指定、排除安排无关：教师名册、任职记录或方案参数有变化',
        causeText: 'not a pin or exclusion: roster, ledger or parameters changed',
        ...none,
      };
    const name = names.get(schoolId) ?? '';
    const by = touchedBy.get(schoolId)!;
    const [byEn, byZh] = by === 'pin' ? ['after the pin', '指定安排'] : ['after the exclusion', '排除安排'];
    if (!rule) {
      const zh = ls.some((x) => x.fromSchoolId === schoolId)
        ? `${byZh}改变了${name}的交流人数，为保持该校交流比例和骨干比例（R01、R02）而调整`
        : `${byZh}占用或空出了${name}的岗位，随之调整`;
      return { cause: 'quota' as DiffCause, causeZh: zh, causeText: `a move at ${name} ${byEn}`, causeRule: null, causeSchoolId: schoolId };
    }
    const [en, zh] = RULE_WORDS[rule];
    return {
      cause: 'quota' as DiffCause,
      causeZh: `${zh}：${name}（${byZh}之后）`,
      causeText: `${en} at ${name} ${byEn}`,
      causeRule: rule,
      causeSchoolId: schoolId,
    };
  };
  const byName = (x: DiffLine, y: DiffLine) => x.kind.localeCompare(y.kind) || x.teacherName.localeCompare(y.teacherName, 'zh');
  return {
    proposalId: a.id,
    version: a.version,
    againstId: b.id,
    againstVersion: b.version,
    added: added.sort(byName).map((l) => ({ ...l, ...causeOf('added', l) })),
    removed: removed.sort(byName).map((l) => ({ ...l, ...causeOf('removed', l) })),
    changed: changed.sort((x, y) => byName(x.after, y.after)).map((c) => ({ ...c, ...causeOf('changed', c.after, c.before) })),
    unchanged,
  };
}
