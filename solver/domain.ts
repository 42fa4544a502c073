/**
 * The domain vocabulary and the calendar, in one place: the enumerations the solver and the
 * service share, their Chinese labels, the default shortage subjects (R24), and the dates of the
 * academic year and of each line kind. The service's zod schemas, seed rows, exports, publish step
 * and the page are meant to derive from this module; nothing here imports anything.
 */

export const STAGES = ['kindergarten', 'primary', 'junior', 'nine_year', 'senior', 'complete_secondary', 'special'] as const;
export const LOCALITIES = ['urban', 'township', 'rural'] as const;
export const POSTS = ['teacher', 'vice_principal', 'principal', 'party_secretary'] as const;
export const LEADER_POSTS = ['principal', 'vice_principal', 'party_secretary'] as const;
/** R07 speaks of principals and vice-principals (校长或副校长) only, not party secretaries. */
export const PRINCIPAL_POSTS = ['principal', 'vice_principal'] as const;
export const LINE_KINDS = ['rotation', 'leader_rotation', 'shadowing', 'itinerant'] as const;
/** Ledger kinds: a line kind, or the regular post at the home school. */
export const SERVICE_KINDS = ['regular', 'rotation', 'leader_rotation', 'shadowing', 'itinerant'] as const;
export const BACKBONE_LEVELS = ['county', 'city', 'province'] as const;
export const EDUCATION_LEVELS = ['secondary', 'associate', 'bachelor', 'master', 'doctor'] as const;
/** Professional titles, lowest first (未定级 … 正高级). */
export const TITLES = ['none', 'third', 'second', 'first', 'senior', 'professor'] as const;
export const GENDERS = ['F', 'M'] as const;
/** active = in post (在岗); on_leave = long leave (长期病休/借调); retired / left are kept for history. */
export const TEACHER_STATUSES = ['active', 'on_leave', 'retired', 'left'] as const;
/** R09: why a teacher is not rotated this year. */
export const EXEMPTION_REASONS = ['pregnancy', 'maternity', 'breastfeeding', 'illness', 'discipline', 'other'] as const;
/** A principal's answer to a line (同意 or 异议), and the side of the line they answer for. */
export const REVIEW_DECISIONS = ['approve', 'object'] as const;
export const REVIEW_SIDES = ['sending', 'receiving'] as const;
export const PROPOSAL_STATUSES = ['queued', 'running', 'done', 'failed', 'announced', 'published', 'cancelled'] as const;
export const PLAN_STATUSES = ['open', 'published', 'archived'] as const;
/** Who calls the service: HR (人事股), a school's principal, the personnel system. */
export const ROLES = ['hr', 'principal', 'integration'] as const;
/** R32, S7: a bachelor's degree or higher. */
export const BACHELOR_OR_HIGHER = ['bachelor', 'master', 'doctor'] as const;
/** Q17: the compulsory-education stages the R01/R02 quotas apply to by default (quotaStages). */
export const COMPULSORY_STAGES = ['primary', 'junior', 'nine_year'] as const;

export type Stage = (typeof STAGES)[number];
export type Locality = (typeof LOCALITIES)[number];
export type Post = (typeof POSTS)[number];
export type LineKind = (typeof LINE_KINDS)[number];
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type Title = (typeof TITLES)[number];
export type BackboneLevel = (typeof BACKBONE_LEVELS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type Gender = (typeof GENDERS)[number];
export type TeacherStatus = (typeof TEACHER_STATUSES)[number];
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type ReviewSide = (typeof REVIEW_SIDES)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type Role = (typeof ROLES)[number];

/** The subject catalogue with Chinese names; `shortage` marks R24's priority subjects (紧缺学科). */
export const SUBJECTS = [
  { code: 'chinese', zh: '语文', shortage: false },
  { code: 'math', zh: '数学', shortage: false },
  { code: 'english', zh: '英语', shortage: false },
  { code: 'physics', zh: '物理', shortage: false },
  { code: 'chemistry', zh: '化学', shortage: false },
  { code: 'biology', zh: '生物', shortage: false },
  { code: 'history', zh: '历史', shortage: false },
  { code: 'geography', zh: '地理', shortage: false },
  { code: 'politics', zh: '思政', shortage: true },
  { code: 'pe', zh: '体育', shortage: true },
  { code: 'music', zh: '音乐', shortage: true },
  { code: 'art', zh: '美术', shortage: true },
  { code: 'it', zh: '信息技术', shortage: false },
  { code: 'science', zh: '科学', shortage: false },
  { code: 'labour', zh: '劳动', shortage: true },
  { code: 'psychology', zh: '心理健康', shortage: true },
  { code: 'special_education', zh: '特殊教育', shortage: true },
  { code: 'preschool', zh: '学前', shortage: false },
  { code: 'general', zh: '全科', shortage: false },
] as const;
/** R24: the default shortage subjects (the `shortageSubjects` parameter). */
export const DEFAULT_SHORTAGE_SUBJECTS: string[] = SUBJECTS.filter((s) => s.shortage).map((s) => s.code);

export const SUBJECT_ZH: Record<string, string> = Object.fromEntries(SUBJECTS.map((s) => [s.code, s.zh]));
export const STAGE_ZH: Record<Stage, string> = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  nine_year: '九年一贯制',
  senior: '高中',
  complete_secondary: '完全中学',
  special: '特殊教育学校',
};
export const LOCALITY_ZH: Record<Locality, string> = { urban: '城区', township: '乡镇', rural: '乡村' };
export const POST_ZH: Record<Post, string> = { teacher: '教师', vice_principal: '副校长', principal: '校长', party_secretary: '党支部书记' };
/**
 * leader_rotation is 干部交流, not 校长交流: it moves vice principals and party secretaries too
 * (LEADER_POSTS), and the 公示 workbook's sheet has always carried this name.
 */
export const LINE_KIND_ZH: Record<LineKind, string> = { rotation: '交流轮岗', leader_rotation: '干部交流', shadowing: '跟岗学习', itinerant: '走教' };
export const SERVICE_KIND_ZH: Record<ServiceKind, string> = { regular: '本校任职', ...LINE_KIND_ZH };
export const TITLE_ZH: Record<Title, string> = { none: '未定级', third: '三级', second: '二级', first: '一级', senior: '高级', professor: '正高级' };
export const BACKBONE_ZH: Record<BackboneLevel, string> = { county: '县级骨干', city: '市级骨干', province: '省级骨干' };
export const EDUCATION_ZH: Record<EducationLevel, string> = {
  secondary: '中专及以下',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};
export const GENDER_ZH: Record<Gender, string> = { F: '女', M: '男' };
export const TEACHER_STATUS_ZH: Record<TeacherStatus, string> = { active: '在岗', on_leave: '长期离岗', retired: '退休', left: '调离' };
/** R09: 孕期、产假和哺乳期; illness and discipline as the county's rules name them. */
export const EXEMPTION_REASON_ZH: Record<ExemptionReason, string> = {
  pregnancy: '孕期',
  maternity: '产假',
  breastfeeding: '哺乳期',
  illness: '患病',
  discipline: '受处分',
  other: '其他',
};
export const REVIEW_DECISION_ZH: Record<ReviewDecision, string> = { approve: '同意', object: '异议' };
export const REVIEW_SIDE_ZH: Record<ReviewSide, string> = { sending: '派出', receiving: '接收' };
export const PROPOSAL_STATUS_ZH: Record<ProposalStatus, string> = {
  queued: '排队中',
  running: '计算中',
  done: '已完成',
  failed: '失败',
  // 公示 is the notice period; the decision is issued (发布) after it (issue #12)
  announced: '公示中',
  published: '已发布',
  cancelled: '已取消',
};
export const PLAN_STATUS_ZH: Record<PlanStatus, string> = { open: '进行中', published: '已发布', archived: '已归档' };
export const ROLE_ZH: Record<Role, string> = { hr: '人事股', principal: '校长', integration: '接口' };
/**
 * How the public documents (the 公示 notice and the decision, src/services/notice.ts) name each kind:
 * the terms county notices use, longer than the list labels above (a leader rotation is 校级领导交流轮岗).
 */
export const NOTICE_KIND_ZH: Record<LineKind, string> = {
  rotation: '交流轮岗',
  leader_rotation: '校级领导交流轮岗',
  shadowing: '跟岗学习',
  itinerant: '走教',
};
/** How an academic year is written in the documents and on the page: {Y}—{Y+1}学年 with an em dash. */
export const ACADEMIC_YEAR_ZH = '{Y}—{Y+1}学年';
/** The academic year starting 1 September Y in words: academicYearZh(2027) is "2027—2028学年". */
export const academicYearZh = (year: number) => ACADEMIC_YEAR_ZH.replace('{Y+1}', String(year + 1)).replace('{Y}', String(year));
/** A pin is set by HR (人事股指定). */
export const PINNED_ZH = '人事股指定';

export const subjectZh = (s: string | null | undefined) => (s ? (SUBJECT_ZH[s] ?? s) : '');
export const postZh = (p: string) => POST_ZH[p as Post] ?? p;
export const kindZh = (k: string) => LINE_KIND_ZH[k as LineKind] ?? k;
export const isLeaderPost = (post: string) => (LEADER_POSTS as readonly string[]).includes(post);
export const isPrincipalPost = (post: string) => (PRINCIPAL_POSTS as readonly string[]).includes(post);
export const hasBachelor = (education: string) => (BACHELOR_OR_HIGHER as readonly string[]).includes(education);

// ---- the calendar. A plan for year Y takes effect on 1 September Y; every clock is taken on 31 August Y.

/** Month and day an academic year starts on, and the day before it (when every clock is taken). */
export const YEAR_STARTS = '09-01';
export const YEAR_ENDS = '08-31';
/** The first day of the academic year Y (moves take effect). */
export const academicYearStart = (year: number) => `${year}-${YEAR_STARTS}`;
/** The day every clock is taken for a plan of year Y: the last day before the moves. */
export const clockDay = (year: number) => `${year}-${YEAR_ENDS}`;
/** The last day of `years` academic years starting 1 September Y. */
export const academicYearsEnd = (year: number, years: number) => `${year + years}-${YEAR_ENDS}`;

/** What a line's length depends on (parameters; kept structural so the domain imports nothing). */
export interface LineLengths {
  rotationYears: number;
  principalTermYears: number;
}

/**
 * How many academic years a line of each kind runs: R10 a rotation lasts `rotationYears`; shadowing
 * (R16) and 走教 one year; a leader rotation is reviewed after one term (`principalTermYears`, R07).
 * Either a parameter's name or a fixed count, so GET /vocabulary can say it as data.
 */
export const LINE_YEARS: Record<LineKind, { parameter: keyof LineLengths } | { years: number }> = {
  rotation: { parameter: 'rotationYears' },
  leader_rotation: { parameter: 'principalTermYears' },
  shadowing: { years: 1 },
  itinerant: { years: 1 },
};
/** The line kinds whose service record stays open after publishing (see recordEndDate). */
export const OPEN_RECORD_KINDS: readonly LineKind[] = ['leader_rotation'];

/** The end date of a proposal line of each kind, by LINE_YEARS. */
export function lineEndDate(kind: LineKind, year: number, p: LineLengths): string {
  const length = LINE_YEARS[kind];
  return academicYearsEnd(year, 'parameter' in length ? p[length.parameter] : length.years);
}

/**
 * The end date of the service record (ledger) a published line becomes. A leader rotation takes the
 * post at the new school with no end (R08's 12-year clock restarts there): its record is open
 * (null), while the line shows the end of the first term, when it is reviewed. Every other kind
 * ends with its line.
 */
export function recordEndDate(kind: LineKind, year: number, p: LineLengths): string | null {
  return OPEN_RECORD_KINDS.includes(kind) ? null : lineEndDate(kind, year, p);
}
