import { describe, expect, it } from 'vitest';
import { ageOn31August, clocksOf, ruralServiceYears, yearsUntilSeptember } from '../../solver/clocks.js';
import { resolveParameters } from '../../solver/parameters.js';
import { rural, school, teacher, YEAR } from './fixtures.js';

const p = resolveParameters({});
const schools = new Map([school('TOWN'), rural('VIL', 20), rural('VIL2', 25)].map((s) => [s.id, s]));

describe('derived clocks, as of 31 August of the plan year', () => {
  it('exactly 6 years at the school is eligible; one day short is not (R06)', () => {
    expect(yearsUntilSeptember('2021-09-01', YEAR)).toBe(6);
    expect(clocksOf(teacher('A', 'TOWN', { schoolSince: '2021-09-01' }), schools, YEAR, p).eligible).toBe(true);
    expect(clocksOf(teacher('B', 'TOWN', { schoolSince: '2021-09-02' }), schools, YEAR, p).eligible).toBe(false);
  });

  it('exactly 12 years in the post counts 12 (R08)', () => {
    expect(clocksOf(teacher('P', 'TOWN', { post: 'principal', postSince: '2015-09-01' }), schools, YEAR, p).yearsInPost).toBe(12);
    expect(clocksOf(teacher('Q', 'TOWN', { post: 'principal', postSince: '2015-09-02' }), schools, YEAR, p).yearsInPost).toBe(11);
  });

  it('a birthday on 31 August counts as reached, which decides the retirement exemption (R09)', () => {
    expect(ageOn31August('1977-08-31', YEAR)).toBe(50);
    expect(ageOn31August('1977-09-01', YEAR)).toBe(49);
    // a woman of 51 on 31 August is 4 years from 55: exempt; one of 50 is 5 years away: not exempt
    expect(clocksOf(teacher('F51', 'TOWN', { gender: 'F', birthDate: '1976-08-31', schoolSince: '2010-09-01' }), schools, YEAR, p).exempt).toBe(true);
    expect(clocksOf(teacher('F50', 'TOWN', { gender: 'F', birthDate: '1976-09-01', schoolSince: '2010-09-01' }), schools, YEAR, p).exempt).toBe(false);
  });

  it('an exemption covering 1 September exempts; one ending on 31 August does not', () => {
    const on = teacher('M1', 'TOWN', { exemptions: [{ reason: 'maternity', from: '2027-03-01', to: '2027-09-01', note: null }] });
    const off = teacher('M2', 'TOWN', { exemptions: [{ reason: 'maternity', from: '2027-03-01', to: '2027-08-31', note: null }] });
    expect(clocksOf(on, schools, YEAR, p).exempt).toBe(true);
    expect(clocksOf(off, schools, YEAR, p).exempt).toBe(false);
  });

  it('rural segments at two schools add up to a whole year; either alone does not (R11, R17)', () => {
    const halfA = { schoolId: 'VIL', post: 'teacher', kind: 'regular' as const, from: '2010-09-01', to: '2011-02-28', ruralAtTheTime: true };
    const halfB = { schoolId: 'VIL2', post: 'teacher', kind: 'rotation' as const, from: '2011-03-01', to: '2011-08-31', ruralAtTheTime: true };
    expect(ruralServiceYears(teacher('S', 'TOWN', { serviceRecords: [halfA, halfB] }), schools, YEAR)).toBe(1);
    expect(ruralServiceYears(teacher('S1', 'TOWN', { serviceRecords: [halfA] }), schools, YEAR)).toBe(0);
    // 走教 and 跟岗 do not count; a school not rural at the time does not count; prior years add
    const itinerant = { ...halfA, kind: 'itinerant' as const, to: '2012-08-31' };
    expect(ruralServiceYears(teacher('S2', 'TOWN', { serviceRecords: [itinerant] }), schools, YEAR)).toBe(0);
    expect(ruralServiceYears(teacher('S3', 'TOWN', { serviceRecords: [{ ...halfA, to: '2012-08-31', ruralAtTheTime: false }] }), schools, YEAR)).toBe(0);
    expect(ruralServiceYears(teacher('S4', 'TOWN', { priorRuralYears: 2, serviceRecords: [halfA, halfB] }), schools, YEAR)).toBe(3);
  });

  it('the current post at a rural school counts as rural service', () => {
    expect(ruralServiceYears(teacher('R', 'VIL', { schoolSince: '2024-09-01' }), schools, YEAR)).toBe(3);
  });
});
