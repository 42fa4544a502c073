// Types of public/views/parameters-logic.js for the tests.
export interface ParameterDef {
  name: string;
  type: 'number' | 'boolean' | 'enum' | 'enumList';
  default: unknown;
  zh: string;
  help: string;
  unit?: string;
  unitZh?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  lessThan?: string[];
  options?: { code: string; zh: string }[];
  minItems?: number;
}
export interface ParameterField {
  name: string;
  id: string;
  label: string;
  help: string;
  kind: 'number' | 'checkbox' | 'select' | 'checkboxes' | 'text';
  value?: string;
  checked?: boolean;
  unitZh?: string;
  min?: number;
  max?: number;
  step?: string;
  options?: { code: string; label: string; checked?: boolean }[];
}
export function toPercent(share: number): number;
export function toShare(percent: number): number;
export function formatParameter(def: ParameterDef, v: unknown): string;
export function parameterFields(defs: ParameterDef[], values?: Record<string, unknown>): ParameterField[];
export function parameterValue(def: ParameterDef, raw: unknown): unknown;
export function parameterOverrides(defs: ParameterDef[], values: Record<string, unknown>): Record<string, unknown>;
export function parameterProblemsZh(defs: ParameterDef[], overrides: Record<string, unknown>): { name: string; field: string; text: string }[];
export function parameterErrorZh(
  err: { details?: { field?: string; message?: string }[]; message?: string } | null | undefined,
  defs: ParameterDef[],
  overrides?: Record<string, unknown>,
): { text: string; detail: string } | null;
