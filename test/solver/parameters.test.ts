import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderParametersDoc } from '../../scripts/parameters-doc.js';
import { solve } from '../../solver/index.js';
import { PARAMETER_DEFAULTS, PARAMETER_NAMES, PARAMETERS, type ParameterDefinition, parameterProblems, resolveParameters } from '../../solver/parameters.js';
import { RULES } from '../../solver/rules/index.js';
import { ParametersSchema } from '../../src/schemas/parameters.js';
import { input, school } from './fixtures.js';

it('rejects a parameter out of range, naming it', async () => {
  await expect(solve(input([school('TOWN')], [], { parameters: { rotationQuota: 5 } }))).rejects.toThrow(/rotationQuota/);
});

/** Issue #20 point 1: one definition per parameter, and the solver's resolved parameters come from it. */
describe('the parameter definitions (solver/parameters.ts)', () => {
  const defs = Object.entries(PARAMETERS) as [string, ParameterDefinition][];

  it('each default satisfies its own definition and the cross-field rules', () => {
    for (const [name, d] of defs) expect(parameterProblems({ [name]: d.default }), name).toEqual([]);
    expect(resolveParameters({})).toEqual(PARAMETER_DEFAULTS);
    expect(Object.keys(PARAMETER_DEFAULTS)).toEqual(PARAMETER_NAMES);
  });

  it('is complete: Chinese name and help, English meaning, bounds around the default, options with labels, real cross-field names', () => {
    for (const [name, d] of defs) {
      expect(d.zh, name).toMatch(/\p{Script=Han}/u);
      expect(d.help, name).toMatch(/\p{Script=Han}/u);
      expect(d.en.length, name).toBeGreaterThan(5);
      if (d.type === 'number') {
        expect(d.min <= d.default && d.default <= d.max, name).toBe(true);
        if (d.unit === 'percent') expect(d.max, name).toBeLessThanOrEqual(1);
        for (const other of d.lessThan ?? []) expect(PARAMETER_NAMES, `${name} < ${other}`).toContain(other);
      }
      if (d.type === 'enum' || d.type === 'enumList') for (const o of d.options) expect(o.zh, `${name}.${o.code}`).toMatch(/\p{Script=Han}/u);
    }
    // every rule module reads parameters that are defined
    for (const r of RULES) for (const p of r.parameters) expect(PARAMETER_NAMES, r.id).toContain(p);
  });

  it('the solver refuses what the API refuses: rotationYears 1e9 or 1.5, an unknown stage, a weight above hardPenalty', () => {
    const cases: Record<string, unknown>[] = [
      { rotationYears: 1e9 },
      { rotationYears: 1.5 },
      { quotaScope: 'galaxy' },
      { rotationQuota: 2 },
      { quotaStages: ['mars'] },
      { quotaStages: [] },
      { shortageSubjects: ['alchemy'] },
      { mipGap: 0.5 },
      { weightMove: 20000 },
      { hardPenalty: 100 },
      { noSuchThing: 1 },
    ];
    for (const c of cases) {
      const name = Object.keys(c)[0];
      expect(() => resolveParameters(c as never), JSON.stringify(c)).toThrow(new RegExp(`Invalid parameter ${name}`));
      const api = ParametersSchema.safeParse(c);
      expect(api.success, JSON.stringify(c)).toBe(false);
      expect(
        api.error!.issues.map((i) => i.path[0]),
        JSON.stringify(c),
      ).toContain(name);
    }
    // and both accept a usable combination
    const good = { rotationQuota: 0.3, quotaScope: 'county', quotaStages: ['primary'], rotationYears: 6, hardPenalty: 50000, weightStability: 40000 };
    expect(resolveParameters(good as never)).toMatchObject(good);
    expect(ParametersSchema.safeParse(good).success).toBe(true);
  });

  it('docs/parameters.md is what scripts/parameters-doc.ts generates from the definitions (run npm run rules:doc)', () => {
    expect(readFileSync(new URL('../../docs/parameters.md', import.meta.url), 'utf8')).toBe(renderParametersDoc());
  });
});
