/**
 * Shown when the Vĩnh Long boundary files are missing: the user drops (or picks) any commune
 * boundary GeoJSON, chooses the property holding the name, and the app carries on with it.
 * A bad file is reported with its name and reason; nothing is replaced until a file parses.
 */
import type { FeatureCollection } from 'geojson';
import { parseBoundaryGeoJson } from '../core/boundaries/boundaries.ts';
import { t } from '../i18n/i18n.ts';
import { h } from './dom.ts';

export function installDropZone(el: HTMLElement, missingFile: string, reason: string, onUse: (fc: FeatureCollection, nameProperty: string) => void): void {
  el.hidden = false;
  const input = h('input', { type: 'file', id: 'dz-file', accept: '.geojson,.json,application/geo+json,application/json' });
  const errBox = h('div', { class: 'errors', id: 'dz-error' });
  errBox.hidden = true;
  const propSelect = h('select', { id: 'dz-prop' });
  const useButton = h('button', { id: 'dz-use', 'data-i18n': 'useFile' }, t('useFile'));
  const choose = h('div', { id: 'dz-choose' }, h('label', {}, h('span', { 'data-i18n': 'nameProperty' }, t('nameProperty')), ' ', propSelect), useButton);
  choose.hidden = true;
  el.replaceChildren(
    h('h2', { 'data-i18n': 'noBoundaryTitle' }, t('noBoundaryTitle')),
    h('p', { id: 'dz-text' }, t('noBoundaryText', { file: missingFile, reason })),
    h('label', { class: 'row' }, input), errBox, choose,
  );
  let parsed: FeatureCollection | null = null;

  async function read(file: File): Promise<void> {
    errBox.hidden = true;
    choose.hidden = true;
    parsed = null;
    try {
      const r = parseBoundaryGeoJson(await file.text(), file.name);
      if (r.nameProblem) {
        // No property can name the areas: nothing to offer, the file is refused as it is.
        errBox.hidden = false;
        errBox.textContent = r.nameProblem;
        return;
      }
      parsed = { type: 'FeatureCollection', features: r.features };
      const props = r.nameProperties;
      propSelect.replaceChildren(...props.map((p) => new Option(`${p} — ${String(r.features[0].properties[p]).slice(0, 40)}`, p)));
      const guess = props.find((p) => /^(name|ten|ten_xa|name_vi|NAME_3)$/i.test(p));
      if (guess) propSelect.value = guess;
      choose.hidden = false;
      if (r.problems.length) {
        errBox.hidden = false;
        errBox.textContent = r.problems.slice(0, 10).join('\n');
      }
    } catch (e) {
      errBox.hidden = false;
      errBox.textContent = (e as Error).message;
    }
  }
  input.addEventListener('change', () => input.files?.[0] && void read(input.files[0]));
  el.addEventListener('dragover', (e) => e.preventDefault());
  el.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void read(f);
  });
  useButton.addEventListener('click', () => {
    if (!parsed) return;
    el.hidden = true;
    onUse(parsed, propSelect.value);
  });
}
