import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatParameter,
  type ParameterDef,
  parameterErrorZh,
  parameterFields,
  parameterOverrides,
  parameterProblemsZh,
  parameterValue,
} from '../../public/views/parameters-logic.js';
import * as domain from '../../solver/domain.js';
import { PARAMETERS } from '../../solver/parameters.js';
import { auth, buildTestApp, type TestApp } from '../helpers.js';

/**
 * Issue #20 point 1: the page's parameter editor is derived from the parameter definitions GET
 * /vocabulary serves (solver/parameters.ts): a percentage entered as %, an enumeration as labelled
 * choices, a number with its bounds and unit, and a refusal naming the field in Chinese.
 */
describe("the plan parameter editor's fields, from the vocabulary the API serves", () => {
  let t: TestApp;
  let defs: ParameterDef[];
  let effective: Record<string, unknown>;
  beforeAll(async () => {
    t = await buildTestApp();
    defs = (await t.app.inject({ method: 'GET', url: '/api/v1/vocabulary', headers: auth() })).json().parameters;
    const plan = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: auth(), payload: { year: 2027, parameters: { rotationQuota: 0.15 } } });
    effective = plan.json().effectiveParameters;
  });
  afterAll(async () => t?.close());
  const field = (name: string, values = effective) => parameterFields(defs, values).find((f) => f.name === name)!;

  it('one field per definition, labelled with its Chinese name, in the definitions’ order', () => {
    const fields = parameterFields(defs, effective);
    expect(fields.map((f) => f.name)).toEqual(Object.keys(PARAMETERS));
    for (const f of fields) {
      const d = PARAMETERS[f.name as keyof typeof PARAMETERS];
      expect(f.label).toBe(d.zh);
      expect(f.help).toContain(d.help);
      expect(f.id).toBe(`param-${f.name}`);
    }
  });

  it('a percentage is entered and shown as %, with its bounds in %', () => {
    expect(field('rotationQuota')).toMatchObject({ kind: 'number', value: '15', unitZh: '%', min: 0, max: 100, step: 'any' });
    expect(field('rotationQuota').help).toContain('默认 10%');
    expect(field('mipGap')).toMatchObject({ kind: 'number', value: '0.01', unitZh: '%', min: 0, max: 5 });
    expect(field('backboneShare').value).toBe('20');
    const quota = defs.find((d) => d.name === 'rotationQuota')!;
    expect(parameterValue(quota, '7')).toBe(0.07);
    expect(parameterValue(quota, ' 12.5 % ')).toBe(0.125);
    expect(parameterValue(defs.find((d) => d.name === 'mipGap')!, '0.01')).toBe(0.0001);
  });

  it('an enumeration is a choice among its labelled options, not a raw code', () => {
    expect(field('quotaScope')).toMatchObject({
      kind: 'select',
      value: 'school',
      options: [
        { code: 'school', label: '每所学校' },
        { code: 'county', label: '全县' },
      ],
    });
    const stages = field('quotaStages');
    expect(stages.kind).toBe('checkboxes');
    expect(stages.options!.map((o) => o.label)).toEqual(domain.STAGES.map((s) => domain.STAGE_ZH[s]));
    expect(stages.options!.filter((o) => o.checked).map((o) => o.code)).toEqual([...domain.COMPULSORY_STAGES]);
    expect(stages.help).toContain('默认 小学、初中、九年一贯制');
    const subjects = field('shortageSubjects');
    expect(subjects.options!.map((o) => o.label)).toEqual(domain.SUBJECTS.map((s) => s.zh));
    expect(subjects.options!.filter((o) => o.checked).map((o) => o.label)).toContain('思政');
    expect(subjects.help).not.toMatch(/politics|,pe/);
    // the checked codes come back in the definition's order
    expect(parameterValue(defs.find((d) => d.name === 'quotaStages')!, ['junior', 'primary'])).toEqual(['primary', 'junior']);
  });

  it('a number has its bounds, its unit and whole steps where it must be whole; a yes/no is a checkbox', () => {
    expect(field('rotationYears')).toMatchObject({ kind: 'number', value: '3', min: 1, max: 6, step: '1', unitZh: '年' });
    expect(field('itinerantMaxKm')).toMatchObject({ unitZh: '公里', step: 'any' });
    expect(field('longRotationMovesPost')).toMatchObject({ kind: 'checkbox', checked: false });
    expect(formatParameter(defs.find((d) => d.name === 'longRotationMovesPost')!, false)).toBe('否');
  });

  it('the fields follow the definitions: a changed definition changes the editor, nothing is copied', () => {
    const changed = defs.map((d) => (d.name === 'quotaScope' ? { ...d, zh: '考核范围X', options: [...d.options!, { code: 'district', zh: '学区' }] } : d));
    expect(parameterFields(changed, effective).find((f) => f.name === 'quotaScope')).toMatchObject({
      label: '考核范围X',
      options: [{ label: '每所学校' }, { label: '全县' }, { code: 'district', label: '学区' }],
    });
  });

  it('saves only what differs from the defaults', () => {
    const values = Object.fromEntries(defs.map((d) => [d.name, d.default]));
    expect(parameterOverrides(defs, { ...values, rotationYears: 2, quotaStages: ['primary'] })).toEqual({ rotationYears: 2, quotaStages: ['primary'] });
  });

  it('checks as the service does, and names the field in Chinese', () => {
    expect(parameterProblemsZh(defs, { rotationQuota: 1.5 }).map((p) => p.text)).toEqual(['交流比例：应在0%至100%之间']);
    expect(parameterProblemsZh(defs, { rotationYears: 1.5 }).map((p) => p.text)).toEqual(['交流期限：应为整数']);
    expect(parameterProblemsZh(defs, { rotationYears: Number.NaN }).map((p) => p.text)).toEqual(['交流期限：应为数字']);
    expect(parameterProblemsZh(defs, { quotaStages: [] }).map((p) => p.text)).toEqual(['适用学段：至少选择1项']);
    expect(parameterProblemsZh(defs, { hardPenalty: 100 }).map((p) => p.text)).toEqual(['违反硬性规则的代价：应大于版本稳定代价（200分）']);
    expect(parameterProblemsZh(defs, { weightMove: 20000 }).map((p) => p.field)).toEqual(['parameters.weightMove']);
    expect(parameterProblemsZh(defs, { rotationQuota: 0.3, quotaScope: 'county' })).toEqual([]);
  });

  it("a refusal of the service reads in Chinese, naming each field, not 'Invalid body: 2 problem(s)'", async () => {
    const planId = (await t.app.inject({ method: 'GET', url: '/api/v1/plans', headers: auth() })).json().items[0].id;
    const overrides = { rotationQuota: 2, quotaScope: 'galaxy' };
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}`, headers: auth(), payload: { parameters: overrides } });
    expect(res.statusCode).toBe(400);
    const msg = parameterErrorZh(res.json(), defs, overrides)!;
    expect(msg.text).toBe('参数有误，未保存：交流比例：应在0%至100%之间；比例考核范围：应为以下之一：每所学校、全县');
    // a detail the page cannot check itself still names the field in Chinese, with the service's words
    const cross = parameterErrorZh({ details: [{ field: 'parameters.quotaStages[1]', message: 'must be one of: …' }] }, defs, {})!;
    expect(cross.text).toBe('参数有误，未保存：适用学段：must be one of: …');
    expect(parameterErrorZh({ details: [{ field: 'name', message: 'x' }] }, defs)).toBeNull();
  });
});
