import { describe, expect, it } from 'vitest';
import * as domain from '../../solver/domain.js';
import { PARAMETER_DEFAULTS } from '../../solver/parameters.js';
import * as enums from '../../src/schemas/enums.js';

describe('solver/domain.ts: one vocabulary and calendar', () => {
  it('the academic year: moves on 1 September Y, clocks on 31 August Y; each line kind ends where R10/R16/R07 say', () => {
    expect(domain.academicYearStart(2027)).toBe('2027-09-01');
    expect(domain.clockDay(2027)).toBe('2027-08-31');
    const p = { rotationYears: 3, principalTermYears: 3 };
    expect(domain.lineEndDate('rotation', 2027, p)).toBe('2030-08-31');
    expect(domain.lineEndDate('leader_rotation', 2027, { ...p, principalTermYears: 4 })).toBe('2031-08-31');
    expect(domain.lineEndDate('shadowing', 2027, p)).toBe('2028-08-31');
    expect(domain.lineEndDate('itinerant', 2027, p)).toBe('2028-08-31');
    // the ledger: a leader takes the post with no end; every other record ends with its line
    expect(domain.recordEndDate('leader_rotation', 2027, p)).toBeNull();
    expect(domain.recordEndDate('rotation', 2027, p)).toBe('2030-08-31');
  });
  it('the parameters take their defaults from it', () => {
    expect(PARAMETER_DEFAULTS.shortageSubjects).toEqual(domain.DEFAULT_SHORTAGE_SUBJECTS);
    expect(PARAMETER_DEFAULTS.quotaStages).toEqual([...domain.COMPULSORY_STAGES]);
  });
  it("the service's enumerations are its own (src/schemas/enums.ts re-exports, no copy)", () => {
    const same: [readonly string[], readonly string[]][] = [
      [enums.STAGES, domain.STAGES],
      [enums.LOCALITIES, domain.LOCALITIES],
      [enums.POSTS, domain.POSTS],
      [enums.TITLES, domain.TITLES],
      [enums.BACKBONE_LEVELS, domain.BACKBONE_LEVELS],
      [enums.EDUCATION_LEVELS, domain.EDUCATION_LEVELS],
      [enums.GENDERS, domain.GENDERS],
      [enums.TEACHER_STATUSES, domain.TEACHER_STATUSES],
      [enums.EXEMPTION_REASONS, domain.EXEMPTION_REASONS],
      [enums.SERVICE_KINDS, domain.SERVICE_KINDS],
      [enums.LINE_KINDS, domain.LINE_KINDS],
      [enums.REVIEW_DECISIONS, domain.REVIEW_DECISIONS],
      [enums.PROPOSAL_STATUSES, domain.PROPOSAL_STATUSES],
      [enums.PLAN_STATUSES, domain.PLAN_STATUSES],
      [enums.ROLES, domain.ROLES],
    ];
    for (const [mine, theirs] of same) expect(mine).toBe(theirs);
    expect([...enums.SUBJECT_CODES]).toEqual(domain.SUBJECTS.map((s) => s.code));
    expect(enums.LineKindSchema.options).toEqual([...domain.LINE_KINDS]);
  });
  it('every code has a Chinese label; leader_rotation is 干部交流 (it moves vice principals and party secretaries too)', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [domain.STAGES, domain.STAGE_ZH],
      [domain.LOCALITIES, domain.LOCALITY_ZH],
      [domain.POSTS, domain.POST_ZH],
      [domain.TITLES, domain.TITLE_ZH],
      [domain.BACKBONE_LEVELS, domain.BACKBONE_ZH],
      [domain.EDUCATION_LEVELS, domain.EDUCATION_ZH],
      [domain.GENDERS, domain.GENDER_ZH],
      [domain.TEACHER_STATUSES, domain.TEACHER_STATUS_ZH],
      [domain.EXEMPTION_REASONS, domain.EXEMPTION_REASON_ZH],
      [domain.SERVICE_KINDS, domain.SERVICE_KIND_ZH],
      [domain.LINE_KINDS, domain.LINE_KIND_ZH],
      [domain.REVIEW_DECISIONS, domain.REVIEW_DECISION_ZH],
      [domain.REVIEW_SIDES, domain.REVIEW_SIDE_ZH],
      [domain.PROPOSAL_STATUSES, domain.PROPOSAL_STATUS_ZH],
      [domain.PLAN_STATUSES, domain.PLAN_STATUS_ZH],
      [domain.ROLES, domain.ROLE_ZH],
    ];
    for (const [codes, zh] of pairs) expect(Object.keys(zh).sort()).toEqual([...codes].sort());
    expect(domain.kindZh('leader_rotation')).toBe('干部交流');
    expect(domain.TITLE_ZH.professor).toBe('正高级');
    // issue #12: 公示 is the notice period (公示中); the decision after it is published (已发布)
    expect(domain.PROPOSAL_STATUS_ZH.announced).toBe('公示中');
    expect(domain.PROPOSAL_STATUS_ZH.published).toBe('已发布');
  });
});
