// The page's own logic, free of the DOM so the tests can run it (test/web/logic.test.ts).

// The label tables and the calendar are not written here: they come from GET /api/v1/vocabulary
// (solver/domain.ts on the service), installed once after sign-in by installVocabulary. The tables
// are filled in place, so a module that imported them sees the labels once they are installed.
export const KIND_LABEL = {};
export const TITLE_LABEL = {};
export const BACKBONE_LABEL = {};
export const POST_LABEL = {};
export const STATUS_LABEL = {};
export const PLAN_STATUS_LABEL = {};
export const ROLE_LABEL = {};
export const DECISION_LABEL = {};
export const SIDE_LABEL = {};
export const SUBJECT_LABEL = {};
export const SERVICE_KIND_LABEL = {};
const calendar = { yearStarts: null };

const fill = (table, list) => {
  for (const key of Object.keys(table)) delete table[key];
  for (const { code, zh } of list) table[code] = zh;
};

/** Installs the service's vocabulary (the body of GET /api/v1/vocabulary). */
export function installVocabulary(v) {
  fill(KIND_LABEL, v.enums.lineKind);
  fill(TITLE_LABEL, v.enums.title);
  fill(BACKBONE_LABEL, v.enums.backbone);
  fill(POST_LABEL, v.enums.post);
  fill(STATUS_LABEL, v.enums.proposalStatus);
  fill(PLAN_STATUS_LABEL, v.enums.planStatus);
  fill(ROLE_LABEL, v.enums.role);
  fill(DECISION_LABEL, v.enums.reviewDecision);
  fill(SIDE_LABEL, v.enums.reviewSide);
  fill(SUBJECT_LABEL, v.subjects);
  fill(SERVICE_KIND_LABEL, v.enums.serviceKind ?? []);
  calendar.yearStarts = v.calendar.yearStarts;
}

/** A principal's four lists: 调入 (incoming), 调出 (outgoing), 走教, 跟岗 — each line touching the school once. */
export function groupForSchool(lines, schoolId) {
  const groups = { incoming: [], outgoing: [], itinerant: [], shadowing: [] };
  for (const l of lines) {
    if (l.kind === 'itinerant') groups.itinerant.push(l);
    else if (l.kind === 'shadowing') groups.shadowing.push(l);
    else if (l.toSchoolId === schoolId) groups.incoming.push(l);
    else if (l.fromSchoolId === schoolId) groups.outgoing.push(l);
  }
  return groups;
}

/** Whole years at the school by the plan year's clock day, counted to the year's start as the model counts them (the vocabulary's calendar). */
export function yearsAtSchool(schoolSince, planYear) {
  if (!calendar.yearStarts) throw new Error('installVocabulary first: the calendar comes from GET /api/v1/vocabulary');
  const y = Number(schoolSince.slice(0, 4));
  return planYear - y - (schoolSince.slice(5) > calendar.yearStarts ? 1 : 0);
}

/** Which side of a line this principal reviews, or null. */
export function reviewSide(line, schoolId) {
  if (line.fromSchoolId === schoolId) return 'sending';
  if (line.toSchoolId === schoolId) return 'receiving';
  return null;
}

/**
 * A side's review in words. On a published proposal nothing is waiting for review any more: an
 * unreviewed line reads 已发布, or 已生效 once its term has started (today ≥ startDate).
 */
export function reviewLabel(review, opts = {}) {
  // a side whose earlier review was reset by a new version (decision null) has reviewed nothing on this one:
  // it is waiting for review, never an objection (issue #19)
  const none = !review || review.decision == null;
  if (opts.status === 'published') {
    const live = opts.today && opts.startDate && opts.today >= opts.startDate;
    if (none) return live ? '已生效' : '已发布';
  }
  if (none) return review?.changedSinceReview?.length ? '待重新审核' : '待审核';
  return review.decision === 'approve' ? `已${DECISION_LABEL.approve}` : `有${DECISION_LABEL.object}：${review.comment}`;
}

/** Whether a side still has to review the line on this version: never reviewed, or the line changed since. */
export function needsReview(review) {
  return !review || review.decision == null;
}

/** The lines this principal still has to review, and how many of them changed since an earlier review (全部同意). */
export function pendingReviews(lines, schoolId) {
  const all = lines.filter((l) => {
    const side = reviewSide(l, schoolId);
    return side && needsReview(l.review?.[side]);
  });
  const changed = all.filter((l) => l.review?.[reviewSide(l, schoolId)]?.changedSinceReview?.length);
  return { all, changed };
}

/** What 全部同意 asks before it acts: how many lines, and how many of them changed since they were reviewed. */
export function approveAllConfirm(pending) {
  const changed = pending.changed.length ? `其中${pending.changed.length}条在新版本中有变化（如调入学校），同意即表示同意变化后的安排。` : '';
  return `将对本校尚未审核的${pending.all.length}条安排全部表示同意。${changed}已提出异议的安排不受影响。确定吗？`;
}

/** Statuses of a proposal that has lines to show. */
export const READY = ['done', 'announced', 'published'];

/**
 * The list a county stands by for its newest year with one: the year's published proposal, else the
 * one under notice (公示), whichever plan of the year holds it (one result per year, issue #12); else
 * the newest plan's newest proposal that has lines (done, announced or published).
 */
export function currentProposal(plans, proposalsByPlan) {
  const sorted = [...plans].filter((p) => p.status !== 'archived').sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
  const readyOf = (plan) => (proposalsByPlan[plan.id] ?? []).filter((p) => READY.includes(p.status)).sort((a, b) => b.version - a.version);
  for (const year of [...new Set(sorted.map((p) => p.year))]) {
    const ofYear = sorted.filter((p) => p.year === year).map((plan) => ({ plan, ready: readyOf(plan) }));
    for (const status of ['published', 'announced']) {
      for (const { plan, ready } of ofYear) {
        const proposal = ready.find((p) => p.status === status);
        if (proposal) return { plan, proposal };
      }
    }
    const newest = ofYear.find(({ ready }) => ready.length > 0);
    if (newest) return { plan: newest.plan, proposal: newest.ready[0] };
  }
  return null;
}

export function percent(fraction) {
  return Math.max(0, Math.min(100, Math.round((fraction ?? 0) * 100)));
}

const PHASES_ZH = [
  ['queue', '排队'],
  ['load', '读取'],
  ['build', '建模'],
  ['rotation', '轮岗求解'],
  ['itinerant', '走教'],
  ['report', '报告'],
  ['store', '保存'],
];
/** Where a proposal's time went (stats.phasesMs, issue #13), in seconds: "用时 1.6 秒（排队 0.0 · 读取 0.1 · …）". */
export function phasesText(stats) {
  const ms = stats?.phasesMs;
  if (!ms) return '';
  const parts = PHASES_ZH.filter(([k]) => typeof ms[k] === 'number');
  const total = parts.reduce((s, [k]) => s + ms[k], 0);
  return `用时 ${(total / 1000).toFixed(1)} 秒（${parts.map(([k, zh]) => `${zh} ${(ms[k] / 1000).toFixed(1)}`).join(' · ')}）`;
}

export function shareText(x) {
  return `${(100 * (x ?? 0)).toFixed(1)}%`;
}

/** The n sending schools a chart shows: those failing first, then the largest quotas. */
export function chartSchools(schools, n) {
  return [...schools].sort((a, b) => Number(a.pass) - Number(b.pass) || b.required - a.required || a.schoolName.localeCompare(b.schoolName, 'zh')).slice(0, n);
}

/** Bars of a simple chart: required and proposed per sending school, scaled to the largest. */
export function chartBars(schools, width = 600) {
  const max = Math.max(1, ...schools.map((s) => Math.max(s.required, s.proposed)));
  return schools.map((s) => ({
    name: s.schoolName,
    required: Math.round((s.required / max) * width),
    proposed: Math.round((s.proposed / max) * width),
    pass: s.pass,
  }));
}

/** Adds a pin or an exclusion to the plan's current set, replacing any earlier one for the teacher. */
export function withPin(pins, pin) {
  return { pin: [...pins.pin.filter((p) => p.teacherId !== pin.teacherId), pin], exclude: pins.exclude.filter((e) => e.teacherId !== pin.teacherId) };
}
export function withExclusion(pins, teacherId) {
  return { pin: pins.pin.filter((p) => p.teacherId !== teacherId), exclude: [...pins.exclude.filter((e) => e.teacherId !== teacherId), { teacherId }] };
}

/** An academic year as the notices write it: 2027 → 2027—2028学年. */
export function yearZh(year) {
  return `${year}—${Number(year) + 1}学年`;
}

/** What a line is: its kind, and for a leader the post it takes along (干部交流 · 副校长). */
export function kindPost(line) {
  const kind = KIND_LABEL[line.kind] ?? line.kind;
  const post = line.teacher?.post;
  return post && post !== 'teacher' ? `${kind} · ${POST_LABEL[post] ?? post}` : kind;
}

// R01's sentence is the school's quota, the same on every line of a sending school: the
// principal's list states it once at the top, not on each card
const SCHOOL_LEVEL = ['本校交流比例要求'];
// R02 names the school's backbone share: true of this teacher, but after what is theirs alone
const SHARED = ['骨干教师交流比例要求'];

/** A card's reasons: this teacher's own first, then the shared ones, without the school-level quota sentence. */
export function cardReasons(line) {
  const parts = String(line.explanation ?? '')
    .split('；')
    .map((x) => x.trim())
    .filter(Boolean);
  const starts = (list) => (x) => list.some((p) => x.startsWith(p));
  return {
    own: parts.filter((x) => !starts(SCHOOL_LEVEL)(x) && !starts(SHARED)(x)),
    shared: parts.filter(starts(SHARED)),
    school: parts.filter(starts(SCHOOL_LEVEL)),
  };
}

/** The sentence at the top of a principal's list: the quota rule once, and the school's own count. */
export function schoolQuotaText(lines, schoolId, quota = null) {
  const school = lines.flatMap((l) => cardReasons(l).school)[0];
  const out = lines.filter((l) => l.fromSchoolId === schoolId && (l.kind === 'rotation' || l.kind === 'leader_rotation'));
  const backbone = out.filter((l) => l.teacher?.backbone).length;
  // R01/R02: the school's required count against what this proposal sends, said once for the whole list.
  // R02 counts the teachers moved, not the R01 count: "应交流4人（其中骨干教师至少5人）" read as 5 of 4 (issue #21)
  const lead = school ? `${school}。` : '';
  if (!quota) return `${lead}本方案本校调出${out.length}人（其中骨干教师${backbone}人）。`;
  const share = typeof quota.backboneMinShare === 'number' ? `${Math.round(quota.backboneMinShare * 100)}%` : '规定比例';
  return (
    `${lead}本校符合交流条件${quota.eligible}人，应交流不少于${quota.required}人。` +
    `本方案本校调出${out.length}人，其中骨干教师${backbone}人（骨干教师不低于交流总数的${share}，即调出${out.length}人中不少于${quota.backboneRequired}人）。`
  );
}

/** Lines matching a search by name or staff number (工号), case-insensitive; an empty query keeps all. */
export function searchLines(lines, q) {
  const k = String(q ?? '')
    .trim()
    .toLowerCase();
  if (!k) return lines;
  return lines.filter(
    (l) =>
      l.teacher.name.toLowerCase().includes(k) ||
      String(l.teacher.externalId ?? '').toLowerCase() === k ||
      String(l.teacher.externalId ?? '')
        .toLowerCase()
        .startsWith(k),
  );
}

const SORT_KEYS = {
  name: (l) => l.teacher.name,
  staffNo: (l) => l.teacher.externalId ?? '',
  fromSchool: (l) => l.fromSchoolName,
  toSchool: (l) => l.toSchoolName,
  kind: (l) => KIND_LABEL[l.kind] ?? l.kind,
  subject: (l) => SUBJECT_LABEL[l.teacher.subject] ?? l.teacher.subject ?? '',
};
export const SORTABLE = Object.keys(SORT_KEYS);

/** Lines sorted by a column (Chinese collation), ties by name then id so the order is stable. */
export function sortLines(lines, key, order = 'asc') {
  const get = SORT_KEYS[key] ?? SORT_KEYS.name;
  const sign = order === 'desc' ? -1 : 1;
  return [...lines].sort((a, b) => sign * get(a).localeCompare(get(b), 'zh') || a.teacher.name.localeCompare(b.teacher.name, 'zh') || (a.id < b.id ? -1 : 1));
}

const CHANGE_ZH = {
  toSchool: '调入学校',
  fromSchool: '派出学校',
  hours: '课时',
  kind: '类别',
  toSchoolId: '调入学校',
  fromSchoolId: '派出学校',
  hoursPerWeek: '课时',
};
/** "本行在新版本中有变化：调入学校、课时，请重新审核" for a side whose review was reset by a new version, or ''. */
export function changedText(review) {
  const what = review?.changedSinceReview;
  if (!what?.length || review.decision != null) return '';
  return `本行在新版本中有变化：${what.map((w) => CHANGE_ZH[w] ?? w).join('、')}，请重新审核`;
}

/** A diff line's place: schools by name and weekly hours. */
function place(l, schoolName) {
  const name = (id) => schoolName[id] ?? id;
  return `${name(l.fromSchoolId)} → ${name(l.toSchoolId)}${l.hoursPerWeek ? `（每周${l.hoursPerWeek}课时）` : ''}`;
}
/** The diff of two versions as rows: who, kind, before and after (schools and hours), what changed. */
export function diffRows(diff, schoolName) {
  // causeZh (why the line differs: a pin, an exclusion, a school's quota) when the service gives it
  const row = (change, before, after, what = [], cause = (after ?? before).causeZh) => ({
    change,
    teacherId: (after ?? before).teacherId,
    teacherName: (after ?? before).teacherName,
    kind: KIND_LABEL[(after ?? before).kind] ?? (after ?? before).kind,
    before: before ? place(before, schoolName) : '—',
    after: after ? place(after, schoolName) : '—',
    what: what.map((w) => CHANGE_ZH[w] ?? w).join('、'),
    cause: cause ?? '',
  });
  return [
    ...diff.added.map((l) => row('新增', null, l)),
    ...diff.removed.map((l) => row('删除', l, null)),
    ...diff.changed.map((c) => row('调整', c.before, c.after, c.what, c.causeZh)),
  ];
}

/** The notice period (公示期) on a given day: none, open (objections accepted) or closed. */
export function noticeState(proposal, today) {
  const n = proposal?.notice;
  if (!n) return { phase: 'none', text: '' };
  if (today <= n.until) return { phase: 'open', text: `公示期：${n.from} 至 ${n.until}，期间可提出异议。` };
  return { phase: 'closed', text: `公示期（${n.from} 至 ${n.until}）已结束，不再受理异议。` };
}

/** Why publishing is not possible yet, in words, or '' when it is: after the period, every objection answered, none upheld left. */
export function publishBlocker(proposal, openObjections, today) {
  if (proposal.status === 'published') return '本版已发布';
  if (proposal.status !== 'announced') return '须先公示';
  const upheld = proposal.reviewCounts?.upheldNotApplied ?? 0;
  if (upheld > 0) return `有${upheld}条异议已支持但名单尚未调整，须按更正流程处理后方可发布`;
  if (proposal.notice && today <= proposal.notice.until) return `公示期至${proposal.notice.until}，期满后方可发布`;
  if (openObjections > 0) return `尚有${openObjections}条异议未答复`;
  return '';
}

/**
 * A version's state as HR reads it (issue #19): a finished version that principals have not all
 * reviewed is 待审核, not 已完成; one fully reviewed waits for its notice (待公示).
 */
export function proposalStatusText(p, statusLabel = STATUS_LABEL) {
  if (p.status === 'done' && p.reviewCounts) return p.reviewCounts.reviewed < p.reviewCounts.lines ? '待审核' : '已审核，待公示';
  return statusLabel[p.status] ?? p.status;
}

/** A version's review counts in words, per side (调出方 / 调入方) and by neither, then what is still open. */
export function reviewCountsText(c) {
  if (!c) return '—';
  const parts = [
    `共${c.lines}条：调出方已审${c.reviewedBySending ?? 0}条，调入方已审${c.reviewedByReceiving ?? 0}条，双方均未审${c.reviewedByNeither ?? c.lines}条`,
  ];
  if (c.changedToReview) parts.push(`有变化待重新审核${c.changedToReview}条`);
  parts.push(`异议未答复${c.openObjections}条`);
  if (c.upheldNotApplied) parts.push(`异议已支持待调整${c.upheldNotApplied}条`);
  if (c.exceptionsWithoutReason) parts.push(`例外待说明${c.exceptionsWithoutReason}人`);
  return `${parts.join('；')}。`;
}

/** What 发布 asks before it acts: what happens, to how many lines, and what is still open (issue #19). */
export function publishConfirmText(p) {
  const c = p.reviewCounts;
  const open = [];
  if (c) {
    if (c.reviewedByNeither) open.push(`${c.reviewedByNeither}条双方校长均未审核`);
    const oneSide = c.lines - c.reviewed - c.reviewedByNeither;
    if (oneSide > 0) open.push(`${oneSide}条仅一方校长审核`);
    if (c.exceptionsWithoutReason) open.push(`${c.exceptionsWithoutReason}人例外尚未说明原因`);
  }
  return `发布后，本版${c ? `${c.lines}条` : ''}安排将作为本学年交流名单正式公布，写入教师任职记录，且本学年不能再生成新方案，无法撤销。${open.length ? `目前${open.join('，')}。` : ''}确定发布吗？`;
}

/** What 公示 and 撤回公示 ask before they act. */
export function announceConfirmText(p, until) {
  const n = p.reviewCounts?.lines;
  return `将把第${p.version}版${n ? `共${n}条安排` : ''}对外公示${until ? `至${until}` : '（按方案设置的工作日数）'}，公示期内受理异议。确定公示吗？`;
}
export function withdrawConfirmText(p) {
  const n = p.reviewCounts?.lines;
  return `将撤回第${p.version}版${n ? `共${n}条安排` : ''}的公示。公示期未满即撤回的，重新公示时须重新计算完整公示期；已审核意见和异议保留。确定撤回吗？`;
}

/** Objections of a school's lines summed up for the top of the principal's list (异议处理结果). */
export function objectionSummary(objections) {
  const upheld = objections.filter((o) => o.answer?.decision === 'upheld').length;
  const rejected = objections.filter((o) => o.answer?.decision === 'rejected').length;
  const open = objections.filter((o) => !o.answer).length;
  if (!objections.length) return '';
  return `异议处理结果：共${objections.length}条，人事股已支持${upheld}条、已驳回${rejected}条${open ? `，待答复${open}条` : ''}。`;
}

/**
 * A name to show people: the account's label when it is a name meant for them (Chinese, no timestamp),
 * else the fallback (人事股, 校长). Labels like "demo hr 2026-12-07T21:19:42.145Z" are never shown.
 */
export function personName(label, fallback) {
  const l = String(label ?? '').trim();
  if (!l || /\d{4}-\d{2}-\d{2}T\d{2}:/.test(l) || /[A-Za-z]{3,}/.test(l) || !/\p{Script=Han}/u.test(l)) return fallback;
  return l;
}

/** A moment as the page writes it, China time: 2027-05-14 10:05. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** HR's answer to an objection in words: 人事股已支持：理由（人事股，2027-05-14 10:05）. */
export function answerText(o) {
  if (!o.answer) return '人事股尚未答复';
  const verdict = o.answer.decision === 'upheld' ? '已支持' : '已驳回';
  return `人事股${verdict}：${o.answer.reason}（${personName(o.answer.answeredBy, '人事股')}，${when(o.answer.answeredAt)}）`;
}

/** Publish's 409 for upheld objections in words: who, and the correction steps (docs/notices.md). */
export function upheldRefusalText(details) {
  const names = details.map((d) => `${d.teacherName}（${d.fromSchoolName} → ${d.toSchoolName}）`).join('、');
  return `不能发布：${names}的异议已支持，但名单中仍有该安排。请按更正流程处理：1. 撤回公示；2. 生成新方案（已支持的安排自动排除）；3. 公示新方案（调整的人员补充公示，其余人员保留原公示期）；补充公示期满后再发布。`;
}

// The API's error codes (src/errors.ts, api.md) in words; the API's own message is shown beside as a detail
const ERROR_ZH = {
  VALIDATION_FAILED: '填写的内容有误',
  IMPORT_INVALID: '导入的数据有误，未写入任何内容',
  UNAUTHORIZED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到该记录，可能已被删除',
  CONFLICT: '与现有记录冲突',
  UNPROCESSABLE: '无法按当前数据完成此操作',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后再试或联系管理员',
  ROUTE_NOT_FOUND: '服务尚不支持此功能，请联系管理员升级',
};
const STATUS_ZH = {
  400: ERROR_ZH.VALIDATION_FAILED,
  401: ERROR_ZH.UNAUTHORIZED,
  403: ERROR_ZH.FORBIDDEN,
  404: ERROR_ZH.NOT_FOUND,
  409: ERROR_ZH.CONFLICT,
  422: ERROR_ZH.UNPROCESSABLE,
  429: ERROR_ZH.TOO_MANY_REQUESTS,
};
// what a conflict means for the action that met it
const ACTION_ZH = {
  createPlan: { CONFLICT: '该学年已有同名方案：请换一个方案名称，或先归档原方案' },
  updatePlan: { CONFLICT: '该学年已有同名方案：请换一个方案名称' },
  publish: { CONFLICT: '目前不能发布：公示期未满或仍有未答复的异议' },
  announce: { CONFLICT: '目前不能公示：本学年已有公示或已发布的方案，或本版状态不允许' },
  review: { CONFLICT: '目前不能审核：公示期已结束或本版已发布' },
  answer: { CONFLICT: '不能答复：该异议已答复，或本版已发布' },
  withdraw: { CONFLICT: '不能撤回：本版不在公示中' },
  requestProposal: { CONFLICT: '目前不能生成新方案：本学年方案已公示或已发布' },
};

/**
 * An API error in Chinese: `text` from the code (and the action, for a conflict), `detail` the API's own
 * message (English) for whoever must look into it. A network failure has neither code nor status.
 */
export function errorZh(err, action) {
  const code = err?.code;
  const status = err?.statusCode ?? err?.status;
  // a request that never reached the service (fetch's TypeError "Failed to fetch"): nothing of the API to show
  if (!status && !code) return { text: '无法连接服务器，请检查网络后重试', detail: '' };
  if (action === 'publish' && Array.isArray(err?.details) && err.details.some((d) => d?.decision === 'upheld'))
    return { text: upheldRefusalText(err.details.filter((d) => d?.decision === 'upheld')), detail: err.message ?? '' };
  const text =
    (action && ACTION_ZH[action]?.[code]) ??
    ERROR_ZH[code] ??
    STATUS_ZH[status] ??
    (status >= 500 ? ERROR_ZH.INTERNAL_SERVER_ERROR : status ? `请求失败（${status}）` : '无法连接服务器，请检查网络');
  return { text, detail: err?.message && err.message !== text ? err.message : '' };
}

/** A parameter's value as the form shows it, and back: numbers, true/false, lists as comma-separated codes. */
export function parameterToText(v) {
  return Array.isArray(v) ? v.join(',') : String(v);
}
export function parameterFromText(text, def) {
  const t = String(text).trim();
  if (Array.isArray(def))
    return t
      .split(/[,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  if (typeof def === 'boolean') return t === 'true';
  if (typeof def === 'number') return t === '' ? Number.NaN : Number(t);
  return t;
}
