import { z } from 'zod';
import { rulesReading } from '../../../solver/index.js';
import { PARAMETER_NAMES, PARAMETER_TYPES, PARAMETER_UNIT_ZH, PARAMETER_UNITS, PARAMETERS, type ParameterDefinition } from '../../../solver/parameters.js';

/**
 * GET /vocabulary's parameter part: each parameter's one definition (solver/parameters.ts) as the
 * page's editor needs it — type, default, bounds, unit, options with their Chinese labels, the
 * Chinese name and help, the rules it comes from and its cross-field rules. Nothing is added here.
 */
export const ParameterVocabularySchema = z.object({
  name: z.string(),
  type: z.enum(PARAMETER_TYPES).describe('number; boolean; enum: one code of `options`; enumList: codes of `options`, each once, at least `minItems`'),
  default: z.unknown(),
  zh: z.string().describe('the Chinese name the page labels the field with'),
  help: z.string().describe('what changing it does, in Chinese'),
  en: z.string().describe('what it means, in English'),
  policy: z.array(z.string()).describe('the policy rules (R01…) and spec questions (Q…) it comes from'),
  modelRules: z.array(z.string()).describe("the model's rules (H1…, S1…, docs/rules.md) whose modules read it"),
  unit: z
    .enum(PARAMETER_UNITS)
    .optional()
    .describe('numbers: `percent` is stored as a share 0..1 (min and max too) and entered and shown as a percentage; the others name what is counted'),
  unitZh: z.string().optional().describe('the unit as the page writes it after the number (%, 年, 公里, …)'),
  min: z.number().optional().describe('numbers: the smallest value accepted (inclusive, in the stored unit)'),
  max: z.number().optional().describe('numbers: the largest value accepted (inclusive, in the stored unit)'),
  integer: z.boolean().optional().describe('numbers: whole numbers only'),
  lessThan: z.array(z.string()).optional().describe("numbers: cross-field rule, the value must stay below each of these parameters' values"),
  options: z
    .array(z.object({ code: z.string(), zh: z.string() }))
    .optional()
    .describe('enum and enumList: the codes accepted, each with its Chinese label'),
  minItems: z.number().int().optional().describe('enumList: the fewest codes accepted'),
});
export type ParameterVocabulary = z.infer<typeof ParameterVocabularySchema>;

function entry(name: string, d: ParameterDefinition): ParameterVocabulary {
  const base = { name, type: d.type, default: d.default, zh: d.zh, help: d.help, en: d.en, policy: [...d.policy], modelRules: rulesReading(name) };
  switch (d.type) {
    case 'number':
      return {
        ...base,
        unit: d.unit,
        unitZh: PARAMETER_UNIT_ZH[d.unit],
        min: d.min,
        max: d.max,
        integer: d.integer,
        ...(d.lessThan ? { lessThan: [...d.lessThan] } : {}),
      };
    case 'boolean':
      return base;
    case 'enum':
      return { ...base, options: d.options.map((o) => ({ ...o })) };
    case 'enumList':
      return { ...base, default: [...d.default], options: d.options.map((o) => ({ ...o })), minItems: d.minItems };
  }
}

/** The parameters in the definitions' order. */
export function parameterVocabulary(): ParameterVocabulary[] {
  return PARAMETER_NAMES.map((name) => entry(name, PARAMETERS[name]));
}
