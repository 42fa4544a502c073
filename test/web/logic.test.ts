import { beforeAll, describe, expect, it } from 'vitest';
import {
  announceConfirmText,
  answerText,
  approveAllConfirm,
  needsReview,
  objectionSummary,
  pendingReviews,
  personName,
  proposalStatusText,
  publishConfirmText,
  reviewCountsText,
  withdrawConfirmText,
  BACKBONE_LABEL,
  cardReasons,
  changedText,
  diffRows,
  errorZh,
  kindPost,
  noticeState,
  parameterFromText,
  publishBlocker,
  schoolQuotaText,
  searchLines,
  sortLines,
  yearZh,
  chartBars,
  chartSchools,
  currentProposal,
  DECISION_LABEL,
  groupForSchool,
  installVocabulary,
  KIND_LABEL,
  PLAN_STATUS_LABEL,
  percent,
  phasesText,
  reviewLabel,
  reviewSide,
  ROLE_LABEL,
  SIDE_LABEL,
  STATUS_LABEL,
  SUBJECT_LABEL,
  TITLE_LABEL,
  withExclusion,
  withPin,
  yearsAtSchool,
} from '../../public/logic.js';
import * as domain from '../../solver/domain.js';
import { PARAMETER_DEFAULTS } from '../../solver/parameters.js';
import { vocabulary } from '../../src/routes/vocabulary/index.js';

describe('the page logic', () => {
  // the page installs what GET /api/v1/vocabulary answers; the route's own builder gives the same body
  beforeAll(() => installVocabulary(vocabulary()));
  it('takes every label from the vocabulary, not from copies of its own', () => {
    expect(KIND_LABEL).toEqual(domain.LINE_KIND_ZH);
    expect(KIND_LABEL.leader_rotation).toBe('干部交流');
    expect(Object.keys(KIND_LABEL)).toEqual([...domain.LINE_KINDS]);
    expect(TITLE_LABEL).toEqual(domain.TITLE_ZH);
    expect(BACKBONE_LABEL).toEqual(domain.BACKBONE_ZH);
    expect(STATUS_LABEL).toEqual(domain.PROPOSAL_STATUS_ZH);
    expect(PLAN_STATUS_LABEL).toEqual(domain.PLAN_STATUS_ZH);
    expect(ROLE_LABEL).toEqual(domain.ROLE_ZH);
    expect(DECISION_LABEL).toEqual(domain.REVIEW_DECISION_ZH);
    expect(SIDE_LABEL).toEqual(domain.REVIEW_SIDE_ZH);
    expect(SUBJECT_LABEL).toEqual(domain.SUBJECT_ZH);
    expect(reviewLabel({ decision: 'approve', comment: '' })).toBe('已同意');
  });
  it("counts years at the school by the vocabulary's calendar", () => {
    const v = vocabulary();
    try {
      // a county whose year started on 1 August would count a 15 August start one year less
      installVocabulary({ ...v, calendar: { ...v.calendar, yearStarts: '08-01' } });
      expect(yearsAtSchool('2021-08-15', 2027)).toBe(5);
    } finally {
      installVocabulary(v);
    }
    expect(yearsAtSchool('2021-08-15', 2027)).toBe(6);
  });
  const line = (kind: string, from: string, to: string) => ({ kind, fromSchoolId: from, toSchoolId: to });
  it("groups a principal's lines into 调入, 调出, 走教 and 跟岗", () => {
    const g = groupForSchool(
      [line('rotation', 'A', 'B'), line('leader_rotation', 'B', 'C'), line('itinerant', 'B', 'D'), line('shadowing', 'E', 'B'), line('rotation', 'X', 'Y')],
      'B',
    );
    expect(g.incoming).toEqual([line('rotation', 'A', 'B')]);
    expect(g.outgoing).toEqual([line('leader_rotation', 'B', 'C')]);
    expect(g.itinerant).toHaveLength(1);
    expect(g.shadowing).toHaveLength(1);
  });
  it('counts years at the school as the model does, on 31 August', () => {
    expect(yearsAtSchool('2021-09-01', 2027)).toBe(6);
    expect(yearsAtSchool('2021-09-02', 2027)).toBe(5);
  });
  it('knows which side a principal reviews, and says the state in Chinese', () => {
    expect(reviewSide(line('rotation', 'A', 'B'), 'A')).toBe('sending');
    expect(reviewSide(line('rotation', 'A', 'B'), 'B')).toBe('receiving');
    expect(reviewSide(line('rotation', 'A', 'B'), 'C')).toBeNull();
    expect(reviewLabel(null)).toBe('待审核');
    expect(reviewLabel({ decision: 'object', comment: '毕业班' })).toBe('有异议：毕业班');
  });
  it("picks the newest plan's published proposal, else its newest finished one", () => {
    const plans = [
      { id: 'p26', year: 2026, status: 'published', createdAt: '2026-01-01' },
      { id: 'p27', year: 2027, status: 'open', createdAt: '2027-01-01' },
    ];
    expect(
      currentProposal(plans, {
        p27: [
          { status: 'done', version: 1 },
          { status: 'done', version: 2 },
          { status: 'failed', version: 3 },
        ],
      })?.proposal.version,
    ).toBe(2);
    expect(
      currentProposal(plans, {
        p27: [
          { status: 'published', version: 1 },
          { status: 'done', version: 2 },
        ],
      })?.proposal.version,
    ).toBe(1);
    expect(currentProposal(plans, { p27: [{ status: 'running', version: 1 }], p26: [{ status: 'published', version: 4 }] })?.plan.id).toBe('p26');
    expect(currentProposal(plans, {})).toBeNull();
    // two live plans of one year: the announced list wins over a newer plan's draft, whichever plan holds it
    const twoOf2027 = [...plans, { id: 'p27b', year: 2027, status: 'open', createdAt: '2027-03-01' }];
    const announced = currentProposal(twoOf2027, { p27: [{ status: 'announced', version: 2 }], p27b: [{ status: 'done', version: 1 }] });
    expect([announced?.plan.id, announced?.proposal.version]).toEqual(['p27', 2]);
    expect(currentProposal(twoOf2027, { p27: [{ status: 'done', version: 2 }], p27b: [{ status: 'done', version: 1 }] })?.plan.id).toBe('p27b');
  });
  it('clamps progress and scales chart bars to the largest school', () => {
    expect(percent(0.456)).toBe(46);
    expect(percent(2)).toBe(100);
    expect(
      chartBars(
        [
          { schoolName: 'a', required: 2, proposed: 4, pass: true },
          { schoolName: 'b', required: 1, proposed: 0, pass: false },
        ],
        100,
      ),
    ).toEqual([
      { name: 'a', required: 50, proposed: 100, pass: true },
      { name: 'b', required: 25, proposed: 0, pass: false },
    ]);
  });
  it('the chart shows failing schools first, then the largest quotas', () => {
    const s = (schoolName: string, required: number, pass: boolean) => ({ schoolName, required, proposed: 0, pass });
    const picked = chartSchools([s('a', 9, true), s('b', 1, false), s('c', 5, true), s('d', 3, false)], 3);
    expect(picked.map((x) => x.schoolName)).toEqual(['d', 'b', 'a']);
  });
  it('a pin replaces an exclusion of the same teacher, and the other way round', () => {
    const start = { pin: [{ teacherId: 't1', toSchoolId: 's', kind: 'rotation' }], exclude: [{ teacherId: 't2' }] };
    expect(withPin(start, { teacherId: 't2', toSchoolId: 'x', kind: 'rotation' })).toEqual({
      pin: [start.pin[0], { teacherId: 't2', toSchoolId: 'x', kind: 'rotation' }],
      exclude: [],
    });
    expect(withExclusion(start, 't1')).toEqual({ pin: [], exclude: [{ teacherId: 't2' }, { teacherId: 't1' }] });
  });

  it('explains every model parameter in Chinese, with its default', () => {
    const params = vocabulary().parameters;
    expect(params.map((p) => p.name)).toEqual(Object.keys(PARAMETER_DEFAULTS));
    for (const p of params) {
      expect(p.zh).toMatch(/\p{Script=Han}/u);
      expect(p.help).toMatch(/\p{Script=Han}/u);
      expect(p.default).toEqual((PARAMETER_DEFAULTS as Record<string, unknown>)[p.name]);
    }
    // a parameter typed in the form comes back as its type
    expect(parameterFromText('2', 3)).toBe(2);
    expect(parameterFromText('pe, music，art', ['x'])).toEqual(['pe', 'music', 'art']);
    expect(parameterFromText('true', false)).toBe(true);
    expect(parameterFromText('', 3)).toBeNaN();
  });
  it('writes academic years as the notices do, and a leader line with its post', () => {
    expect(yearZh(2027)).toBe('2027—2028学年');
    expect(kindPost({ kind: 'leader_rotation', teacher: { post: 'vice_principal' } })).toBe('干部交流 · 副校长');
    expect(kindPost({ kind: 'rotation', teacher: { post: 'teacher' } })).toBe('交流轮岗');
  });
  const quota = '本校交流比例要求（城镇学校、优质学校每年交流不低于符合条件教师的10%）';
  const card = (explanation: string, over = {}) => ({
    id: 'l1',
    kind: 'rotation',
    fromSchoolId: 'A',
    toSchoolId: 'B',
    fromSchoolName: '甲校',
    toSchoolName: '乙校',
    explanation,
    teacher: { name: '张三', externalId: 'T9', subject: 'math', backbone: 'county', post: 'teacher' },
    ...over,
  });
  it("puts the teacher's own reasons first and states the school's quota once, not per card", () => {
    const r = cardReasons(card(`${quota}；骨干教师交流比例要求（不低于交流总数的20%）；在本校连续任教15年；补充乙校数学学科缺员`));
    expect(r.own).toEqual(['在本校连续任教15年', '补充乙校数学学科缺员']);
    expect(r.shared).toEqual(['骨干教师交流比例要求（不低于交流总数的20%）']);
    expect(r.school).toEqual([quota]);
    const lines = [
      card(`${quota}；在本校连续任教15年`),
      card('在本校连续任教9年', { teacher: { name: '李四', backbone: null } }),
      card('x', { fromSchoolId: 'C' }),
    ];
    expect(schoolQuotaText(lines, 'A')).toBe(`${quota}。本方案本校调出2人（其中骨干教师1人）。`);
    // with the school's row of the report: required against proposed, once
    const row = { eligible: 40, required: 4, backboneRequired: 1, proposed: 2, backboneMinShare: 0.2 };
    expect(schoolQuotaText(lines, 'A', row)).toBe(
      `${quota}。本校符合交流条件40人，应交流不少于4人。本方案本校调出2人，其中骨干教师1人（骨干教师不低于交流总数的20%，即调出2人中不少于1人）。`,
    );
    // issue #21: R02 counts the teachers moved; with more moved than R01 asks it never reads as 5 of 4
    const many = Array.from({ length: 23 }, (_, i) => card('x', { teacher: { name: `T${i}`, backbone: i < 6 ? 'county' : null } }));
    const text = schoolQuotaText(many, 'A', { eligible: 40, required: 4, backboneRequired: 5, proposed: 23, backboneMinShare: 0.2 });
    expect(text).toContain('应交流不少于4人。本方案本校调出23人，其中骨干教师6人（骨干教师不低于交流总数的20%，即调出23人中不少于5人）');
    expect(text).not.toMatch(/应交流4人（其中骨干教师至少5人）/);
  });
  it('an unreviewed line of a published list is 已发布, then 已生效 from its start, never 待审核', () => {
    expect(reviewLabel(null, { status: 'published', today: '2027-06-01', startDate: '2027-09-01' })).toBe('已发布');
    expect(reviewLabel(null, { status: 'published', today: '2027-09-01', startDate: '2027-09-01' })).toBe('已生效');
    expect(reviewLabel(null, { status: 'announced' })).toBe('待审核');
    expect(changedText({ decision: null, comment: '', changedSinceReview: ['toSchool', 'hours'] })).toBe('本行在新版本中有变化：调入学校、课时，请重新审核');
    expect(changedText(null)).toBe('');
  });
  it('searches by name or staff number and sorts by a column either way', () => {
    const a = card('', { id: 'a', teacher: { name: '王五', externalId: 'T010' }, toSchoolName: '乙校' });
    const b = card('', { id: 'b', teacher: { name: '赵六', externalId: 'T002' }, toSchoolName: '丙校' });
    expect(searchLines([a, b], 't002')).toEqual([b]);
    expect(searchLines([a, b], '王')).toEqual([a]);
    expect(searchLines([a, b], ' ')).toEqual([a, b]);
    expect(sortLines([a, b], 'staffNo').map((l) => l.id)).toEqual(['b', 'a']);
    expect(sortLines([a, b], 'staffNo', 'desc').map((l) => l.id)).toEqual(['a', 'b']);
  });
  it('the diff shows schools and hours before and after', () => {
    const l = (to: string, hours: number | null) => ({
      teacherId: 't',
      teacherName: '张三',
      kind: 'itinerant',
      fromSchoolId: 'A',
      toSchoolId: to,
      hoursPerWeek: hours,
      reasons: [],
    });
    const rows = diffRows(
      { added: [], removed: [], changed: [{ before: l('B', 4), after: l('C', 6), what: ['toSchoolId', 'hoursPerWeek'] }], unchanged: 0 },
      { A: '甲校', B: '乙校', C: '丙校' },
    );
    expect(rows).toEqual([
      {
        change: '调整',
        teacherId: 't',
        teacherName: '张三',
        kind: '走教',
        before: '甲校 → 乙校（每周4课时）',
        after: '甲校 → 丙校（每周6课时）',
        what: '调入学校、课时',
        cause: '',
      },
    ]);
    // with the service's cause of each difference
    const removed = { ...l('B', null), cause: 'exclusion', causeZh: '人事股排除' };
    expect(diffRows({ added: [], removed: [removed], changed: [], unchanged: 1 }, { A: '甲校', B: '乙校' })[0]).toMatchObject({
      change: '删除',
      after: '—',
      cause: '人事股排除',
    });
  });
  it('the notice period: open until its last day, then closed; publishing waits for it and every answer', () => {
    const p = { status: 'announced', notice: { announcedAt: '', from: '2027-05-10', until: '2027-05-14' } };
    expect(noticeState(p, '2027-05-14').phase).toBe('open');
    expect(noticeState(p, '2027-05-15')).toEqual({ phase: 'closed', text: '公示期（2027-05-10 至 2027-05-14）已结束，不再受理异议。' });
    expect(noticeState({ notice: null }, '2027-05-15').phase).toBe('none');
    expect(publishBlocker(p, 0, '2027-05-14')).toBe('公示期至2027-05-14，期满后方可发布');
    expect(publishBlocker(p, 2, '2027-05-15')).toBe('尚有2条异议未答复');
    expect(publishBlocker(p, 0, '2027-05-15')).toBe('');
    expect(publishBlocker({ status: 'done', notice: null }, 0, '2027-05-15')).toBe('须先公示');
  });
  it('says every API error in Chinese, the API message kept as a detail', () => {
    const dup = { statusCode: 409, code: 'CONFLICT', message: 'A plan for 2027 named "" already exists (x); archive it or choose another name' };
    expect(errorZh(dup, 'createPlan')).toEqual({ text: '该学年已有同名方案：请换一个方案名称，或先归档原方案', detail: dup.message });
    expect(errorZh(dup).text).toBe('与现有记录冲突');
    expect(errorZh({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'body.year: too big' }).text).toBe('填写的内容有误');
    expect(errorZh({ statusCode: 418, code: 'SOMETHING_NEW', message: 'x' }).text).toBe('请求失败（418）');
    expect(errorZh({ statusCode: 502 }).text).toBe('服务器内部错误，请稍后再试或联系管理员');
    // issue #19: a request that never reached the service says so in Chinese, with nothing of the browser's words
    expect(errorZh(new TypeError('Failed to fetch'))).toEqual({ text: '无法连接服务器，请检查网络后重试', detail: '' });
  });
});

describe('the 公示 loop closed (issue #19)', () => {
  beforeAll(() => installVocabulary(vocabulary()));
  type R = { decision: string | null; comment: string; changedSinceReview?: string[] };
  const line = (id: string, sending: R | null) => ({ id, fromSchoolId: 'A', toSchoolId: 'B', review: { sending, receiving: null } });
  it('a line that changed since it was approved waits for a new review: never an objection', () => {
    const changed = { decision: null, comment: '', carried: false, changedSinceReview: ['toSchool'] };
    expect(reviewLabel(changed)).toBe('待重新审核');
    expect(reviewLabel(changed, { status: 'published', today: '2027-06-01', startDate: '2027-09-01' })).toBe('已发布');
    expect(changedText(changed)).toBe('本行在新版本中有变化：调入学校，请重新审核');
    expect(needsReview(changed)).toBe(true);
    expect(needsReview({ decision: 'approve', comment: '' })).toBe(false);
    const pending = pendingReviews([line('new', null), line('changed', changed), line('done', { decision: 'approve', comment: '' })], 'A');
    expect(pending.all.map((l) => l.id)).toEqual(['new', 'changed']);
    expect(pending.changed.map((l) => l.id)).toEqual(['changed']);
    expect(approveAllConfirm(pending)).toBe(
      '将对本校尚未审核的2条安排全部表示同意。其中1条在新版本中有变化（如调入学校），同意即表示同意变化后的安排。已提出异议的安排不受影响。确定吗？',
    );
  });
  it('counts per side, a status that says 待审核, and confirmations that say what and to how many', () => {
    const c = {
      lines: 1672,
      reviewed: 0,
      reviewedBySending: 26,
      reviewedByReceiving: 0,
      reviewedByNeither: 1646,
      changedToReview: 0,
      objected: 0,
      openObjections: 0,
      upheldNotApplied: 0,
      exceptionsWithoutReason: 300,
    };
    expect(reviewCountsText(c)).toBe('共1672条：调出方已审26条，调入方已审0条，双方均未审1646条；异议未答复0条；例外待说明300人。');
    expect(proposalStatusText({ status: 'done', reviewCounts: c })).toBe('待审核');
    expect(proposalStatusText({ status: 'done', reviewCounts: { ...c, reviewed: 1672 } })).toBe('已审核，待公示');
    expect(proposalStatusText({ status: 'announced' })).toBe('公示中');
    expect(publishConfirmText({ reviewCounts: c })).toBe(
      '发布后，本版1672条安排将作为本学年交流名单正式公布，写入教师任职记录，且本学年不能再生成新方案，无法撤销。目前1646条双方校长均未审核，26条仅一方校长审核，300人例外尚未说明原因。确定发布吗？',
    );
    expect(announceConfirmText({ version: 2, reviewCounts: c }, '2027-05-14')).toBe(
      '将把第2版共1672条安排对外公示至2027-05-14，公示期内受理异议。确定公示吗？',
    );
    expect(withdrawConfirmText({ version: 2, reviewCounts: c })).toMatch(/^将撤回第2版共1672条安排的公示。/);
    const p = { status: 'announced', notice: { from: '2027-05-10', until: '2027-05-14' }, reviewCounts: { ...c, upheldNotApplied: 1 } };
    expect(publishBlocker(p, 0, '2027-05-20')).toBe('有1条异议已支持但名单尚未调整，须按更正流程处理后方可发布');
  });
  it("HR's answers in words: verdict, reason, who and when; the school's summary; names meant for people", () => {
    const answered = (decision: string) => ({
      answer: { decision, reason: '毕业班', answeredBy: 'demo hr 2026-12-07T21:19:42.145Z', answeredAt: '2027-05-14T02:05:00Z' },
    });
    expect(answerText(answered('upheld'))).toBe('人事股已支持：毕业班（人事股，2027-05-14 10:05）');
    expect(answerText({ answer: null })).toBe('人事股尚未答复');
    expect(objectionSummary([answered('upheld'), answered('rejected'), { answer: null }])).toBe('异议处理结果：共3条，人事股已支持1条、已驳回1条，待答复1条。');
    expect(objectionSummary([])).toBe('');
    expect(personName('demo principal of 惠城实验小学', '校长')).toBe('校长');
    expect(personName('张科长', '人事股')).toBe('张科长');
    expect(personName('', '人事股')).toBe('人事股');
    const refusal = errorZh(
      {
        statusCode: 409,
        code: 'CONFLICT',
        message: '1 line(s) with an upheld objection…',
        details: [{ decision: 'upheld', teacherName: '教师3', fromSchoolName: '甲校', toSchoolName: '乙校' }],
      },
      'publish',
    );
    expect(refusal.text).toMatch(/^不能发布：教师3（甲校 → 乙校）的异议已支持，但名单中仍有该安排。请按更正流程处理：1. 撤回公示；/);
    expect(refusal.detail).toBe('1 line(s) with an upheld objection…');
  });
});

describe('where a proposal’s time went (issue #13)', () => {
  it('gives the phases of stats.phasesMs in seconds, in the order they run, and their sum', () => {
    const stats = { phasesMs: { store: 168, load: 15, queue: 8, build: 397, rotation: 174, itinerant: 342, report: 66 } };
    expect(phasesText(stats)).toBe('用时 1.2 秒（排队 0.0 · 读取 0.0 · 建模 0.4 · 轮岗求解 0.2 · 走教 0.3 · 报告 0.1 · 保存 0.2）');
    // a proposal solved before the phases were kept says nothing rather than 0 秒
    expect(phasesText({})).toBe('');
    expect(phasesText(null)).toBe('');
    // the solver's own phases only (a proposal stored without queue, load and store)
    expect(phasesText({ phasesMs: { build: 300, rotation: 700, itinerant: 900, report: 100 } })).toBe(
      '用时 2.0 秒（建模 0.3 · 轮岗求解 0.7 · 走教 0.9 · 报告 0.1）',
    );
  });
});
