import type { Db } from '../db/database.js';
import { linesForDiff } from '../db/proposal-lines.js';
import { getProposalRow } from '../db/proposals.js';
import type { LineKind } from '../domain.js';
import { NotFound, ValidationFailed } from '../errors.js';

interface DiffLine {
  teacherId: string;
  teacherName: string;
  kind: LineKind;
  fromSchoolId: string;
  toSchoolId: string;
  hoursPerWeek: number | null;
  reasons: string[];
}

/**
 * What changed from proposal `against` to proposal `id` of the same plan. A line is the same line
 * when teacher and kind match; it is `changed` when its school or hours differ. Each entry carries
 * the reasons of the line it describes (for a removed line, the reasons it had).
 */
export async function diffProposals(db: Db, id: string, againstId: string) {
  const [a, b] = await Promise.all([getProposalRow(db, id), getProposalRow(db, againstId)]);
  if (!a) throw new NotFound('Proposal', id);
  if (!b) throw new NotFound('Proposal', againstId);
  if (a.plan_id !== b.plan_id) throw new ValidationFailed('Both proposals must belong to the same plan');
  const load = async (proposalId: string) => {
    return new Map<string, DiffLine>((await linesForDiff(db, proposalId)).map((l) => [`${l.teacherId}|${l.kind}`, l]));
  };
  const [mine, theirs] = await Promise.all([load(a.id), load(b.id)]);
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
  const byName = (x: DiffLine, y: DiffLine) => x.kind.localeCompare(y.kind) || x.teacherName.localeCompare(y.teacherName, 'zh');
  return {
    proposalId: a.id,
    version: a.version,
    againstId: b.id,
    againstVersion: b.version,
    added: added.sort(byName),
    removed: removed.sort(byName),
    changed: changed.sort((x, y) => byName(x.after, y.after)),
    unchanged,
  };
}
