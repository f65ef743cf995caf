/**
 * The terrain-aware prediction control (issue 12): the choice (off, ITM, the sector's model +
 * Bullington or Deygout diffraction), which the coverage controller reconciles like the model
 * choice; a line saying whether it applies (it needs a DEM) and the ITM validity warnings of
 * the terrain maps of the coverage on the map, per site and frequency, in the current language.
 * Built with h() and textContent.
 */
import type { AppContext } from '../../app/context.ts';
import { setUi } from '../../app/context.ts';
import type { AppState } from '../../app/state.ts';
import { ITM_WARNING_BITS, type TerrainReport } from '../../core/coverage/terrain-loss-report.ts';
import type { TerrainDiffraction, TerrainMode } from '../../core/coverage/terrain-loss.ts';
import { formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';

/** The select's value for a mode and diffraction method, and back. */
export function terrainChoiceOf(mode: TerrainMode, diffraction: TerrainDiffraction): string {
  return mode === 'empirical-diffraction' ? diffraction : mode;
}

export function terrainOptionsOf(choice: string): { terrain: TerrainMode; terrainDiffraction: TerrainDiffraction } {
  if (choice === 'itm') return { terrain: 'itm', terrainDiffraction: 'bullington' };
  if (choice === 'bullington' || choice === 'deygout') return { terrain: 'empirical-diffraction', terrainDiffraction: choice };
  return { terrain: 'off', terrainDiffraction: 'bullington' };
}

const MODE_KEYS: Record<string, MessageKey> = { itm: 'terrainItm', bullington: 'terrainBullington', deygout: 'terrainDeygout' };

/** The warnings of a report in the current language, one line per map with a warning or an error. */
export function terrainWarningLines(r: TerrainReport): string[] {
  const out: string[] = [];
  for (const it of r.items) {
    const base = { site: it.siteId, sectors: it.sectorIds.join(', '), freq: formatNumber(it.freqMHz, 1), height: formatNumber(it.heightM, 1) };
    if (it.error) {
      out.push(t('terrainErrorLine', { ...base, error: it.error }));
      continue;
    }
    if (it.warnings === 0) continue;
    const what = ITM_WARNING_BITS.filter((b) => (it.warnings & b) !== 0).map((b) => t(`itmWarn${b.toString(16).padStart(4, '0')}` as MessageKey)).join('; ');
    out.push(t('terrainWarningLine', { ...base, n: it.warnedCells, cells: it.cells, what }));
  }
  return out;
}

export function mountTerrain({ store }: Pick<AppContext, 'store'>): void {
  const select = document.getElementById('terrain') as HTMLSelectElement;
  const status = document.getElementById('terrain-status') as HTMLElement;
  store.subscribe((s) => [s.ui.terrain, s.ui.terrainDiffraction] as const, ([m, d]) => (select.value = terrainChoiceOf(m ?? 'off', d ?? 'bullington')), {
    equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true,
  });
  select.addEventListener('change', () => setUi(store, terrainOptionsOf(select.value)));
  const render = (s: AppState) => {
    const choice = terrainChoiceOf(s.ui.terrain ?? 'off', s.ui.terrainDiffraction ?? 'bullington');
    status.replaceChildren();
    if (choice === 'off') return;
    if (!s.ground?.dem) {
      status.append(h('p', { class: 'note', id: 'terrain-needs-dem' }, t('terrainNeedsDem')));
      return;
    }
    const r = s.terrain;
    if (!r || !s.coverage || s.coverage.scene.options.terrain === 'off') return;
    const km = s.coverage.scene.options.terrainRangeM / 1000;
    status.append(h('p', { class: 'note', id: 'terrain-on' }, t('terrainOn', { mode: t(MODE_KEYS[choice]), km: formatNumber(km, 1), maps: r.items.length + r.unknown })));
    const lines = terrainWarningLines(r);
    if (lines.length) {
      status.append(h('details', { class: 'warnings', id: 'terrain-warnings' }, h('summary', {}, `${t('terrainWarnings')} ${lines.length}`), h('ul', {}, ...lines.map((l) => h('li', {}, l)))));
    }
  };
  store.subscribe((s) => [s.ui.terrain, s.ui.terrainDiffraction, s.ground, s.terrain, s.coverage, s.lang] as const, () => render(store.get()), {
    equals: (a, b) => a.every((x, i) => x === b[i]), immediate: true,
  });
}
