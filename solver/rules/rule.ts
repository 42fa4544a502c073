/**
 * What a rule module is. Every H- and S- rule of model.md lives in one module of this folder,
 * named by what it means; the module owns who the rule concerns (from the clocks), the costs or
 * candidates it adds, its rows (through `elasticRow`, which always adds a named slack), its reason
 * code and the reason's Chinese text, its violation wording and remedy, and its parameters. The
 * model builder (../rotation.ts), the 走教 phase (../itinerant.ts), the explanations
 * (../explain.ts) and the report (../report.ts) loop over the modules.
 */
import type { Context } from '../context.js';
import type { LpModel } from '../lp.js';
import type { Parameters } from '../parameters.js';
import type { Candidate, RotationModel } from '../rotation.js';
import type { Compliance, Line, Pin, SchoolCompliance, SolverSchool, SolverTeacher, Violation } from '../types.js';

export interface RuleMeta {
  /** the model's id: H1 … H11, S1 … S11 */
  id: string;
  /** the policy rules it implements (R01 …), first the one violations are filed under */
  policy: string[];
  /** the module's file name, without .ts */
  module: string;
  kind: 'hard' | 'soft';
  /** what the rule asks, in one line */
  title: string;
  /** the parameters it reads (parameters.ts) */
  parameters: (keyof Parameters)[];
  /** the Chinese policy line it stands on, where the rule has one of its own (else the catalogue's) */
  sourceZh?: string;
}

/** A slack of an elastic row: non-zero means the rule is missed by that much. */
export interface SlackRecord {
  v: number;
  /** the model's rule id (H2 …) */
  rule: string;
  /** the policy rule id (R01 …) */
  ruleId: string;
  schoolId?: string;
  teacherId?: string;
  /** the pins in the row: a violation names them, since removing one is what HR can do */
  pins?: Pin[];
  /** H2: the required count; H7: the room left; 走教: the hours or schools allowed */
  target: number;
  /** 'below': the row's lower bound is missed; 'above': its upper bound is exceeded */
  side: 'below' | 'above';
  /** free-form details a rule's wording needs (the post, the subject …) */
  detail?: string;
}

export interface ElasticOptions {
  rule: string;
  ruleId: string;
  /** what one unit of slack costs: `hardPenalty` for a hard rule, the soft weight otherwise */
  cost: number;
  /** which bound may give way; by default the finite one(s) */
  side?: 'below' | 'above' | 'both';
  schoolId?: string;
  teacherId?: string;
  pins?: Pin[];
  target?: number;
  detail?: string;
}

/**
 * lb ≤ Σ terms ≤ ub, made elastic: one named slack per finite bound (or the side given), costing
 * `cost`, registered in `slacks` so the report turns every non-zero one into a violation worded by
 * the rule. Slack variables are created before the row, in the order below-then-above.
 */
export function elasticRow(lp: LpModel, slacks: SlackRecord[], terms: [number, number][], lb: number, ub: number, o: ElasticOptions): SlackRecord[] {
  const side = o.side ?? (lb > -Infinity && ub < Infinity ? 'both' : lb > -Infinity ? 'below' : 'above');
  const made: SlackRecord[] = [];
  const row = [...terms];
  const mk = (s: 'below' | 'above') => {
    const v = lp.addVar({ cost: o.cost, lb: 0, ub: Infinity });
    const rec: SlackRecord = { v, rule: o.rule, ruleId: o.ruleId, side: s, target: o.target ?? (s === 'below' ? lb : ub) };
    if (o.schoolId !== undefined) rec.schoolId = o.schoolId;
    if (o.teacherId !== undefined) rec.teacherId = o.teacherId;
    if (o.pins?.length) rec.pins = o.pins;
    if (o.detail !== undefined) rec.detail = o.detail;
    row.push([v, s === 'below' ? 1 : -1]);
    slacks.push(rec);
    made.push(rec);
  };
  if (side === 'below' || side === 'both') mk('below');
  if (side === 'above' || side === 'both') mk('above');
  lp.addRow(row, lb, ub);
  return made;
}

/** The model under construction, as the rules' row hooks see it. */
export interface ModelBuild {
  ctx: Context;
  lp: LpModel;
  candidates: Candidate[];
  slacks: SlackRecord[];
  /** each teacher's own candidates (a group's members are held by their rank variables instead) */
  byTeacher: Map<string, Candidate[]>;
  model: Pick<RotationModel, 'quota' | 'mustMove'>;
}

/** What the report hands a rule to word its violations. */
export interface ReportInput {
  ctx: Context;
  model: RotationModel;
  values: Float64Array;
  lines: Line[];
  /** the non-itinerant line of each teacher */
  teacherLines: Map<string, Line>;
  /** the report's per-school quota figures, recomputed from the lines */
  schools: SchoolCompliance[];
  county: Compliance['county'];
  /** the rule's own non-zero slacks */
  slacks: { s: SlackRecord; value: number }[];
}

export type Say = (id: string, zh: string) => void;

export interface Rule extends RuleMeta {
  /** soft goals: the teacher's own part of a rotation's reward (accumulated in place: the sum's order is the model's) */
  teacherReward?(ctx: Context, t: SolverTeacher, to: SolverSchool, r: number): number;
  /** soft goals: the move's part of a reward, the same for every teacher of a school making it */
  moveReward?(
    ctx: Context,
    t: SolverTeacher,
    from: SolverSchool,
    to: SolverSchool,
    kind: Candidate['kind'],
    km: number,
    prefRank: number | null,
    r: number,
  ): number;
  /** the rule's rows */
  rows?(b: ModelBuild): void;
  /** why a chosen move is there, by reason code and in Chinese */
  reasons?(ctx: Context, c: Candidate, must: MustMoveRule | undefined, quotaSchool: boolean, say: Say): void;
  /** the rule's violations in policy language */
  violations?(r: ReportInput): Violation[];
}

/** H4, H5, H6: rules that name teachers who must move; one row per teacher, in the order they were named. */
export interface MustMoveRule extends Rule {
  /** a candidate move that meets the rule */
  meets(ctx: Context, c: Pick<Candidate, 'to' | 'kind'>): boolean;
  /** why the teacher must move, for the exclusion wording: "R08 (12 years in post)" */
  because(p: Parameters): string;
  /** the violation when the teacher is not moved as the rule asks (and not excluded by HR) */
  unmet(ctx: Context, t: SolverTeacher, line: Line | undefined): Violation;
}

/** The `pin`/`pins` fields of a violation caused by pins: the first pin, and all of them. */
export function pinFields(pins: Pin[]): Pick<Violation, 'pin' | 'pins'> {
  return pins.length ? { pin: pins[0], pins } : {};
}
