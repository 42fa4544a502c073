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

export function reviewLabel(review) {
  if (!review) return '待审核';
  return review.decision === 'approve' ? `已${DECISION_LABEL.approve}` : `有${DECISION_LABEL.object}：${review.comment}`;
}

/** The newest plan, and its newest proposal that has lines (done or published). */
export function currentProposal(plans, proposalsByPlan) {
  const sorted = [...plans].filter((p) => p.status !== 'archived').sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
  for (const plan of sorted) {
    const ready = (proposalsByPlan[plan.id] ?? []).filter((p) => p.status === 'done' || p.status === 'published').sort((a, b) => b.version - a.version);
    const published = ready.find((p) => p.status === 'published');
    if (published || ready[0]) return { plan, proposal: published ?? ready[0] };
  }
  return null;
}

export function percent(fraction) {
  return Math.max(0, Math.min(100, Math.round((fraction ?? 0) * 100)));
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
