import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.js';
import type { LineKind, Pin, SolverInput } from '../../solver/types.js';
import { countyArb } from './random-county.js';

const KINDS: LineKind[] = ['rotation', 'leader_rotation', 'shadowing', 'itinerant'];

/** Random pins and exclusions thrown at a random small county, as PUT /plans/:id/pins accepts them. */
const withPins = countyArb.chain((county) =>
  fc
    .record({
      pins: fc.array(fc.record({ t: fc.nat(), s: fc.nat(), k: fc.nat({ max: 3 }), unknown: fc.nat({ max: 19 }) }), { maxLength: 8 }),
      exclusions: fc.array(fc.record({ t: fc.nat(), s: fc.option(fc.nat(), { nil: null }) }), { maxLength: 4 }),
    })
    .map(
      ({ pins, exclusions }): SolverInput => ({
        ...county,
        pins: pins.map(({ t, s, k, unknown }) => ({
          // now and then a teacher or school the snapshot does not have (deleted since the pin was set)
          teacherId: unknown === 0 ? 'GONE' : county.teachers[t % county.teachers.length].id,
          toSchoolId: unknown === 1 ? 'GONE' : county.schools[s % county.schools.length].id,
          kind: KINDS[k],
        })),
        exclusions: exclusions.map(({ t, s }) => ({
          teacherId: county.teachers[t % county.teachers.length].id,
          toSchoolId: s === null ? null : county.schools[s % county.schools.length].id,
        })),
      }),
    ),
);

const same = (a: Pin, b: Pin) => a.teacherId === b.teacherId && a.toSchoolId === b.toSchoolId && a.kind === b.kind;

describe('property: pins and exclusions never make a proposal fail', () => {
  it('every solve returns, and every pin is either a pinned line or named by a violation', async () => {
    let named = 0;
    await fc.assert(
      fc.asyncProperty(withPins, async (inp) => {
        const res = await solve(inp);
        for (const pin of inp.pins) {
          const kept = res.lines.some(
            (l) => l.teacherId === pin.teacherId && l.toSchoolId === pin.toSchoolId && l.kind === pin.kind && l.reasons.includes('PINNED'),
          );
          const violation = res.compliance.violations.find((v) => (v.pin && same(v.pin, pin)) || v.pins?.some((x) => same(x, pin)));
          expect(kept || violation !== undefined, `pin ${JSON.stringify(pin)} is neither kept nor named`).toBe(true);
          if (violation) {
            named++;
            expect(violation.remedy).toMatch(/pin/);
          }
        }
        // an excluded teacher (without a pin) never appears
        for (const e of inp.exclusions) {
          if (inp.pins.some((p) => p.teacherId === e.teacherId)) continue;
          expect(res.lines.some((l) => l.teacherId === e.teacherId && (!e.toSchoolId || l.toSchoolId === e.toSchoolId) && l.kind !== 'itinerant')).toBe(false);
        }
      }),
      { numRuns: 40, seed: 9092027 },
    );
    // the generator does make pins that cannot be kept, so the naming path is exercised
    expect(named).toBeGreaterThan(0);
  });
});
