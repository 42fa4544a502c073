// The plan parameter editor's pure logic (no DOM, no preact): every field, its choices, its unit and
// its checks come from the parameter definitions GET /vocabulary serves (solver/parameters.ts, issue
// #20), so a parameter is defined once. Tested in test/web/parameters.test.ts.

/** A share shown as a percentage and back, without binary noise (0.07 × 100 = 7.000000000000001). */
const clean = (x) => Number(x.toPrecision(12));
export const toPercent = (share) => clean(share * 100);
export const toShare = (percent) => clean(percent / 100);

const isPercent = (def) => def.type === 'number' && def.unit === 'percent';
const optionZh = (def, code) => def.options?.find((o) => o.code === code)?.zh ?? code;

/** A stored value as the page writes it: 10%, 3年, 每所学校, 小学、初中、九年一贯制, 是/否. */
export function formatParameter(def, v) {
  switch (def.type) {
    case 'number':
      if (typeof v !== 'number') return String(v);
      return isPercent(def) ? `${toPercent(v)}%` : `${v}${def.unitZh ?? ''}`;
    case 'boolean':
      return v ? '是' : '否';
    case 'enum':
      return optionZh(def, v);
    case 'enumList':
      return Array.isArray(v) ? (v.length ? v.map((c) => optionZh(def, c)).join('、') : '无') : String(v);
    default:
      return String(v);
  }
}

/**
 * The editor's fields, one per definition, in the vocabulary's order, with the plan's values in force.
 * kind: number (an input with bounds and unit; a percentage entered as %), checkbox (yes/no),
 * select (an enumeration), checkboxes (a set of an enumeration's codes).
 */
export function parameterFields(defs, values = {}) {
  return defs.map((def) => {
    const v = values[def.name] ?? def.default;
    const field = {
      name: def.name,
      id: `param-${def.name}`,
      label: def.zh,
      help: `${def.help}（参数 ${def.name}，默认 ${formatParameter(def, def.default)}）`,
    };
    switch (def.type) {
      case 'number': {
        const pct = isPercent(def);
        return {
          ...field,
          kind: 'number',
          value: typeof v === 'number' ? String(pct ? toPercent(v) : v) : '',
          unitZh: def.unitZh ?? '',
          min: pct ? toPercent(def.min) : def.min,
          max: pct ? toPercent(def.max) : def.max,
          step: def.integer ? '1' : 'any',
        };
      }
      case 'boolean':
        return { ...field, kind: 'checkbox', checked: v === true };
      case 'enum':
        return { ...field, kind: 'select', value: v, options: def.options.map((o) => ({ code: o.code, label: o.zh })) };
      case 'enumList': {
        const chosen = Array.isArray(v) ? v : [];
        return { ...field, kind: 'checkboxes', options: def.options.map((o) => ({ code: o.code, label: o.zh, checked: chosen.includes(o.code) })) };
      }
      default:
        return { ...field, kind: 'text', value: String(v) };
    }
  });
}

/**
 * What a field holds, as the value to store: the text of a number input (a percentage back to a
 * share; NaN when it is no number), the code of a select, the checked state of a checkbox, the
 * checked codes of a set (in the definition's order).
 */
export function parameterValue(def, raw) {
  switch (def.type) {
    case 'number': {
      const t = String(raw)
        .trim()
        .replace(/[%％]$/, '')
        .trim();
      const n = t === '' ? Number.NaN : Number(t);
      return isPercent(def) && Number.isFinite(n) ? toShare(n) : n;
    }
    case 'boolean':
      return raw === true || raw === 'true';
    case 'enum':
      return String(raw);
    case 'enumList': {
      const chosen = new Set(Array.isArray(raw) ? raw : []);
      return def.options.map((o) => o.code).filter((c) => chosen.has(c));
    }
    default:
      return raw;
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The overrides to save: only the values that differ from their defaults (a plan stores what HR changed). */
export function parameterOverrides(defs, values) {
  const out = {};
  for (const def of defs) if (def.name in values && !same(values[def.name], def.default)) out[def.name] = values[def.name];
  return out;
}

/** Why one value breaks its own definition, in Chinese, or null. */
function valueProblemZh(def, v) {
  switch (def.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return '应为数字';
      if (def.integer && !Number.isInteger(v)) return '应为整数';
      if (v < def.min || v > def.max) return `应在${formatParameter(def, def.min)}至${formatParameter(def, def.max)}之间`;
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : '应为是或否';
    case 'enum':
      return def.options.some((o) => o.code === v) ? null : `应为以下之一：${def.options.map((o) => o.zh).join('、')}`;
    case 'enumList': {
      if (!Array.isArray(v)) return '应为选项列表';
      if (v.some((c) => !def.options.some((o) => o.code === c))) return '含有不在可选范围内的项';
      if (new Set(v).size !== v.length) return '有重复的项';
      if (v.length < (def.minItems ?? 0)) return `至少选择${def.minItems}项`;
      return null;
    }
    default:
      return null;
  }
}

/**
 * The same checks the service makes (solver/parameters.ts), in Chinese, each naming its field: a
 * value against its definition, then the cross-field rules (`lessThan`) over the values in force.
 * `overrides` are what HR changed; a cross-field problem is filed under the parameter HR changed.
 */
export function parameterProblemsZh(defs, overrides) {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const problems = [];
  const push = (name, why) => problems.push({ name, field: `parameters.${name}`, text: `${byName.get(name)?.zh ?? name}：${why}` });
  for (const [name, v] of Object.entries(overrides)) {
    const def = byName.get(name);
    const why = def ? valueProblemZh(def, v) : '不是已知参数';
    if (why) push(name, why);
  }
  if (problems.length) return problems;
  const p = Object.fromEntries(defs.map((d) => [d.name, d.name in overrides ? overrides[d.name] : d.default]));
  // per parameter only the strictest bound it breaks, as the service files it
  const worst = new Map();
  for (const def of defs) {
    for (const other of def.lessThan ?? []) {
      const a = p[def.name];
      const b = p[other];
      if (typeof a !== 'number' || typeof b !== 'number' || a < b) continue;
      const flip = other in overrides && !(def.name in overrides);
      const [name, than, value, above] = flip ? [other, def.name, a, true] : [def.name, other, b, false];
      const was = worst.get(name);
      if (!was || (above ? value > was.value : value < was.value)) worst.set(name, { than, value, above });
    }
  }
  for (const [name, w] of worst) {
    const than = byName.get(w.than);
    push(name, `应${w.above ? '大于' : '小于'}${than?.zh ?? w.than}（${than ? formatParameter(than, w.value) : w.value}）`);
  }
  return problems;
}

/**
 * A refused save in Chinese, naming each parameter the answer's `details` name (`parameters.<name>`,
 * `parameters.quotaStages[1]`): why in Chinese where the page's own check finds it, else the service's
 * words. Null when the error is not about parameters (the caller words it).
 */
export function parameterErrorZh(err, defs, overrides = {}) {
  const details = Array.isArray(err?.details) ? err.details : [];
  const names = [...new Set(details.map((d) => /^parameters\.([A-Za-z0-9_]+)/.exec(String(d.field ?? ''))?.[1]).filter(Boolean))];
  if (!names.length) return null;
  const byName = new Map(defs.map((d) => [d.name, d]));
  const ours = new Map(parameterProblemsZh(defs, overrides).map((p) => [p.name, p.text]));
  const lines = names.map((name) => {
    if (ours.has(name)) return ours.get(name);
    const said = details.filter((d) => String(d.field).startsWith(`parameters.${name}`)).map((d) => d.message);
    return `${byName.get(name)?.zh ?? name}：${said.join('；')}`;
  });
  return { text: `参数有误，未保存：${lines.join('；')}`, detail: err?.message ?? '' };
}
