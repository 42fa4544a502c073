// The page's own logic, free of the DOM so the tests can run it (test/web/logic.test.ts).

export const KIND_LABEL = { rotation: '交流轮岗', leader_rotation: '干部交流', shadowing: '跟岗学习', itinerant: '走教' };
export const TITLE_LABEL = { none: '未定级', third: '三级', second: '二级', first: '一级', senior: '高级', professor: '正高级' };
export const BACKBONE_LABEL = { county: '县级骨干', city: '市级骨干', province: '省级骨干' };
export const POST_LABEL = { teacher: '教师', vice_principal: '副校长', principal: '校长', party_secretary: '党支部书记' };
export const STATUS_LABEL = { queued: '排队中', running: '计算中', done: '已完成', failed: '失败', cancelled: '已取消', published: '已公示' };
export const SUBJECT_LABEL = {
  chinese: '语文', math: '数学', english: '英语', physics: '物理', chemistry: '化学', biology: '生物', history: '历史', geography: '地理',
  politics: '思政', pe: '体育', music: '音乐', art: '美术', it: '信息技术', science: '科学', labour: '劳动', psychology: '心理健康',
  special_education: '特殊教育', preschool: '学前', general: '全科',
};

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

/** Whole years at the school on 31 August of the plan year (as the model counts them). */
export function yearsAtSchool(schoolSince, planYear) {
  const y = Number(schoolSince.slice(0, 4));
  return planYear - y - (schoolSince.slice(5) > '09-01' ? 1 : 0);
}

/** Which side of a line this principal reviews, or null. */
export function reviewSide(line, schoolId) {
  if (line.fromSchoolId === schoolId) return 'sending';
  if (line.toSchoolId === schoolId) return 'receiving';
  return null;
}

export function reviewLabel(review) {
  if (!review) return '待审核';
  return review.decision === 'approve' ? '已同意' : `有异议：${review.comment}`;
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
