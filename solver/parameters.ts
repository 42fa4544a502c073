import { COMPULSORY_STAGES, DEFAULT_SHORTAGE_SUBJECTS, STAGE_ZH, STAGES, SUBJECTS } from './domain.js';

/**
 * Every parameter of the model, defined once (issue #20 point 1): its type, default, bounds, unit,
 * the options of an enumeration with their Chinese labels, its Chinese name and help for the HR page,
 * its English meaning for the API and the docs, the policy it comes from (R01… of
 * ../shared/spec/policy-rules.md, Q… of the spec's questions) and the cross-field rules (`lessThan`).
 * The model's rules that read a parameter (H1…, S1… of docs/model.md) list it in their own module.
 * From this table come the defaults and `resolveParameters` (the solver), the API's zod schema for
 * plan create and patch (src/schemas/parameters.ts), the parameter part of GET /vocabulary and,
 * through it, the page's editor (public/views/parameters.js), and docs/parameters.md. Plain data and
 * plain functions: the solver depends on nothing, zod included. To add a parameter: an entry here,
 * the rule module that reads it (its `parameters`), then `npm run rules:doc`.
 */

/**
 * How a number is entered and shown. `percent`: stored as a share 0..1 (0.1), entered and shown as a
 * percentage (10 %); min and max are shares too. The others only name what the number counts.
 */
export const PARAMETER_UNITS = [
  'percent',
  'years',
  'age',
  'km',
  'schools',
  'lessons',
  'times',
  'points',
  'pointsPerYear',
  'pointsPerKm',
  'pointsPerLesson',
] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];
export const PARAMETER_UNIT_ZH: Record<ParameterUnit, string> = {
  percent: '%',
  years: '年',
  age: '岁',
  km: '公里',
  schools: '所',
  lessons: '节/周',
  times: '倍',
  points: '分',
  pointsPerYear: '分/年',
  pointsPerKm: '分/公里',
  pointsPerLesson: '分/节',
};

export const PARAMETER_TYPES = ['number', 'boolean', 'enum', 'enumList'] as const;
export interface ParameterOption {
  code: string;
  zh: string;
}
interface Described {
  /** the short Chinese name the page labels the field with */
  zh: string;
  /** what changing it does, in Chinese, for the page */
  help: string;
  /** what it means, in English, for the API's schema and the docs */
  en: string;
  /** the policy rules (R01…) and the spec's questions (Q1…) it comes from; the model's rules (H1…, S1…) that read it say so themselves (RuleMeta.parameters) */
  policy: readonly string[];
}
export interface NumberParameter extends Described {
  type: 'number';
  default: number;
  /** inclusive bounds, in the stored unit (a share for `percent`) */
  min: number;
  max: number;
  integer: boolean;
  unit: ParameterUnit;
  /** cross-field rule: the value must stay below each of these parameters' values */
  lessThan?: readonly string[];
}
export interface BooleanParameter extends Described {
  type: 'boolean';
  default: boolean;
}
export interface EnumParameter extends Described {
  type: 'enum';
  default: string;
  options: readonly ParameterOption[];
}
/** A set of codes from `options`, each at most once, at least `minItems` of them. */
export interface EnumListParameter extends Described {
  type: 'enumList';
  default: readonly string[];
  options: readonly ParameterOption[];
  minItems: number;
}
export type ParameterDefinition = NumberParameter | BooleanParameter | EnumParameter | EnumListParameter;

// Bounds are what the model can use, not policy: a county may ask more than the policy's floor.
const WEIGHT_MAX = 1e6;
const share = (o: { default: number; max?: number; zh: string; help: string; en: string; policy: readonly string[] }) =>
  ({ type: 'number', unit: 'percent', min: 0, max: 1, integer: false, ...o }) as const;
const whole = (o: { default: number; min: number; max: number; unit: ParameterUnit; zh: string; help: string; en: string; policy: readonly string[] }) =>
  ({ type: 'number', integer: true, ...o }) as const;
/** A weight of the objective: at most WEIGHT_MAX and, so that a hard rule always dominates, below hardPenalty. */
const weight = (o: { default: number; unit?: ParameterUnit; zh: string; help: string; en: string; policy: readonly string[] }) =>
  ({ type: 'number', unit: 'points', min: 0, max: WEIGHT_MAX, integer: false, lessThan: ['hardPenalty'], ...o }) as const;

const STAGE_OPTIONS: readonly ParameterOption[] = STAGES.map((code) => ({ code, zh: STAGE_ZH[code] }));
const SUBJECT_OPTIONS: readonly ParameterOption[] = SUBJECTS.map((s) => ({ code: s.code, zh: s.zh }));

export const PARAMETERS = {
  rotationQuota: share({
    default: 0.1,
    zh: '交流比例',
    help: '城镇学校、优质学校每年交流人数不低于符合交流条件教师的比例（R01，默认10%）',
    en: 'share of eligible teachers a sending school rotates each year (不低于10%)',
    policy: ['R01'],
  }),
  backboneShare: share({
    default: 0.2,
    zh: '骨干教师比例',
    help: '交流教师中骨干教师所占比例下限（R02，默认20%）',
    en: "backbone teachers' share of those rotated (不低于20%)",
    policy: ['R02'],
  }),
  quotaScope: {
    type: 'enum',
    default: 'school',
    options: [
      { code: 'school', zh: '每所学校' },
      { code: 'county', zh: '全县' },
    ],
    zh: '比例考核范围',
    help: '每所学校：每所派出学校分别达到交流比例；全县：全县合计达到（Q3，默认每所学校）',
    en: "'school' enforces R01/R02 per sending school; 'county' pools them county-wide",
    policy: ['R01', 'R02', 'Q3'],
  },
  quotaStages: {
    type: 'enumList',
    default: [...COMPULSORY_STAGES],
    options: STAGE_OPTIONS,
    minItems: 1,
    zh: '适用学段',
    help: '交流比例适用的学段，默认义务教育阶段（小学、初中、九年一贯制，Q17）',
    en: 'school stages the R01/R02 quotas apply to (compulsory education by default); at least one',
    policy: ['R01', 'R02', 'Q17'],
  },
  tenureThresholdYears: whole({
    default: 6,
    min: 1,
    max: 30,
    unit: 'years',
    zh: '符合交流条件的任教年限',
    help: '在同一学校连续任教满该年数即符合交流条件（R06，默认6年）',
    en: 'continuous years at the current school that make a teacher eligible (符合交流条件)',
    policy: ['R06'],
  }),
  leaderMaxYears: whole({
    default: 12,
    min: 1,
    max: 40,
    unit: 'years',
    zh: '领导岗位任职年限上限',
    help: '领导人员在同一学校同一岗位任职满该年数应交流（R08，默认12年）',
    en: 'years in the same leader post at the same school after which the leader must move',
    policy: ['R08'],
  }),
  principalTermYears: whole({
    default: 3,
    min: 1,
    max: 10,
    unit: 'years',
    zh: '校长任期年数',
    help: '校长一个任期的年数（R07，默认3年）',
    en: "a principal's term (任期) in years; a leader rotation lasts one term",
    policy: ['R07'],
  }),
  principalTerms: whole({
    default: 2,
    min: 1,
    max: 10,
    unit: 'times',
    zh: '校长交流任期数',
    help: '在同一学校任满该数目的任期后优先交流（R07，默认2个任期）',
    en: 'full terms at one school after which a principal should rotate',
    policy: ['R07'],
  }),
  maxLeaderShareRotated: share({
    default: 0.3,
    zh: '领导班子同时交流比例上限',
    help: '一所学校领导班子一年内交流人数占班子的比例上限，向下取整，至少可交流1人（R04，默认30%）',
    en: "share of a school's leadership team that may leave in one round (rounded down; one may always move)",
    policy: ['R04'],
  }),
  weightLeaderShare: weight({
    default: 50,
    zh: '领导班子超比例代价',
    help: '超过上述比例时每多交流一名领导的代价（R04），高于任何调动的收益、低于硬性规则',
    en: "cost per leader leaving beyond that share (above any move's reward, below a hard rule)",
    policy: ['R04'],
  }),
  seniorTitleRuralYears: whole({
    default: 1,
    min: 0,
    max: 10,
    unit: 'years',
    zh: '评高级职称所需农村任教年限',
    help: '申报高级职称前须有的农村或薄弱学校任教年数（R11，默认1年）',
    en: 'rural/weak-school years required before applying for the senior title',
    policy: ['R11'],
  }),
  shadowWindowYears: whole({
    default: 5,
    min: 1,
    max: 10,
    unit: 'years',
    zh: '新教师跟岗期限',
    help: '村小新教师入职后该年数内安排一年跟岗学习（R16，默认5年）',
    en: 'years after hiring within which a village teacher shadows for a year',
    policy: ['R16'],
  }),
  retirementExemptYears: {
    ...whole({
      default: 5,
      min: 0,
      max: 20,
      unit: 'years',
      zh: '临近退休免交流年限',
      help: '距法定退休年龄不足该年数的教师不参加交流（R09，默认5年）；须小于男、女教师退休年龄',
      en: 'teachers closer than this to statutory retirement are exempt; below both retirement ages',
      policy: ['R09'],
    }),
    // at or above a retirement age, every teacher of that gender would be exempt: nobody could rotate
    lessThan: ['retirementAgeMale', 'retirementAgeFemale'],
  },
  retirementAgeMale: whole({
    default: 60,
    min: 40,
    max: 70,
    unit: 'age',
    zh: '男教师退休年龄',
    help: '计算临近退休时使用的男教师法定退休年龄（R09，默认60岁）',
    en: "men's statutory retirement age, for R09's exemption",
    policy: ['R09'],
  }),
  retirementAgeFemale: whole({
    default: 55,
    min: 40,
    max: 70,
    unit: 'age',
    zh: '女教师退休年龄',
    help: '计算临近退休时使用的女教师法定退休年龄（R09，默认55岁）',
    en: "women's statutory retirement age, for R09's exemption",
    policy: ['R09'],
  }),
  rotationYears: whole({
    default: 3,
    min: 1,
    max: 6,
    unit: 'years',
    zh: '交流期限',
    help: '一次交流轮岗的年数（R10，默认3年，1至6年）',
    en: 'years a rotation lasts (its end date is 31 August of the year it ends)',
    policy: ['R10'],
  }),
  longRotationMovesPost: {
    type: 'boolean',
    default: false,
    zh: '长期交流是否转编制',
    help: '交流超过三年时编制是否随人转到交流学校；三年及以下一律人走关系留（Q16，默认否）',
    en: 'whether a rotation longer than three years takes the post (编制) to the host; shorter ones never do (人走关系留)',
    policy: ['Q16'],
  },
  itinerantMaxSchools: whole({
    default: 2,
    min: 1,
    max: 6,
    unit: 'schools',
    zh: '走教学校数上限',
    help: '一名走教教师任教的学校数，含本校（R22，默认2所）',
    en: 'schools a 走教 teacher teaches at, home included',
    policy: ['R22', 'Q10'],
  }),
  itinerantMaxKm: {
    type: 'number',
    default: 40,
    min: 0,
    max: 300,
    integer: false,
    unit: 'km',
    zh: '走教距离上限（公里）',
    help: '走教单程距离上限，以40公里县道折合约40分钟车程（R22）',
    en: '40 minutes one way, taken as 40 km of county road',
    policy: ['R22', 'Q10'],
  },
  maxWeeklyHours: whole({
    default: 20,
    min: 1,
    max: 40,
    unit: 'lessons',
    zh: '周课时上限',
    help: '加上走教课时后一名教师每周课时上限（R22，默认20节）',
    en: 'weekly lessons a teacher may reach with 走教 hours added',
    policy: ['R22'],
  }),
  candidateSchoolsPerTeacher: whole({
    default: 10,
    min: 1,
    max: 100,
    unit: 'schools',
    zh: '每名教师候选学校数',
    help: '计算时为每名教师考虑的最近且合适的接收学校数；越大越全面，计算越慢（默认10所）',
    en: 'candidate pruning: receiving schools considered per teacher (nearest that fit)',
    policy: [],
  }),
  maxMoveKm: {
    type: 'number',
    default: 80,
    min: 1,
    max: 1000,
    integer: false,
    unit: 'km',
    zh: '交流距离上限（公里）',
    help: '考虑的最远交流距离（默认80公里）',
    en: 'candidate pruning: farthest move considered',
    policy: [],
  },
  unknownDistanceKm: {
    type: 'number',
    default: 30,
    min: 0,
    max: 1000,
    integer: false,
    unit: 'km',
    zh: '无坐标学校的假定距离（公里）',
    help: '学校缺少坐标时按该距离计算（默认30公里）',
    en: 'assumed distance where a school has no coordinates',
    policy: [],
  },
  hardPenalty: {
    type: 'number',
    default: 10000,
    min: 1,
    max: 1e7,
    integer: false,
    unit: 'points',
    zh: '违反硬性规则的代价',
    help: '违反硬性规则（如交流比例）的代价，须高于其他各项代价和收益，一般不需修改',
    en: 'the cost of breaking a hard rule (dominates every soft term: above every weight)',
    policy: [],
  },
  weightMove: weight({
    default: 10,
    zh: '每次调动的代价',
    help: '每安排一人交流的代价：超出规则要求的调动须有足够收益（如填补缺员）才会安排',
    en: 'the cost of any move: moves beyond what the rules ask must pay for themselves (a filled vacancy)',
    policy: [],
  }),
  weightTenure: weight({
    default: 0.3,
    unit: 'pointsPerYear',
    zh: '任教年限收益',
    help: '在本校任教超过符合条件年限后，每多一年的优先程度（S1，R06）',
    en: 'reward per year over the tenure threshold',
    policy: ['R06'],
  }),
  weightPrincipalTerms: weight({
    default: 5,
    zh: '校长城乡交流收益',
    help: '校长任满两个任期后城乡之间交流的收益（S2，R07）',
    en: 'reward for moving a leader after two full terms, urban↔rural',
    policy: ['R07'],
  }),
  weightTitleSoon: weight({
    default: 4,
    zh: '拟评职称教师优先收益',
    help: '两三年内拟申报高级职称、尚无农村任教经历的教师优先安排的收益（S3，R11）',
    en: 'reward for moving a teacher 2-3 years before the title application',
    policy: ['R11'],
  }),
  weightVacancy: weight({
    default: 10,
    zh: '接收学校缺员代价',
    help: '接收学校每缺一名教师的代价（S4，R24）',
    en: 'cost per teacher still missing at a receiving school (shortage subjects × shortageWeight)',
    policy: ['R24'],
  }),
  shortageWeight: {
    type: 'number',
    default: 2,
    min: 0,
    max: 100,
    integer: false,
    unit: 'times',
    zh: '紧缺学科倍数',
    help: '紧缺学科缺员的代价按该倍数加重（S4，R24）',
    en: 'how many times a shortage subject counts (S4, S10)',
    policy: ['R24'],
  },
  shortageSubjects: {
    type: 'enumList',
    default: [...DEFAULT_SHORTAGE_SUBJECTS],
    options: SUBJECT_OPTIONS,
    minItems: 0,
    zh: '紧缺学科',
    help: '按紧缺学科优先补充的学科（R24）',
    en: 'the subjects a shortage of counts shortageWeight times (紧缺学科)',
    policy: ['R24'],
  },
  weightKm: weight({
    default: 0.05,
    unit: 'pointsPerKm',
    zh: '距离代价（每公里）',
    help: '交流距离每公里的代价：越大越倾向就近交流（S5，R21）',
    en: 'cost per km of a move',
    policy: ['R21'],
  }),
  weightSameDistrict: weight({
    default: 1,
    zh: '同一学区收益',
    help: '在同一学区内交流的收益（S5，R21）',
    en: 'bonus for a move inside the same 学区',
    policy: ['R21'],
  }),
  weightPairing: weight({
    default: 2,
    zh: '结对学校收益',
    help: '在结对共建学校之间交流的收益（S5，R30）',
    en: 'bonus for a move along a 结对 pairing',
    policy: ['R30'],
  }),
  weightPreference: weight({
    default: 3,
    zh: '本人意向收益',
    help: '安排到本人意向学校的收益，志愿越靠前越高（S6）',
    en: 'reward for a preferred school (more for a higher rank)',
    policy: [],
  }),
  weightBeyondMaxKm: weight({
    default: 0.5,
    unit: 'pointsPerKm',
    zh: '超出本人可接受距离代价',
    help: '超出教师本人可接受距离后每公里的代价（S6）',
    en: "cost per km beyond a teacher's maximum",
    policy: [],
  }),
  weightRuralUplift: weight({
    default: 1,
    zh: '充实农村师资收益',
    help: '骨干教师或本科以上教师到农村学校的收益（S7，R26、R32）',
    en: 'reward for a backbone or bachelor-degree teacher moving to a rural school',
    policy: ['R26', 'R32'],
  }),
  weightStaffing: weight({
    default: 2,
    zh: '学科余缺代价',
    help: '各学科超编或派出学校缺员每人的代价（S8）',
    en: 'cost per teacher of surplus, or of shortfall at a sending school, per subject',
    policy: [],
  }),
  weightStability: weight({
    default: 200,
    zh: '版本稳定代价',
    help: '与本方案上一版本每一处不同的代价：越大，重新计算时改动越少（S9）',
    // above what any soft goal can gain from one line (~100), far below hardPenalty: a re-solve moves a
    // line only for a hard rule, never for a soft gain (issue #12: review work is kept); 0 re-optimises freely
    en: 'cost of every line that differs from the previous proposal of the plan (0 re-optimises freely)',
    policy: [],
  }),
  weightItinerantHour: weight({
    default: 1,
    unit: 'pointsPerLesson',
    zh: '走教课时收益',
    help: '走教每补足一节紧缺课时的收益（S10，R22）',
    en: 'reward per covered shortage hour of 走教',
    policy: ['R22'],
  }),
  weightItinerantKm: weight({
    default: 0.02,
    unit: 'pointsPerKm',
    zh: '走教距离代价（每公里）',
    help: '走教每公里的代价（S10，R22）',
    en: 'cost per 走教 km',
    policy: ['R22'],
  }),
  weightItinerantSchool: weight({
    default: 0.5,
    zh: '走教增加学校代价',
    help: '走教每增加一所任教学校的代价（S10，R22）',
    en: 'cost per extra 走教 host school',
    policy: ['R22'],
  }),
  mipGap: share({
    default: 0.0001,
    max: 0.05,
    zh: '求解精度',
    help: '最优间隙达到该比例即停止求解（默认0.01%，最大5%）；一般不需修改',
    en: 'relative MIP gap at which the solve stops (0.01%); at most 5 %',
    policy: [],
  }),
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterName = keyof typeof PARAMETERS;
type ValueOf<D> = D extends { type: 'number' }
  ? number
  : D extends { type: 'boolean' }
    ? boolean
    : D extends { type: 'enum'; options: readonly { code: infer C }[] }
      ? C
      : string[];
/** Every parameter in force, as the solver reads them. */
export type Parameters = { -readonly [K in ParameterName]: ValueOf<(typeof PARAMETERS)[K]> };

export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];
const DEFINITIONS = PARAMETERS as Record<string, ParameterDefinition>;

/** The definition of a parameter by name, or undefined for a name that is none. */
export function parameterDefinition(name: string): ParameterDefinition | undefined {
  return Object.hasOwn(DEFINITIONS, name) ? DEFINITIONS[name] : undefined;
}

/** Every parameter's default (docs/model.md), in the table's order. A plan overrides any of them. */
export const PARAMETER_DEFAULTS = Object.fromEntries(
  PARAMETER_NAMES.map((name) => {
    const d = PARAMETERS[name].default;
    return [name, Array.isArray(d) ? [...d] : d];
  }),
) as Parameters;

/**
 * The parameters in force for a set of stored overrides: the one place the defaults are merged (a
 * plan's `effectiveParameters`, the copy frozen on a proposal). Not checked: a row stored before the
 * definitions were enforced still shows; `resolveParameters` refuses it when solving.
 */
export function withDefaults(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...PARAMETER_DEFAULTS, ...overrides };
}

const codes = (d: EnumParameter | EnumListParameter) => d.options.map((o) => o.code);

/** A bound in words: a share also as a percentage. */
const bound = (d: NumberParameter, v: number) => (d.unit === 'percent' ? `${v} (${Number((v * 100).toPrecision(12))} %)` : String(v));

/** What is wrong with one value by its own definition (type, whole number, bounds, options), or null. */
export function valueProblem(d: ParameterDefinition, v: unknown): string | null {
  switch (d.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (d.integer && !Number.isInteger(v)) return 'must be a whole number';
      if (v < d.min || v > d.max) return `must be between ${bound(d, d.min)} and ${bound(d, d.max)}`;
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof v === 'string' && codes(d).includes(v) ? null : `must be one of: ${codes(d).join(', ')}`;
    case 'enumList': {
      if (!Array.isArray(v)) return `must be a list of: ${codes(d).join(', ')}`;
      const unknown = v.filter((x) => typeof x !== 'string' || !codes(d).includes(x));
      if (unknown.length) return `unknown ${unknown.map((x) => JSON.stringify(x)).join(', ')}; known: ${codes(d).join(', ')}`;
      const twice = v.filter((x, i) => v.indexOf(x) !== i);
      if (twice.length) return `lists ${twice.map((x) => JSON.stringify(x)).join(', ')} more than once`;
      if (v.length < d.minItems) return `must name at least ${d.minItems}`;
      return null;
    }
  }
}

export interface ParameterProblem {
  /** the parameter the problem is filed under */
  name: string;
  message: string;
}

/**
 * The cross-field rules (`lessThan`) over every parameter in force. A problem is filed under the
 * parameter that was overridden (the one the caller changed); when both or neither were, under the
 * one that declares the rule. Values with a problem of their own are skipped: that one is reported.
 */
export function crossFieldProblems(p: Record<string, unknown>, overridden: ReadonlySet<string> = new Set()): ParameterProblem[] {
  // per parameter, only the strictest bound it breaks: hardPenalty 5 reads "greater than weightStability (200)", once
  const worst = new Map<string, { other: string; value: number; above: boolean }>();
  const file = (name: string, other: string, value: number, above: boolean) => {
    const was = worst.get(name);
    if (!was || (above ? value > was.value : value < was.value)) worst.set(name, { other, value, above });
  };
  for (const name of PARAMETER_NAMES) {
    const d: ParameterDefinition = PARAMETERS[name];
    if (d.type !== 'number' || !d.lessThan) continue;
    for (const other of d.lessThan) {
      const a = p[name];
      const b = p[other];
      if (typeof a !== 'number' || typeof b !== 'number' || a < b) continue;
      if (overridden.has(other) && !overridden.has(name)) file(other, name, a, true);
      else file(name, other, b, false);
    }
  }
  return [...worst].map(([name, w]) => ({ name, message: `must be ${w.above ? 'greater' : 'less'} than ${w.other} (${w.value})` }));
}

/** Every problem of a set of overrides: unknown names, values against their definitions, then the cross-field rules. */
export function parameterProblems(overrides: Record<string, unknown>): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  for (const [name, v] of Object.entries(overrides)) {
    const d = parameterDefinition(name);
    const why = d ? valueProblem(d, v) : `unknown parameter; known: ${PARAMETER_NAMES.join(', ')}`;
    if (why) problems.push({ name, message: why });
  }
  if (problems.length) return problems;
  return crossFieldProblems({ ...PARAMETER_DEFAULTS, ...overrides }, new Set(Object.keys(overrides)));
}

/** Applies overrides to the defaults and checks them against the definitions; a bad value throws naming the parameter. */
export function resolveParameters(overrides: Partial<Parameters> = {}): Parameters {
  const problems = parameterProblems(overrides as Record<string, unknown>);
  if (problems.length) throw new Error(problems.map((x) => `Invalid parameter ${x.name}: ${x.message}`).join('; '));
  return { ...PARAMETER_DEFAULTS, ...overrides } as Parameters;
}
