// The acceptance test of issue 11 (Year after year): a generated county is imported, then five
// consecutive years are planned, checked and published through the REST API. The referee is the
// independent checker (checker.ts: it imports nothing from solver/ or src/; api-reader.ts reads
// only the API's JSON); every finding names school, teacher and numbers, so a failure reads as a
// diagnosis. Two seeds of the default shape and one of each other shape (docs/demo-county.md: many
// small districts with teaching points, few large districts, a development zone with few rural
// posts), so the checks are not tuned to one county.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../../src/demo/generate-county.js';
import { buildTestApp, HR_TOKEN, type TestApp } from '../helpers.js';
import { ApiReader } from './api-reader.js';
import { checkYear } from './checker.js';

const FIRST_YEAR = 2027;
const YEARS = 5;
const TEACHERS = 1500;

const COUNTIES = [
  { seed: 7, shape: 'huilai' },
  { seed: 1, shape: 'huilai' },
  { seed: 3, shape: 'mountain' },
  { seed: 5, shape: 'suburban' },
  { seed: 2, shape: 'weihai' },
] as const;

for (const { seed, shape } of COUNTIES) {
  describe(`five published years, generated ${shape} county seed ${seed} (${TEACHERS} teachers)`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('each year: no finding of the independent checker', { timeout: 900_000 }, async () => {
      // the service's clock moves to the day after each notice period (announce, then publish after it)
      const api = new ApiReader(t.app, HR_TOKEN, (until) => {
        t.clock.offsetMs += Date.parse(`${until}T12:00:00+08:00`) + 86_400_000 - t.clock.now().getTime();
      });
      await api.call('PUT', '/import', generateCounty({ seed, teachers: TEACHERS, year: FIRST_YEAR, shape }));
      const byYear: Record<number, string[]> = {};
      for (let year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
        const plan = await api.call('POST', '/plans', { year, name: `years-${year}` });
        let proposal = await api.call('POST', `/plans/${plan.id}/proposals`, {});
        // bounded poll: a broken solve fails the test, it does not hang it
        for (let i = 0; i < 6000 && (proposal.status === 'queued' || proposal.status === 'running'); i++) {
          await sleep(100);
          proposal = await api.call('GET', `/proposals/${proposal.id}`);
        }
        expect(proposal.status, `${year}: ${proposal.error ?? ''}`).toBe('done');
        const input = await api.readYear(year, plan.id, proposal.id);
        const report = checkYear(input);
        byYear[year] = report.findings.map((f) => `${f.kind}${f.rule ? ` ${f.rule}` : ''}: ${f.detail}`);
        await api.publish(proposal.id, input.lines);
      }
      // all years' findings at once: one run shows every year's diagnosis
      expect(byYear).toEqual(Object.fromEntries(Object.keys(byYear).map((y) => [y, []])));
    });
  });
}
