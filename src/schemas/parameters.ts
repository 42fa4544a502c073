import { z } from 'zod';
import {
  crossFieldProblems,
  PARAMETER_DEFAULTS,
  PARAMETER_NAMES,
  PARAMETERS,
  parameterDefinition,
  type ParameterDefinition,
  type ParameterName,
  valueProblem,
} from '../../solver/parameters.js';

/**
 * The API's schema of a plan's parameter overrides, derived from the one definition of each
 * parameter (solver/parameters.ts, issue #20): a known name, the definition's type, bounds, whole
 * number and options, then its cross-field rules over the parameters in force (the defaults with the
 * overrides). A bad value or combination is a 400 whose `details` name `parameters.<name>`, before
 * anything is written or solved (issue #18 point 6).
 */
const codes = (d: { options: readonly { code: string }[] }) => d.options.map((o) => o.code) as [string, ...string[]];

function fieldSchema(d: ParameterDefinition): z.ZodType {
  const about = `${d.en} (${d.zh}; default ${JSON.stringify(d.default)})`;
  switch (d.type) {
    case 'number': {
      const share = d.unit === 'percent';
      const range = share ? `between ${d.min} and ${d.max} (a share: 0.1 is 10 %)` : `between ${d.min} and ${d.max}`;
      let n = z.number({ error: 'must be a number' });
      if (d.integer) n = n.int({ error: 'must be a whole number' });
      return n
        .min(d.min, { error: `must be ${range}` })
        .max(d.max, { error: `must be ${range}` })
        .describe(`${about}; ${share ? 'a share 0..1, shown as %' : `unit ${d.unit}`}`);
    }
    case 'boolean':
      return z.boolean({ error: 'must be true or false' }).describe(about);
    case 'enum':
      return z.enum(codes(d), { error: `must be one of: ${codes(d).join(', ')}` }).describe(about);
    case 'enumList':
      return z
        .array(z.enum(codes(d), { error: `must be one of: ${codes(d).join(', ')}` }), { error: `must be a list of: ${codes(d).join(', ')}` })
        .min(d.minItems, { error: `must name at least ${d.minItems}` })
        .max(d.options.length, { error: 'lists a code more than once' })
        .refine((v) => new Set(v).size === v.length, { error: 'lists a code more than once' })
        .describe(about);
  }
}

const KNOWN = `unknown parameter; known: ${PARAMETER_NAMES.join(', ')}`;

/** Overrides of the model's parameters (docs/model.md): each one optional, unknown names refused by name. */
export const ParametersSchema = z
  .looseObject(
    Object.fromEntries(PARAMETER_NAMES.map((name) => [name, fieldSchema(PARAMETERS[name]).optional()])) as Record<ParameterName, z.ZodOptional<z.ZodType>>,
  )
  .superRefine(
    (overrides, ctx) => {
      // each unknown name is an issue at its own path, so the answer names parameters.<name> (a strict object files them all under parameters)
      const unknown = Object.keys(overrides).filter((k) => !parameterDefinition(k));
      for (const name of unknown.slice(0, 10)) ctx.addIssue({ code: 'custom', path: [name], message: KNOWN });
      // the cross-field rules read the values in force: only once every given value is valid on its own
      if (unknown.length || Object.entries(overrides).some(([k, v]) => valueProblem(PARAMETERS[k as ParameterName], v))) return;
      for (const p of crossFieldProblems({ ...PARAMETER_DEFAULTS, ...overrides }, new Set(Object.keys(overrides)))) {
        ctx.addIssue({ code: 'custom', path: [p.name], message: p.message });
      }
      // run beside the fields' own issues (an unknown name is reported with a mistyped one), on any object
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  )
  .describe('overrides of the model parameters (GET /vocabulary `parameters`); a name left out takes its default');
