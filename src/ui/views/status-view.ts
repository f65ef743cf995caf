/**
 * The status lines, the model-validity warnings, the error box, the network summary and sample
 * banner, and the undo / redo buttons: all rendered from the store, again on a language change.
 */
import type { AppContext } from '../../app/context.ts';
import { labelText } from '../../app/scenario-controller.ts';
import { t } from '../../i18n/i18n.ts';
import { scenarioTitle } from '../../i18n/names.ts';
import { sceneValidityText } from '../../i18n/validity.ts';
import { h } from '../dom.ts';
import { msgText, renderMsg } from '../msg.ts';

export function mountStatus({ store, els, scenarios }: AppContext): void {
  const lines = [['coverage', els.status], ['scenario', els.scenarioStatus], ['export', els.exportStatus], ['pn', els.pnStatus]] as const;
  for (const [which, el] of lines) {
    store.subscribe((s) => [s.status[which], s.lang] as const, ([m]) => renderMsg(el, m), { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
  }

  // Validity problems of the scene's models, worded in the current language, folded under one line (the panel stays on a 1366×768 screen).
  store.subscribe((s) => [s.warnings, s.lang] as const, ([warnings]) => {
    const el = els.modelWarnings;
    el.hidden = warnings.length === 0;
    el.replaceChildren();
    if (!warnings.length) return;
    el.append(h('details', {}, h('summary', {}, `${t('validityWarnings')} ${warnings.length}`), h('ul', {}, ...warnings.map((w) => h('li', { 'data-model': w.modelId }, sceneValidityText(w))))));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });

  store.subscribe((s) => [s.errors, s.lang] as const, ([errors]) => {
    els.errors.hidden = errors.length === 0;
    els.errors.replaceChildren(...errors.map((e) => h('div', {}, h('strong', {}, msgText(e.title)), h('ul', {}, ...e.messages.map((m) => h('li', {}, m))))));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });

  store.subscribe((s) => [s.scenario, s.lang] as const, ([scenario]) => {
    if (!scenario) return;
    // Sectors of every carrier here; the status line of the computation counts the carrier shown.
    const sectors = scenario.sites.reduce((a, x) => a + x.sectors.length, 0);
    const counts = { name: scenarioTitle(scenario), n: scenario.sites.length, m: sectors, c: new Set(scenario.sites.flatMap((x) => x.sectors.map((k) => k.carrierId))).size };
    els.networkSummary.textContent = t('networkSummary', counts);
    els.networkSummary.title = t('networkSummaryTitle', counts);
    els.banner.hidden = !scenario.sample;
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });

  store.subscribe((s) => [s.history, s.lang] as const, ([hist]) => {
    els.undoButton.disabled = !hist.canUndo;
    els.redoButton.disabled = !hist.canRedo;
    els.undoButton.title = hist.undoLabel ? t('undoWhat', { what: labelText(hist.undoLabel) }) : '';
    els.redoButton.title = hist.redoLabel ? t('redoWhat', { what: labelText(hist.redoLabel) }) : '';
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
  els.undoButton.addEventListener('click', () => scenarios.undo());
  els.redoButton.addEventListener('click', () => scenarios.redo());
}
