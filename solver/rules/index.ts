/**
 * Every rule of the model, one module each (docs/rules.md lists them with the policy rules R01–R40
 * they implement; ./catalogue.ts holds the policy rules not modelled).
 */
import { backboneShare } from './backbone-share.js';
import { itinerantCover } from './itinerant-cover.js';
import { itinerantLimits } from './itinerant-limits.js';
import { leaderShare } from './leader-share.js';
import { leaderTwelveYears } from './leader-twelve-years.js';
import { longTenure } from './long-tenure.js';
import { movableOnly } from './movable-only.js';
import { oneLeaderPerPost } from './one-leader-per-post.js';
import { oneMovePerTeacher } from './one-move-per-teacher.js';
import { pinsAndExclusions } from './pins-and-exclusions.js';
import { preferences } from './preferences.js';
import { principalTwoTerms } from './principal-two-terms.js';
import { rotationQuota } from './rotation-quota.js';
import { schoolLossCap } from './school-loss-cap.js';
import type { Rule } from './rule.js';
import { ruralUplift } from './rural-uplift.js';
import { seniorTitleRuralYear } from './senior-title-rural-year.js';
import { seniorTitleSoon } from './senior-title-soon.js';
import { shortMoves } from './short-moves.js';
import { stability } from './stability.js';
import { staffingBalance } from './staffing-balance.js';
import { staffingCeiling } from './staffing-ceiling.js';
import { subjectVacancies } from './subject-vacancies.js';
import { villageShadowing } from './village-shadowing.js';

/** All rules by id: H1 … H12, S1 … S11. */
export const RULES: Rule[] = [
  oneMovePerTeacher,
  rotationQuota,
  backboneShare,
  leaderTwelveYears,
  seniorTitleRuralYear,
  villageShadowing,
  staffingCeiling,
  movableOnly,
  pinsAndExclusions,
  oneLeaderPerPost,
  itinerantLimits,
  schoolLossCap,
  longTenure,
  principalTwoTerms,
  seniorTitleSoon,
  subjectVacancies,
  shortMoves,
  preferences,
  ruralUplift,
  staffingBalance,
  stability,
  itinerantCover,
  leaderShare,
];
export const ruleById = new Map(RULES.map((r) => [r.id, r]));

/** The teacher's own part of a rotation's reward, in the order the model adds it. */
export const TEACHER_REWARDS: Rule[] = [longTenure, seniorTitleSoon, ruralUplift];
/** The move's part of a reward, after the cost every move pays. */
export const MOVE_REWARDS: Rule[] = [principalTwoTerms, shortMoves, preferences];
/**
 * The rows, in the model's order (the order HiGHS sees them in; the must-move rows of H4, H5 and
 * H6 come after H1, one per named teacher in input order, built by ../rotation.ts through each rule).
 */
export const ROWS_BEFORE_MUST_MOVE: Rule[] = [oneMovePerTeacher];
export const ROWS_AFTER_MUST_MOVE: Rule[] = [rotationQuota, oneLeaderPerPost, leaderShare, staffingCeiling, subjectVacancies, schoolLossCap];
/** The reasons of a line, in the order a principal reads them. */
export const REASONS: Rule[] = [
  pinsAndExclusions,
  leaderTwelveYears,
  principalTwoTerms,
  villageShadowing,
  seniorTitleRuralYear,
  seniorTitleSoon,
  movableOnly,
  rotationQuota,
  backboneShare,
  longTenure,
  subjectVacancies,
  shortMoves,
  preferences,
];
/** The violations, in the order the report lists them (H4–H6 are worded per named teacher, in input order). */
export const VIOLATIONS: Rule[] = [rotationQuota, backboneShare, staffingCeiling, oneLeaderPerPost, pinsAndExclusions, itinerantLimits, schoolLossCap];

export {
  backboneShare,
  itinerantCover,
  itinerantLimits,
  leaderShare,
  leaderTwelveYears,
  longTenure,
  movableOnly,
  oneLeaderPerPost,
  oneMovePerTeacher,
  pinsAndExclusions,
  preferences,
  principalTwoTerms,
  rotationQuota,
  ruralUplift,
  schoolLossCap,
  seniorTitleRuralYear,
  seniorTitleSoon,
  shortMoves,
  stability,
  staffingBalance,
  staffingCeiling,
  subjectVacancies,
  villageShadowing,
};
