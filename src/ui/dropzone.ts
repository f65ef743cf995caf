/**
 * Shown when the Vĩnh Long boundary files are missing: the user drops (or picks) any commune
 * boundary GeoJSON, chooses the property holding the name, and the app carries on with it.
 * A bad file is reported with its name and reason; nothing is replaced until a file parses.
 */
import type { FeatureCollection } from 'geojson';
import { parseBoundaryGeoJson } from '../core/boundaries/boundaries.ts';
import { t } from '../i18n/i18n.ts';

export function installDropZone(el: HTMLElement, missingFile: string, reason: string, onUse: (fc: FeatureCollection, nameProperty: string) => void): void {
  el.hidden = false;
  el.innerHTML = `
    <h2 data-i18n="noBoundaryTitle">${t('noBoundaryTitle')}</h2>
    <p id="dz-text"></p>
    <label class="row"><input type="file" id="dz-file" accept=".geojson,.json,application/geo+json,application/json"></label>
    <div class="errors" id="dz-error" hidden></div>
    <div id="dz-choose" hidden>
      <label><span data-i18n="nameProperty">${t('nameProperty')}</span> <select id="dz-prop"></select></label>
      <button id="dz-use" data-i18n="useFile">${t('useFile')}</button>
    </div>`;
  (el.querySelector('#dz-text') as HTMLElement).textContent = t('noBoundaryText', { file: missingFile, reason });
  const input = el.querySelector('#dz-file') as HTMLInputElement;
  const errBox = el.querySelector('#dz-error') as HTMLElement;
  const choose = el.querySelector('#dz-choose') as HTMLElement;
  const propSelect = el.querySelector('#dz-prop') as HTMLSelectElement;
  let parsed: FeatureCollection | null = null;

  async function read(file: File): Promise<void> {
    errBox.hidden = true;
    choose.hidden = true;
    parsed = null;
    try {
      const r = parseBoundaryGeoJson(await file.text(), file.name);
      parsed = { type: 'FeatureCollection', features: r.features };
      const props = r.commonProperties;
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
  (el.querySelector('#dz-use') as HTMLButtonElement).addEventListener('click', () => {
    if (!parsed) return;
    el.hidden = true;
    onUse(parsed, propSelect.value);
  });
}
