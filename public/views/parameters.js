// The plan parameter editor (issue #20): one field per parameter definition GET /vocabulary serves —
// a percentage entered as %, an enumeration as labelled choices, a number with its bounds and unit.
// Its pure logic is parameters-logic.js (tested); this file only renders and reads the form. The
// fields are uncontrolled (defaultValue, defaultChecked): a refused save keeps what HR typed, to correct it.
import { html } from '/vendor/htm-preact.js';
import { parameterFields, parameterOverrides, parameterProblemsZh, parameterValue } from './parameters-logic.js';

/** The fields, inside the plan form; `values` are the plan's parameters in force. */
export function ParameterFields({ defs, values }) {
  return html`<div class="params">
    ${parameterFields(defs, values).map((f) => {
      const help = html`<p class="help" id=${`${f.id}-help`}>${f.help}</p>`;
      const name = `p-${f.name}`;
      if (f.kind === 'checkboxes')
        return html`<fieldset class="param" key=${f.name} id=${f.id} aria-describedby=${`${f.id}-help`}>
          <legend>${f.label}</legend>
          <div class="choices">
            ${f.options.map((o) => html`<label key=${o.code}><input type="checkbox" name=${name} value=${o.code} defaultChecked=${o.checked} /> ${o.label}</label>`)}
          </div>
          ${help}
        </fieldset>`;
      return html`<div class="param" key=${f.name}>
        <label for=${f.id}>${f.label}</label>
        ${
          f.kind === 'checkbox'
            ? html`<input id=${f.id} name=${name} type="checkbox" defaultChecked=${f.checked} aria-describedby=${`${f.id}-help`} />`
            : f.kind === 'select'
              ? html`<select id=${f.id} name=${name} aria-describedby=${`${f.id}-help`}>
                  ${f.options.map((o) => html`<option key=${o.code} value=${o.code} defaultSelected=${o.code === f.value}>${o.label}</option>`)}
                </select>`
              : html`<span class="with-unit"
                  ><input
                    id=${f.id}
                    name=${name}
                    type="number"
                    defaultValue=${f.value}
                    min=${f.min}
                    max=${f.max}
                    step=${f.step}
                    inputmode="decimal"
                    aria-describedby=${`${f.id}-help`}
                  />${f.unitZh ? html`<span class="unit">${f.unitZh}</span>` : ''}</span
                >`
        }
        ${help}
      </div>`;
    })}
  </div>`;
}

/** The overrides the form holds (only what differs from the defaults) and their problems in Chinese, each naming its field. */
export function readParameters(form, defs) {
  const values = {};
  for (const def of defs) {
    const name = `p-${def.name}`;
    if (def.type === 'enumList') {
      values[def.name] = parameterValue(
        def,
        [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((el) => el.value),
      );
      continue;
    }
    const el = form.elements[name];
    if (!el) continue;
    values[def.name] = parameterValue(def, el.type === 'checkbox' ? el.checked : el.value);
  }
  const overrides = parameterOverrides(defs, values);
  return { overrides, problems: parameterProblemsZh(defs, overrides) };
}
