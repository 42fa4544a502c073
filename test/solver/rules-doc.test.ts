import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderRulesDoc } from '../../scripts/rules-doc.js';
import { POLICY_RULES } from '../../solver/rules/catalogue.js';
import { RULES } from '../../solver/rules/index.js';

it('docs/rules.md is what scripts/rules-doc.ts generates from the rule modules (run npm run rules:doc)', () => {
  expect(readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8')).toBe(renderRulesDoc());
});

it('every policy rule R01–R40 is listed once, and every one is either implemented by a module or given a status', () => {
  expect(POLICY_RULES.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`));
  for (const pr of POLICY_RULES) {
    const implemented = RULES.some((r) => r.policy.includes(pr.id));
    expect(implemented || pr.status !== undefined, `${pr.id} has neither a module nor a status`).toBe(true);
    expect(pr.sourceZh, `${pr.id} has no Chinese source line`).toMatch(/[\u4e00-\u9fff]/);
  }
  // and every rule module names real parameters and is in the model's list once
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
});
