import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import { checkHardRules } from './checker.js';
import { countyArb } from './random-county.js';

describe('property: no hard rule is ever broken silently', () => {
  it('every failure the independent checker finds on random counties is in the compliance report', async () => {
    let sawViolation = 0;
    await fc.assert(
      fc.asyncProperty(countyArb, async (inp) => {
        const res = await solve(inp);
        const findings = checkHardRules(inp, res);
        for (const f of findings) {
          // H1, H8 and the 走教 limits are never relaxed: they must simply hold
          expect(['H1', 'H8', 'R21', 'R22']).not.toContain(f.rule);
          const reported = res.compliance.violations.some(
            (v) => v.rule === f.rule && (!f.schoolId || v.schoolId === f.schoolId) && (!f.teacherId || v.teacherId === f.teacherId),
          );
          expect(reported, `${f.rule} ${f.schoolId ?? f.teacherId}: ${f.what} is not reported`).toBe(true);
        }
        // and a school reported as passing really passes
        for (const s of res.compliance.schools)
          if (s.pass) expect(findings.some((f) => (f.rule === 'H2' || f.rule === 'H3') && f.schoolId === s.schoolId)).toBe(false);
        if (findings.length) sawViolation++;
      }),
      { numRuns: 50, seed: 31082027 },
    );
    // the generator makes counties where some rule cannot be met, so the reporting path is exercised
    expect(sawViolation).toBeGreaterThan(0);
  });
});
