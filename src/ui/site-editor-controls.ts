/** Form controls of the site editor (plain DOM). */
import { t, type MessageKey } from '../i18n/i18n.ts';
import { h } from './dom.ts';

/** A button with a dictionary label. */
export function button(key: MessageKey, cls: string, onClick: () => void, params?: Record<string, string>): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, t(key, params));
  b.addEventListener('click', onClick);
  return b;
}

export function textInput(): HTMLInputElement {
  return h('input', { type: 'text', autocomplete: 'off' });
}

/** Text, not type=number: "2,5" (Vietnamese decimal comma) and "abc" reach the rules of fields.ts. */
export function numberInput(): HTMLInputElement {
  return h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
}

/** A select of [value, text] options; a current value not among them is shown disabled (never selectable again). */
export function selectOf(options: readonly (readonly [string, string])[], current?: string, unknownText?: (v: string) => string): HTMLSelectElement {
  const s = h('select');
  const option = (text: string, value: string) => h('option', { value }, text);
  for (const [value, text] of options) s.append(option(text, value));
  if (current !== undefined && current !== '' && !options.some(([v]) => v === current) && unknownText) {
    const o = option(unknownText(current), current);
    o.disabled = true;
    s.append(o);
  }
  return s;
}
