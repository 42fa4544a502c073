import { beforeAll, describe, expect, it } from 'vitest';
import {
  BACKBONE_LABEL,
  chartBars,
  chartSchools,
  currentProposal,
  DECISION_LABEL,
  groupForSchool,
  installVocabulary,
  KIND_LABEL,
  PLAN_STATUS_LABEL,
  percent,
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
});
