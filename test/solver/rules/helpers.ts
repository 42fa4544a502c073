import type { SolverResult } from '../../../solver/types.js';

/** Lookups the per-rule tests share. */
export const movesFrom = (r: SolverResult, schoolId: string) => r.lines.filter((l) => l.fromSchoolId === schoolId && l.kind !== 'itinerant');
export const lineOf = (r: SolverResult, teacherId: string) => r.lines.find((l) => l.teacherId === teacherId && l.kind !== 'itinerant');
export const violations = (r: SolverResult, rule: string) => r.compliance.violations.filter((v) => v.rule === rule);
export const exceptions = (r: SolverResult, rule: string) => r.compliance.exceptions.filter((e) => e.rule === rule);
