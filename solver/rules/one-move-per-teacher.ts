/** H1: a teacher gets at most one rotation, leader rotation or shadowing. */
import type { Rule } from './rule.js';

export const oneMovePerTeacher: Rule = {
  id: 'H1',
  policy: [],
  module: 'one-move-per-teacher',
  kind: 'hard',
  title: 'a teacher gets at most one rotation, leader rotation or shadowing a year',
  parameters: [],
  rows({ lp, byTeacher }) {
    // Not elastic, and never needs to be: a teacher has at most one pinned variable (one pin per
    // teacher is kept, pins-and-exclusions), so setting the others to 0 always satisfies the row.
    // A group's members are held to one move each by their rank variables (≤ 1).
    for (const list of byTeacher.values())
      if (list.length > 1)
        lp.addRow(
          list.map((c) => [c.v, 1]),
          -Infinity,
          1,
        );
  },
};
