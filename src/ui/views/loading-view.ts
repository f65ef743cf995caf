/**
 * Feedback from the first frame: the map's loading card (its first words are in index.html,
 * shown before any script runs) says what is happening until the first coverage is drawn —
 * the boundaries, the scenario, the ground of the grid, the computation with its progress —
 * and a first-run hint says what to do first (dismissed once, remembered).
 */
import type { AppContext } from '../../app/context.ts';
import type { AppState } from '../../app/state.ts';
import { formatNumber, t } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';

const HINT_KEY = 'phusong-hint-dismissed';

/** The loading card's text for a state, or null once the first coverage is on the map. */
export function loadingText(s: AppState): string | null {
  if (s.coverage) return null;
  if (!s.boundaries) return t('loadingBoundaries');
  if (!s.ready) return t('loadingScenario');
  if (s.job.phase === 'computing' && s.job.total > 0) return t('loadingCoverage', { pct: formatNumber((100 * s.job.done) / s.job.total, 0) });
  if (s.job.phase === 'failed' || s.job.phase === 'cancelled') return null;
  if (!s.ground && !s.groundFailedKey) return t('loadingGround');
  return t('loadingCoverageStart');
}

function hintDismissed(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function mountLoading({ store }: AppContext, card: HTMLElement, text: HTMLElement, hintRoot: HTMLElement, dropzone: HTMLElement): void {
  const render = () => {
    // The boundary drop zone replaces the card when the boundary files cannot be read.
    const words = dropzone.hidden ? loadingText(store.get()) : null;
    card.hidden = words === null;
    if (words !== null) text.textContent = words;
  };
  store.subscribe((s) => [s.coverage === null, s.boundaries === null, s.ready, s.job, s.ground === null, s.groundFailedKey, s.lang] as const, render, { equals: (a, b) => a.every((x, i) => x === b[i]), immediate: true });
  new MutationObserver(render).observe(dropzone, { attributes: true, attributeFilter: ['hidden'] });

  if (hintDismissed()) return;
  let open = true;
  const close = h('button', { class: 'secondary small', id: 'first-run-close' });
  close.addEventListener('click', () => {
    open = false;
    hintRoot.replaceChildren();
    try {
      localStorage.setItem(HINT_KEY, '1');
    } catch {
      // Not remembered: it shows again next time.
    }
  });
  store.subscribe((s) => s.lang, () => {
    if (!open) return;
    close.textContent = t('hintClose');
    hintRoot.replaceChildren(h('strong', {}, t('hintTitle')), ' ', t('hintText'), ' ', close);
  }, { immediate: true });
}
