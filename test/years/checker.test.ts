// Tests OF the independent multi-year checker (test/years/checker.ts) on tiny hand-made API data:
// every kind of finding is found on a case built to have it, and not reported on a case built to
// be right, so the instrument that measures issue 11 can be trusted. No solver, no database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ApiCompliance,
  type ApiLine,
  type ApiSchool,
  type ApiServiceRecord,
  type ApiTeacher,
  checkYear,
  dayAfter,
  type FindingKind,
  placement,
  ruralYears,
  wholeYears,
  type YearInput,
} from './checker.js';

const Y = 2028;
const school = (id: string, o: Partial<ApiSchool> = {}): ApiSchool => ({
  id,
  name: `学校${id}`,
  stage: 'primary',
  locality: 'rural',
  isHighQuality: false,
  isWeak: false,
  isTeachingPoint: false,
  isCentral: false,
  approvedHeadcount: 100,
  needs: [],
  ...o,
});
let n = 0;
const teacher = (schoolId: string, o: Partial<ApiTeacher> = {}): ApiTeacher => ({
  id: `t${++n}`,
  name: `教师${n}`,
  gender: 'F',
  birthDate: '1990-05-01',
  hireDate: '2012-09-01',
  schoolId,
  schoolSince: '2012-09-01',
  post: 'teacher',
  postSince: '2012-09-01',
  subjects: ['math'],
  established: true,
  status: 'active',
  backbone: null,
  education: 'bachelor',
  seniorTitleApplicationYear: null,
  priorRuralYears: 0,
  exemptions: [],
  volunteer: false,
  ...o,
});
const rec = (schoolId: string, kind: ApiServiceRecord['kind'], from: string, to: string | null, o: Partial<ApiServiceRecord> = {}): ApiServiceRecord => ({
  schoolId,
  post: 'teacher',
  kind,
  from,
  to,
  ruralAtTheTime: kind !== 'regular',
  ...o,
});
const line = (t: ApiTeacher, from: string, to: string, o: Partial<ApiLine> = {}): ApiLine => ({
  teacherId: t.id,
  teacher: { subject: t.subjects[0] },
  kind: 'rotation',
  fromSchoolId: from,
  toSchoolId: to,
  startDate: `${Y}-09-01`,
  endDate: `${Y + 3}-08-31`,
  reasons: ['R01_QUOTA'],
  explanation: '',
  ...o,
});
const violation = (rule: string, ruleId: string, o: { schoolId?: string; teacherId?: string }) => ({ rule, ruleId, message: `${rule} ${ruleId}`, ...o });

/** Each school gets its principal unless `noPrincipal` lists it, so a case shows only the finding it is built for. */
function check(o: {
  schools: ApiSchool[];
  teachers: ApiTeacher[];
  records?: Record<string, ApiServiceRecord[]>;
  lines?: ApiLine[];
  compliance?: Partial<ApiCompliance>;
  noPrincipal?: string[];
  parameters?: YearInput['parameters'];
}) {
  const principals = o.schools
    .filter((s) => !(o.noPrincipal ?? []).includes(s.id) && !o.teachers.some((t) => t.schoolId === s.id && t.post === 'principal'))
    .map((s) => teacher(s.id, { post: 'principal', postSince: '2024-09-01', schoolSince: '2024-09-01', subjects: ['chinese'], birthDate: '1985-01-01' }));
  return checkYear({
    year: Y,
    parameters: o.parameters,
    schools: o.schools,
    teachers: [...o.teachers, ...principals],
    records: new Map(Object.entries(o.records ?? {})),
    lines: o.lines ?? [],
    compliance: { violations: [], notices: [], ...o.compliance },
  });
}
const kinds = (r: ReturnType<typeof check>, kind: FindingKind) => r.findings.filter((f) => f.kind === kind);

describe('the checker is independent', () => {
  it('imports nothing at all, so no code of solver/ or src/ can agree with itself through it', () => {
    const source = readFileSync(new URL('./checker.ts', import.meta.url), 'utf8');
    expect(source.match(/^\s*(import|export)\s.*\sfrom\s/gm) ?? []).toEqual([]);
    expect(source).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
  });
  it("reads the API through nothing but the checker's own types", () => {
    const source = readFileSync(new URL('./api-reader.ts', import.meta.url), 'utf8');
    expect((source.match(/\sfrom\s+'[^']+'/g) ?? []).map((m) => m.replace(/^\s*from\s+/, ''))).toEqual(["'./checker.js'"]);
    expect(source).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
  });
});

describe("the checker's own date arithmetic", () => {
  it('counts whole academic years and steps over month ends and leap days', () => {
    expect(wholeYears('2015-09-01', '2027-09-01')).toBe(12);
    expect(wholeYears('2015-09-02', '2027-09-01')).toBe(11);
    expect(wholeYears('2027-09-01', '2027-09-01')).toBe(0);
    expect(dayAfter('2027-08-31')).toBe('2027-09-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(dayAfter('2027-12-31')).toBe('2028-01-01');
  });
  it('places a teacher: away on a covering rotation, home again the day after it ends, a leader rotation moves the post', () => {
    const t = teacher('H');
    const away = placement(t, [rec('R', 'rotation', '2027-09-01', '2030-08-31')], `${Y}-09-01`);
    expect(away).toMatchObject({ homeSchoolId: 'H', workingSchoolId: 'R' });
    const back = placement(t, [rec('R', 'rotation', '2025-09-01', '2028-08-31')], `${Y}-09-01`);
    expect(back).toMatchObject({ homeSchoolId: 'H', workingSchoolId: 'H', away: null });
    const led = placement(teacher('H', { post: 'principal' }), [rec('L', 'leader_rotation', '2027-09-01', null, { post: 'principal' })], `${Y}-09-01`);
    expect(led).toMatchObject({ homeSchoolId: 'L', workingSchoolId: 'L', post: 'principal', postSince: '2027-09-01' });
    // Q16: more than three years away takes the post along
    expect(placement(t, [rec('R', 'rotation', '2027-09-01', '2032-08-31')], `${Y}-09-01`).homeSchoolId).toBe('R');
  });
  it('adds rural segments of the ledger up to 31 August Y, not 走教 or 跟岗, plus prior years (R11)', () => {
    const t = teacher('H', { priorRuralYears: 1 });
    const records = [
      rec('R', 'rotation', '2025-09-01', '2027-08-31'),
      rec('R', 'regular', '2010-09-01', '2012-08-31', { ruralAtTheTime: true }),
      rec('R', 'itinerant', '2026-09-01', '2027-08-31'),
      rec('R', 'shadowing', '2013-09-01', '2014-08-31'),
      rec('R', 'rotation', '2027-09-01', '2030-08-31'),
    ];
    expect(ruralYears(t, records, Y)).toBe(1 + 2 + 2 + 1);
  });
  it('counts the personnel post at a rural school until a leader rotation took the teacher to town (R11)', () => {
    const schools = new Map([
      ['R', school('R', { locality: 'rural' })],
      ['H', school('H', { locality: 'urban' })],
    ]);
    const t = teacher('R', { schoolSince: `${Y - 10}-09-01`, post: 'vice_principal' });
    expect(ruralYears(t, [], Y, schools)).toBe(10);
    expect(ruralYears(t, [rec('H', 'leader_rotation', `${Y - 2}-09-01`, null, { post: 'vice_principal', ruralAtTheTime: false })], Y, schools)).toBe(8);
    expect(ruralYears(teacher('H'), [], Y, schools)).toBe(0);
  });
});

describe('H7 (R19): a school above its 编制 after the moves must be reported', () => {
  const A = school('A', { approvedHeadcount: 3 });
  const R = school('R');
  it('counts a teacher away on an earlier rotation at home (Q16) and finds the unreported breach', () => {
    const away = teacher('A');
    const r = check({
      schools: [A, R],
      teachers: [teacher('A'), teacher('A'), away],
      records: { [away.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] },
    });
    // three posts at home plus A's principal: 4 > 3
    expect(kinds(r, 'headcountAboveApproved').map((f) => f.schoolId)).toEqual(['A']);
    expect(r.figures.headcountBreaches).toBe(1);
  });
  it('is quiet when the breach is an H7 violation, or a notice that the school already stood above its 编制', () => {
    const ts = [teacher('A'), teacher('A'), teacher('A')];
    expect(
      kinds(check({ schools: [A, R], teachers: ts, compliance: { violations: [violation('H7', 'R19', { schoolId: 'A' })] } }), 'headcountAboveApproved'),
    ).toEqual([]);
    expect(
      kinds(
        check({ schools: [A, R], teachers: ts, compliance: { notices: ['学校A: 4 staff already above 编制 3 before any move'] } }),
        'headcountAboveApproved',
      ),
    ).toEqual([]);
  });
  it('is quiet at 编制 exactly: a teacher hosted from elsewhere and a non-established teacher hold no post here', () => {
    const hosted = teacher('C');
    const r = check({
      schools: [A, R, school('C')],
      teachers: [teacher('A'), teacher('A'), hosted, teacher('A', { established: false })],
      records: { [hosted.id]: [rec('A', 'rotation', '2027-09-01', '2030-08-31')] },
    });
    expect(kinds(r, 'headcountAboveApproved')).toEqual([]);
    expect(r.figures.headcountBreaches).toBe(0);
  });
});

describe('缺员 reasons must go into a subject below need on 1 September', () => {
  const H = school('H', { locality: 'urban' });
  const R = school('R', { needs: [{ subject: 'math', teachers: 2 }] });
  it('finds a 缺员 line into a subject that a teacher hosted from an earlier year already fills', () => {
    const own = teacher('R');
    const hosted = teacher('H');
    const mover = teacher('H');
    const r = check({
      schools: [H, R],
      teachers: [own, hosted, mover],
      records: { [hosted.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] },
      lines: [line(mover, 'H', 'R', { reasons: ['R06_LONG_TENURE'], explanation: '补充学校R数学学科缺员' })],
    });
    expect(kinds(r, 'vacancyClaimWithoutVacancy').map((f) => f.teacherId)).toEqual([mover.id]);
  });
  it('finds the claims beyond the vacancies when several lines claim the same one', () => {
    const movers = [teacher('H'), teacher('H')];
    const r = check({ schools: [H, R], teachers: [teacher('R'), ...movers], lines: movers.map((m) => line(m, 'H', 'R', { reasons: ['R24_VACANCY'] })) });
    expect(kinds(r, 'vacancyClaimBeyondVacancies')).toHaveLength(1);
    expect(kinds(r, 'vacancyClaimWithoutVacancy')).toEqual([]);
    expect(r.figures.vacancyClaims).toBe(2);
  });
  it('is quiet when the vacancy is real: a hosted teacher returning on 1 September counts at home, an own teacher leaving frees the place', () => {
    const returning = teacher('H');
    const leaving = teacher('R');
    const mover = teacher('H');
    const r = check({
      schools: [H, R, school('S')],
      teachers: [teacher('R'), returning, leaving, mover],
      records: { [returning.id]: [rec('R', 'rotation', '2025-09-01', '2028-08-31')] },
      lines: [line(mover, 'H', 'R', { reasons: ['R24_VACANCY'] }), line(leaving, 'R', 'S', { reasons: ['R16_SHADOWING'], kind: 'shadowing' })],
    });
    expect(kinds(r, 'vacancyClaimWithoutVacancy')).toEqual([]);
    expect(kinds(r, 'vacancyClaimBeyondVacancies')).toEqual([]);
  });
});

describe('nobody is sent out in the year they return, nor while still away', () => {
  const H = school('H', { locality: 'urban' });
  const R = school('R');
  it('finds a teacher whose rotation ends on 31 August Y sent out again on 1 September Y, and one still away', () => {
    const back = teacher('H');
    const still = teacher('H');
    const r = check({
      schools: [H, R],
      teachers: [back, still],
      records: { [back.id]: [rec('R', 'rotation', '2025-09-01', '2028-08-31')], [still.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] },
      lines: [line(back, 'H', 'R'), line(still, 'H', 'R')],
    });
    expect(kinds(r, 'sentOutOnReturn').map((f) => f.teacherId)).toEqual([back.id]);
    expect(kinds(r, 'sentOutWhileAway').map((f) => f.teacherId)).toEqual([still.id]);
    expect(r.figures).toMatchObject({ returning: 1, awayFromEarlierYears: 1 });
  });
  it('is quiet for a teacher back for a year, and for 走教 of a returning teacher (it keeps the home school)', () => {
    const earlier = teacher('H');
    const back = teacher('H');
    const r = check({
      schools: [H, R],
      teachers: [earlier, back],
      records: { [earlier.id]: [rec('R', 'rotation', '2024-09-01', '2027-08-31')], [back.id]: [rec('R', 'rotation', '2025-09-01', '2028-08-31')] },
      lines: [line(earlier, 'H', 'R'), line(back, 'H', 'R', { kind: 'itinerant', reasons: ['R22_ITINERANT'] })],
    });
    expect(kinds(r, 'sentOutOnReturn')).toEqual([]);
    expect(kinds(r, 'sentOutWhileAway')).toEqual([]);
  });
});

describe('each school keeps exactly one principal unless a violation names it', () => {
  const A = school('A', { locality: 'urban' });
  const B = school('B');
  it('finds a school left without its principal and a school that keeps its own and gets another', () => {
    const p = teacher('A', { post: 'principal', postSince: '2020-09-01' });
    const r = check({ schools: [A, B], teachers: [p], lines: [line(p, 'A', 'B')] });
    expect(
      kinds(r, 'principalCount')
        .map((f) => f.schoolId)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(r.figures).toMatchObject({ schoolsWithoutPrincipal: 1, schoolsWithSeveralPrincipals: 1 });
  });
  it('is quiet for a leader rotation into a post vacated by the same plan, and for a gap a violation names', () => {
    const pa = teacher('A', { post: 'principal', postSince: '2020-09-01' });
    const pb = teacher('B', { post: 'principal', postSince: '2020-09-01' });
    const swap = check({
      schools: [A, B],
      teachers: [pa, pb],
      lines: [line(pa, 'A', 'B', { kind: 'leader_rotation' }), line(pb, 'B', 'A', { kind: 'leader_rotation' })],
    });
    expect(kinds(swap, 'principalCount')).toEqual([]);
    const named = check({ schools: [A, B], teachers: [], noPrincipal: ['B'], compliance: { violations: [violation('H4', 'R08', { schoolId: 'B' })] } });
    expect(kinds(named, 'principalCount')).toEqual([]);
    const noticed = check({ schools: [A, B], teachers: [], noPrincipal: ['B'], compliance: { notices: ['学校B: no principal (校长) on 1 September'] } });
    expect(kinds(noticed, 'principalCount')).toEqual([]);
    expect(named.figures.schoolsWithoutPrincipal).toBe(1);
  });
});

describe('teachers a hard rule names get a line or an exception on record (Q12)', () => {
  const U = school('U', { locality: 'urban' });
  const V = school('V', { locality: 'rural' });
  const leader = () => teacher('U', { post: 'principal', postSince: '2016-09-01' }); // 12 years on 31 August 2028
  const applicant = () => teacher('U', { seniorTitleApplicationYear: Y + 1 });
  const villager = () => teacher('V', { hireDate: '2024-03-01', schoolSince: '2024-03-01', postSince: '2024-03-01' }); // window closes 2029-03-01
  it('finds an R08 leader, an R11 applicant and an R16 village teacher left silently', () => {
    const ts = [leader(), applicant(), villager()];
    const r = check({ schools: [U, V], teachers: ts });
    expect(kinds(r, 'hardRuleUnreported').map((f) => [f.rule, f.teacherId])).toEqual([
      ['R08', ts[0].id],
      ['R11', ts[1].id],
      ['R16', ts[2].id],
    ]);
  });
  it('is quiet when each has a line, or an exception naming the teacher under the rule', () => {
    const [l, a, v] = [leader(), applicant(), villager()];
    const moved = check({
      schools: [U, V],
      teachers: [l, a, v],
      noPrincipal: ['V'],
      lines: [line(l, 'U', 'V', { kind: 'leader_rotation' }), line(a, 'U', 'V'), line(v, 'V', 'U', { kind: 'shadowing' })],
    });
    expect(kinds(moved, 'hardRuleUnreported')).toEqual([]);
    const excepted = check({
      schools: [U, V],
      teachers: [l, a, v],
      compliance: {
        violations: [violation('H4', 'R08', { teacherId: l.id }), violation('H5', 'R11', { teacherId: a.id }), violation('H6', 'R16', { teacherId: v.id })],
      },
    });
    expect(kinds(excepted, 'hardRuleUnreported')).toEqual([]);
    // an exception on record (compliance.exceptions) counts only with its reason
    const onRecord = (reason: string) =>
      check({
        schools: [U, V],
        teachers: [l, a, v],
        compliance: {
          violations: [],
          exceptions: [
            { rule: 'H4', ruleId: 'R08', teacherId: l.id, reason },
            { rule: 'H5', ruleId: 'R11', teacherId: a.id, reason },
            { rule: 'H6', ruleId: 'R16', teacherId: v.id, reason },
          ],
        },
      });
    expect(kinds(onRecord('exempt'), 'hardRuleUnreported')).toEqual([]);
    expect(kinds(onRecord(''), 'hardRuleUnreported')).toHaveLength(3);
  });
  it('R11: an applicant working at a weak town school is not named (the coming year there counts: 乡村学校或薄弱学校)', () => {
    const W = school('W', { locality: 'urban', isWeak: true });
    const a = teacher('W', { seniorTitleApplicationYear: Y + 1 });
    expect(kinds(check({ schools: [U, V, W], teachers: [a] }), 'hardRuleUnreported')).toEqual([]);
    const b = teacher('U', { seniorTitleApplicationYear: Y + 1 });
    expect(kinds(check({ schools: [U, V, W], teachers: [b] }), 'hardRuleUnreported').map((f) => f.rule)).toEqual(['R11']);
  });
  it('names nobody the rules do not: 11 years in post, a rural year on the ledger, hired too late, already shadowed', () => {
    const a = applicant();
    const v = villager();
    const r = check({
      schools: [U, V],
      teachers: [teacher('U', { post: 'principal', postSince: '2017-09-01' }), a, v, teacher('V', { hireDate: '2025-03-01' })],
      records: {
        [a.id]: [rec('V', 'regular', '2010-09-01', '2011-08-31', { ruralAtTheTime: true })],
        [v.id]: [rec('U', 'shadowing', '2025-09-01', '2026-08-31')],
      },
    });
    expect(kinds(r, 'hardRuleUnreported')).toEqual([]);
  });
});

describe('H2 (R01) and H3 (R02) at sending schools', () => {
  const U = school('U', { locality: 'urban' });
  const R = school('R');
  const tenured = (k: number, o: Partial<ApiTeacher> = {}) => Array.from({ length: k }, () => teacher('U', o));
  it('finds a sending school below ⌈10%⌉ and one below the 20% backbone share, with neither reported', () => {
    const ts = tenured(11); // ⌈1.1⌉ = 2 required
    const short = check({ schools: [U, R], teachers: ts, lines: [line(ts[0], 'U', 'R')] });
    expect(kinds(short, 'quotaUnreported').map((f) => f.schoolId)).toEqual(['U']);
    expect(kinds(short, 'backboneUnreported').map((f) => f.schoolId)).toEqual(['U']);
    expect(short.figures).toMatchObject({ eligible: 11, required: 2, rotated: 1, backboneShare: 0 });
  });
  it('is quiet when met, or when reported as H2/H3 violations naming the school', () => {
    const ts = [...tenured(10), ...tenured(1, { backbone: 'county' })];
    const met = check({ schools: [U, R], teachers: ts, lines: [line(ts[0], 'U', 'R'), line(ts[10], 'U', 'R')] });
    expect(kinds(met, 'quotaUnreported')).toEqual([]);
    expect(kinds(met, 'backboneUnreported')).toEqual([]);
    const reported = check({
      schools: [U, R],
      teachers: ts,
      lines: [line(ts[0], 'U', 'R')],
      compliance: { violations: [violation('H2', 'R01', { schoolId: 'U' }), violation('H3', 'R02', { schoolId: 'U' })] },
    });
    expect(kinds(reported, 'quotaUnreported')).toEqual([]);
    expect(kinds(reported, 'backboneUnreported')).toEqual([]);
  });
  it('counts only the pool: years since the last return, not away, not exempt, not near retirement, quota stages only', () => {
    const returned = teacher('U');
    const away = teacher('U');
    const ts = [
      ...tenured(9),
      returned,
      away,
      teacher('U', { schoolSince: '2023-09-01' }),
      teacher('U', { exemptions: [{ reason: 'illness', from: '2028-01-01', to: null }] }),
      teacher('U', { birthDate: '1975-01-01' }), // 53 on 31 August 2028: two years to 55
    ];
    const r = check({
      schools: [U, R, school('K', { locality: 'urban', stage: 'kindergarten' })],
      teachers: [...ts, teacher('K')],
      records: { [returned.id]: [rec('R', 'rotation', '2024-09-01', '2027-08-31')], [away.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] },
    });
    expect(r.figures).toMatchObject({ eligible: 9, required: 1 });
    expect(kinds(r, 'quotaUnreported').map((f) => f.schoolId)).toEqual(['U']);
  });
});

describe("the checker's readings of who the rules name", () => {
  it('takes R11 as met at a weak town school, and a rural central school as no village school (R16)', () => {
    const U = school('U', { locality: 'urban' });
    const W = school('W', { locality: 'urban', isWeak: true });
    const C = school('C', { locality: 'rural', isCentral: true });
    const a = teacher('U', { seniorTitleApplicationYear: Y });
    const r = check({ schools: [U, W, C], teachers: [a, teacher('C', { hireDate: '2024-03-01' })], lines: [line(a, 'U', 'W')] });
    expect(kinds(r, 'hardRuleUnreported')).toEqual([]);
  });
});

describe('figures where people work', () => {
  it("counts hosted teachers against the host's 编制 and need as figures, without an H7 finding (Q16 keeps the post at home)", () => {
    const U = school('U', { locality: 'urban' });
    const R = school('R', {
      approvedHeadcount: 2,
      needs: [
        { subject: 'math', teachers: 1 },
        { subject: 'chinese', teachers: 1 },
      ],
    });
    const hosted = teacher('U');
    const r = check({ schools: [U, R], teachers: [teacher('R'), hosted], records: { [hosted.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] } });
    // R: its own math teacher, its principal (chinese) and the hosted math teacher work there
    expect(r.figures).toMatchObject({ workingAboveApproved: 1, surplusAtReceiving: 1, headcountBreaches: 0 });
    expect(kinds(r, 'headcountAboveApproved')).toEqual([]);
  });
});

describe('indicators where people work', () => {
  it('counts a backbone teacher hosted at a rural school there, not at the urban home (R26, R32)', () => {
    const U = school('U', { locality: 'urban' });
    const R = school('R');
    const bb = teacher('U', { backbone: 'city' });
    const r = check({
      schools: [U, R],
      teachers: [bb, teacher('R', { education: 'associate' }), teacher('U')],
      records: { [bb.id]: [rec('R', 'rotation', '2027-09-01', '2030-08-31')] },
      noPrincipal: ['U', 'R'],
    });
    expect(r.figures.ruralBackboneShare).toBe(0.5);
    // urban: 1 of 1 bachelor; rural: 1 of 2
    expect(r.figures.urbanRuralBachelorRatio).toBe(2);
  });
});

describe('issue #21: no school loses more than the cap in one year (H12)', () => {
  const U = school('U', { locality: 'urban' });
  const R = school('R');
  // n tenured math teachers at U; with the principal the check adds, n + 1 work there
  const staffOf = (n: number) => Array.from({ length: n }, () => teacher('U'));
  it('finds a school that loses more than max(1, ⌊15% · working⌋, its quota) with no H12 violation, counting shadowing, not 走教', () => {
    const ts = staffOf(19); // 20 working: ⌊3⌋ allowed, the quota ⌈1.9⌉ = 2
    const lines = [line(ts[0], 'U', 'R'), line(ts[1], 'U', 'R'), line(ts[2], 'U', 'R'), line(ts[3], 'U', 'R', { kind: 'shadowing' })];
    const r = check({ schools: [U, R], teachers: ts, lines });
    expect(kinds(r, 'schoolLossAboveCap').map((f) => f.schoolId)).toEqual(['U']);
    expect(r.figures).toMatchObject({ largestLossShare: 0.2, schoolsAboveLossCap: 1 });
    const itinerant = check({ schools: [U, R], teachers: ts, lines: [...lines.slice(0, 3), line(ts[3], 'U', 'R', { kind: 'itinerant' })] });
    expect(kinds(itinerant, 'schoolLossAboveCap')).toEqual([]);
    const reported = check({ schools: [U, R], teachers: ts, lines, compliance: { violations: [violation('H12', 'STABLE_TEACHING', { schoolId: 'U' })] } });
    expect(kinds(reported, 'schoolLossAboveCap')).toEqual([]);
    expect(reported.figures.schoolsAboveLossCap).toBe(1);
    const off = check({ schools: [U, R], teachers: ts, lines, parameters: { maxSchoolLossShare: 1 } });
    expect(kinds(off, 'schoolLossAboveCap')).toEqual([]);
  });
  it('never allows fewer than the school’s own R01 quota, nor fewer than one', () => {
    const ts = staffOf(11); // 12 working: ⌊1.8⌋ = 1, but the quota ⌈1.1⌉ = 2
    const r = check({ schools: [U, R], teachers: ts, lines: [line(ts[0], 'U', 'R'), line(ts[1], 'U', 'R')] });
    expect(kinds(r, 'schoolLossAboveCap')).toEqual([]);
    const small = [teacher('R')]; // 2 working at R: one may always leave
    expect(kinds(check({ schools: [U, R], teachers: small, lines: [line(small[0], 'R', 'U', { kind: 'shadowing' })] }), 'schoolLossAboveCap')).toEqual([]);
  });
});
