/**
 * The coverage controls: carrier, cell size, model, layer, opacity, legend classes, Compute and
 * Cancel, the progress bar, the boundary and basemap switches. They show the store and write
 * the UI settings; the controllers do the rest.
 */
import type { AppContext } from '../../app/context.ts';
import { setUi } from '../../app/context.ts';
import { isGroundLayerId, isLayerId, type ShownLayerId } from '../../core/coverage/layer-registry.ts';
import type { Carrier } from '../../core/scenario/scenario.ts';
import { t } from '../../i18n/i18n.ts';
import { carrierLabel } from '../../i18n/names.ts';
import { LAYER_STYLES, withEdges, type LayerStyle } from '../layer-styles.ts';
import type { AppState } from '../../app/state.ts';

/** A carrier as the carrier menu shows it, numbers in the current language (names.ts `carrierLabel`). */
export function carrierOptionLabel(c: Carrier): string {
  return carrierLabel(c);
}

/** The style of a layer with the user's legend classes. */
export function styleOf(s: AppState, layer: ShownLayerId): LayerStyle {
  const e = s.ui.legendEdges[layer];
  return (e && withEdges(LAYER_STYLES[layer], e)) || LAYER_STYLES[layer];
}

export function mountControls({ store, els, coverage }: AppContext): void {
  // Carriers of the scenario (labels follow the language).
  store.subscribe((s) => [s.scenario?.carriers, s.ui.carrierId, s.lang] as const, ([carriers, id]) => {
    if (!carriers) return;
    els.carrierSelect.replaceChildren(...carriers.map((c) => new Option(carrierOptionLabel(c), c.id)));
    els.carrierSelect.value = id && carriers.some((c) => c.id === id) ? id : (carriers[0]?.id ?? '');
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });
  els.carrierSelect.addEventListener('change', () => setUi(store, { carrierId: els.carrierSelect.value }));

  store.subscribe((s) => s.ui.cellSizeM, (v) => (els.cellSelect.value = String(v)), { immediate: true });
  els.cellSelect.addEventListener('change', () => setUi(store, { cellSizeM: Number(els.cellSelect.value) }));
  store.subscribe((s) => s.ui.modelOverride, (v) => (els.modelSelect.value = v ?? ''), { immediate: true });
  els.modelSelect.addEventListener('change', () => setUi(store, { modelOverride: els.modelSelect.value || null }));
  store.subscribe((s) => s.ui.layer, (v) => (els.layerSelect.value = v), { immediate: true });
  els.layerSelect.addEventListener('change', () => {
    const v = els.layerSelect.value;
    if (isLayerId(v) || isGroundLayerId(v)) setUi(store, { layer: v });
  });
  store.subscribe((s) => s.ui.opacity, (v) => (els.opacityInput.value = String(v)), { immediate: true });
  els.opacityInput.addEventListener('input', () => setUi(store, { opacity: Number(els.opacityInput.value) }));

  // Legend classes of the shown layer (empty and disabled for the best server).
  const showEdges = (s: AppState) => {
    const style = styleOf(s, s.ui.layer);
    els.legendEdges.disabled = !!style.categorical;
    els.legendEdges.value = style.categorical ? '' : style.edges.join('; ');
    els.legendEdgesError.hidden = true;
    els.legendEdges.setAttribute('aria-invalid', 'false');
  };
  store.subscribe((s) => [s.ui.layer, s.ui.legendEdges, s.lang] as const, () => showEdges(store.get()), { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });
  els.legendEdges.addEventListener('change', () => {
    const s = store.get();
    const edges = els.legendEdges.value.replace(/[−–]/g, '-').split(/[;\s]+/).filter(Boolean).map((x) => Number(x.replace(',', '.')));
    if (!withEdges(LAYER_STYLES[s.ui.layer], edges)) {
      els.legendEdges.setAttribute('aria-invalid', 'true');
      els.legendEdgesError.textContent = t('legendEdgesInvalid');
      els.legendEdgesError.hidden = false;
      return;
    }
    setUi(store, { legendEdges: { ...s.ui.legendEdges, [s.ui.layer]: edges } });
  });
  els.legendEdgesReset.addEventListener('click', () => {
    const s = store.get();
    const next = { ...s.ui.legendEdges };
    delete next[s.ui.layer];
    setUi(store, { legendEdges: next });
  });

  // Compute, Cancel and the progress bar.
  els.computeButton.addEventListener('click', () => coverage.recompute());
  els.cancelButton.addEventListener('click', () => coverage.cancel());
  store.subscribe((s) => s.job, (job) => {
    els.cancelButton.disabled = job.phase !== 'computing';
    els.progress.value = job.total ? job.done / job.total : 0;
  }, { immediate: true });

  for (const r of els.boundaryRadios) r.addEventListener('change', () => r.checked && setUi(store, { boundaryKind: r.value as AppState['ui']['boundaryKind'] }));
  for (const r of els.basemapRadios) r.addEventListener('change', () => r.checked && setUi(store, { basemap: r.value as AppState['ui']['basemap'] }));
  store.subscribe((s) => s.boundaries, (b) => {
    for (const r of els.boundaryRadios) if (r.value === 'districts') r.disabled = !b;
  });
}
