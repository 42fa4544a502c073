import type { Db } from '../db/database.js';
import { NotFound, ValidationFailed } from '../errors.js';

interface DiffLine {
  teacherId: string;
  teacherName: string;
  kind: string;
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
  const [a, b] = await Promise.all([
    db.selectFrom('proposals').select(['id', 'plan_id', 'version']).where('id', '=', id).executeTakeFirst(),
    db.selectFrom('proposals').select(['id', 'plan_id', 'version']).where('id', '=', againstId).executeTakeFirst(),
  ]);
  if (!a) throw new NotFound('Proposal', id);
  if (!b) throw new NotFound('Proposal', againstId);
  if (a.plan_id !== b.plan_id) throw new ValidationFailed('Both proposals must belong to the same plan');
  const load = async (proposalId: string) => {
    const rows = await db.selectFrom('proposal_lines as l').innerJoin('teachers as t', 't.id', 'l.teacher_id')
      .select(['l.teacher_id', 't.name', 'l.kind', 'l.from_school_id', 'l.to_school_id', 'l.hours_per_week', 'l.reasons'])
      .where('l.proposal_id', '=', proposalId).execute();
    return new Map<string, DiffLine>(rows.map((r) => [`${r.teacher_id}|${r.kind}`, {
      teacherId: r.teacher_id, teacherName: r.name, kind: r.kind, fromSchoolId: r.from_school_id, toSchoolId: r.to_school_id,
      hoursPerWeek: r.hours_per_week, reasons: r.reasons,
    }]));
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
    proposalId: a.id, version: a.version, againstId: b.id, againstVersion: b.version,
    added: added.sort(byName), removed: removed.sort(byName),
    changed: changed.sort((x, y) => byName(x.after, y.after)), unchanged,
  };
}
