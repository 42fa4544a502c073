// Re-solve churn (issue #12 point 4) in its own process, solver only:
//   tsx scripts/bench/churn-case.ts --teachers 3000 [--shape huilai] [--seed 1]
// Solves a generated county (v1), re-solves with v1 as the previous proposal and nothing changed
// (v1→v1'), then with one pin and one exclusion (v2, as HR would: churnEdits), then again with
// nothing changed (v2→v3), and counts the lines that differ each time (a line: teacher, kind,
// schools and hours; 走教 included).
import { parseArgs } from 'node:util';
import { solve } from '../../solver/index.js';
import type { SolverInput } from '../../solver/types.js';
import { generateCounty, type ShapeName } from '../../src/demo/generate-county.js';
import { churnEdits, lineChanges, previousOf } from '../lib/churn.js';
import { importToSolverInput } from '../lib/import-to-solver-input.js';

const { values } = parseArgs({
  options: {
    teachers: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    shape: { type: 'string', default: 'huilai' },
  },
});
const input: SolverInput = importToSolverInput(
  generateCounty({ seed: Number(values.seed), teachers: Number(values.teachers), year: 2027, shape: values.shape as ShapeName }),
  2027,
);
const t0 = performance.now();
const v1 = await solve(input);
const same1 = await solve({ ...input, previousLines: previousOf(v1.lines) });
const edits = churnEdits(input, v1.lines);
const edited: SolverInput = { ...input, pins: [edits.pin], exclusions: [edits.exclusion] };
const v2 = await solve({ ...edited, previousLines: previousOf(v1.lines) });
const v3 = await solve({ ...edited, previousLines: previousOf(v2.lines) });
const afterEdits = lineChanges(v1.lines, v2.lines);
const own = (id: string) => id === edits.pin.teacherId || id === edits.exclusion.teacherId;
const forced = afterEdits.filter((c) => own(c.teacherId)).length;
// the schools the edits touch: the two teachers' home schools, where the pin sends, where the excluded line went
const home = new Map(input.teachers.map((t) => [t.id, t.schoolId]));
const touched = new Set([home.get(edits.pin.teacherId), edits.pin.toSchoolId, home.get(edits.exclusion.teacherId)]);
for (const l of v1.lines) if (l.teacherId === edits.exclusion.teacherId) touched.add(l.toSchoolId);
const atTouched = afterEdits.filter((c) => !own(c.teacherId) && (touched.has(c.line.fromSchoolId) || touched.has(c.line.toSchoolId))).length;
process.stdout.write(
  JSON.stringify({
    teachers: input.teachers.length,
    shape: values.shape,
    lines: v1.lines.length,
    itinerantLines: v1.lines.filter((l) => l.kind === 'itinerant').length,
    unchangedResolve: lineChanges(v1.lines, same1.lines).length,
    afterEdits: afterEdits.length,
    afterEditsForced: forced,
    afterEditsAtTouchedSchools: atTouched,
    afterEditsElsewhere: afterEdits.length - forced - atTouched,
    unchangedAfterEdits: lineChanges(v2.lines, v3.lines).length,
    violationsBefore: v1.compliance.violations.length,
    violationsAfterEdits: v2.compliance.violations.length,
    seconds: Math.round((performance.now() - t0) / 1000),
  }) + '\n',
);
