/** S9: re-solve stability: every line that differs from the previous proposal of the plan costs `weightStability`; keeping one saves it. */
import type { Parameters } from '../parameters.js';
import type { Rule } from './rule.js';

export const stability: Rule & { cost(p: Parameters, hasPrevious: boolean, inPrevious: boolean): number } = {
  id: 'S9',
  policy: [],
  module: 'stability',
  kind: 'soft',
  title: 're-solve stability: each line differing from the previous proposal costs',
  parameters: ['weightStability'],
  cost: (p, hasPrevious, inPrevious) => (hasPrevious ? (inPrevious ? -p.weightStability : p.weightStability) : 0),
};
