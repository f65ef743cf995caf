/** Renders a status message of the store (a dictionary key with parameters, or a text as it is) in the current language. */
import { t } from '../i18n/i18n.ts';
import type { Msg } from '../app/state.ts';
import { labelText } from '../app/scenario-controller.ts';

export function msgText(m: Msg): string {
  if (!m) return '';
  if ('text' in m) return m.text;
  const labels = m.labels ? Object.fromEntries(Object.entries(m.labels).map(([k, v]) => [k, labelText(v)])) : {};
  return t(m.key, { ...m.params, ...labels });
}

/** Writes a message into an element (empty when null). */
export function renderMsg(el: HTMLElement, m: Msg): void {
  el.textContent = msgText(m);
}
