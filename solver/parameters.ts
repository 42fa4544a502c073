import { COMPULSORY_STAGES, DEFAULT_SHORTAGE_SUBJECTS } from './domain.js';

/**
 * Every parameter of the model with its default (docs/model.md). A plan overrides any of them.
 * Rule ids name the policy each one comes from (../shared/spec/policy-rules.md).
 */
export const PARAMETER_DEFAULTS = {
  /** R01: share of eligible teachers a sending school rotates each year (不低于10%) */
  rotationQuota: 0.1,
  /** R02: backbone teachers' share of those rotated (不低于20%) */
  backboneShare: 0.2,
  /** Q3: 'school' enforces R01/R02 per sending school; 'county' pools them county-wide */
  quotaScope: 'school',
  /** Q17: school stages the R01/R02 quotas apply to (compulsory education) */
  quotaStages: [...COMPULSORY_STAGES] as string[],
  /** R06: continuous years at the current school that make a teacher eligible (符合交流条件) */
  tenureThresholdYears: 6,
  /** R08: years in the same leader post at the same school after which the leader must move */
  leaderMaxYears: 12,
  /** R07: a principal's term (任期) and how many full terms at one school before rotating */
  principalTermYears: 3,
  principalTerms: 2,
  /** R04 (S11): share of a school's leadership team that may leave in one round (rounded down; one may always move) */
  maxLeaderShareRotated: 0.3,
  /** R04 (S11): cost per leader leaving beyond that share (above any move's reward, below a hard rule) */
  weightLeaderShare: 50,
  /**
   * H12 (issue #21): the most a school may lose in one year, as a share of the teachers working there
   * (rotation, leader rotation and shadowing away; 走教 keeps the teacher home), never below one
   * teacher or the school's own R01 quota. 15%: the policy's 10% quota plus room for the long-tenure
   * (R06) and shortage (R24) moves, so teaching stays stable (docs/model.md). 1 turns the cap off.
   */
  maxSchoolLossShare: 0.15,
  /** R11: rural/weak-school years required before applying for the senior title */
  seniorTitleRuralYears: 1,
  /** R16: years after hiring within which a village teacher shadows for a year */
  shadowWindowYears: 5,
  /** R09: teachers closer than this to statutory retirement are exempt */
  retirementExemptYears: 5,
  retirementAgeMale: 60,
  retirementAgeFemale: 55,
  /** R10: years a rotation lasts */
  rotationYears: 3,
  /** Q16: whether a rotation longer than three years takes the post (编制) to the host; shorter ones never do (人走关系留) */
  longRotationMovesPost: false,
  /** R22/Q10: schools a 走教 teacher teaches at, home included */
  itinerantMaxSchools: 2,
  /** R22/Q10: 40 minutes one way, taken as 40 km of county road */
  itinerantMaxKm: 40,
  /** R22: weekly lessons a teacher may reach with 走教 hours added */
  maxWeeklyHours: 20,
  /** candidate pruning: receiving schools considered per teacher (nearest that fit) */
  candidateSchoolsPerTeacher: 10,
  /** candidate pruning: farthest move considered */
  maxMoveKm: 80,
  /** assumed distance where a school has no coordinates */
  unknownDistanceKm: 30,
  /** the cost of breaking a hard rule (dominates every soft term) */
  hardPenalty: 10000,
  /** the cost of any move: moves beyond what the rules ask must pay for themselves (a filled vacancy) */
  weightMove: 10,
  /** S1 (R06): reward per year over the tenure threshold */
  weightTenure: 0.3,
  /** S2 (R07): reward for moving a leader after two full terms, urban↔rural */
  weightPrincipalTerms: 5,
  /** S3 (R11): reward for moving a teacher 2-3 years before the title application */
  weightTitleSoon: 4,
  /** S4 (R24): cost per teacher still missing at a receiving school (shortage subjects × shortageWeight) */
  weightVacancy: 10,
  shortageWeight: 2,
  shortageSubjects: [...DEFAULT_SHORTAGE_SUBJECTS],
  /** S5 (R21, R30): cost per km, bonuses inside the same 学区 and along a 结对 pairing */
  weightKm: 0.05,
  weightSameDistrict: 1,
  weightPairing: 2,
  /** S6: reward for a preferred school (more for a higher rank); cost per km beyond a teacher's maximum */
  weightPreference: 3,
  weightBeyondMaxKm: 0.5,
  /** S7 (R26, R32): reward for a backbone or bachelor-degree teacher moving to a rural school */
  weightRuralUplift: 1,
  /** S8: cost per teacher of surplus, or of shortfall at a sending school, per subject */
  weightStaffing: 2,
  /**
   * S9: cost of every line that differs from the previous proposal of the plan. Above what any soft
   * goal can gain from one line (at most ~100: weightMove + weightVacancy × shortageWeight +
   * weightLeaderShare + the small ones), far below hardPenalty: a re-solve moves a line only for a
   * hard rule (a pin, an exclusion, a quota to restore), never for a soft gain (issue #12: review
   * work is kept). It also stays well above the MIP gap's slack (mipGap × |objective|), so an early
   * stop cannot swap lines. 0 re-optimises freely.
   */
  weightStability: 200,
  /** S10 (R22): reward per covered shortage hour, cost per 走教 km and per extra host school */
  weightItinerantHour: 1,
  weightItinerantKm: 0.02,
  weightItinerantSchool: 0.5,
  /** relative MIP gap at which the solve stops (0.01%) */
  mipGap: 0.0001,
};

export type Parameters = typeof PARAMETER_DEFAULTS;

const SHARES = ['rotationQuota', 'backboneShare', 'mipGap', 'maxLeaderShareRotated', 'maxSchoolLossShare'] as const;
const POSITIVE_INTS = [
  'tenureThresholdYears',
  'leaderMaxYears',
  'principalTermYears',
  'principalTerms',
  'shadowWindowYears',
  'rotationYears',
  'itinerantMaxSchools',
  'candidateSchoolsPerTeacher',
] as const;

/** Applies overrides to the defaults and checks them; a bad value throws naming the parameter. */
export function resolveParameters(overrides: Partial<Parameters> = {}): Parameters {
  const p = { ...PARAMETER_DEFAULTS, ...overrides } as Parameters;
  const bad = (name: string, why: string) => {
    throw new Error(`Invalid parameter ${name}: ${why}`);
  };
  for (const key of Object.keys(overrides)) if (!(key in PARAMETER_DEFAULTS)) bad(key, 'unknown parameter');
  for (const [key, def] of Object.entries(PARAMETER_DEFAULTS)) {
    const v = (p as Record<string, unknown>)[key];
    if (typeof def === 'number' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) bad(key, 'must be a number ≥ 0');
    if (Array.isArray(def) && !Array.isArray(v)) bad(key, 'must be a list');
    if (typeof def === 'boolean' && typeof v !== 'boolean') bad(key, 'must be true or false');
  }
  for (const key of SHARES) if (p[key] > 1) bad(key, `must be a share between 0 and 1 (got ${p[key]})`);
  for (const key of POSITIVE_INTS) if (!Number.isInteger(p[key]) || p[key] < 1) bad(key, 'must be a whole number ≥ 1');
  if (p.quotaScope !== 'school' && p.quotaScope !== 'county') bad('quotaScope', "must be 'school' or 'county'");
  return p;
}
