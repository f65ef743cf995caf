/**
 * The link budget at the pointer: the best server and the next two with every term, from the
 * scene of the coverage on the map (so it always matches the layer under the pointer), in the
 * cell's centre. Hidden off the map and while dragging or drawing.
 */
import type { AppContext } from '../../app/context.ts';
import { shownCarrier } from '../../app/state.ts';
import { pointReadoutLonLat, type PointReadout } from '../../core/coverage/readout.ts';
import { t } from '../../i18n/i18n.ts';
import { readoutHtml } from '../readout-view.ts';

export function mountReadout({ store }: AppContext, el: HTMLElement): { last: () => PointReadout | null } {
  let last: PointReadout | null = null;
  store.subscribe((s) => [s.hoverAt, s.coverage, s.lang, s.mode.kind, s.ui.carrierId] as const, ([at, cov, , mode]) => {
    if (!at || !cov || mode === 'dragging' || mode === 'drawing') {
      el.hidden = true;
      return;
    }
    last = pointReadoutLonLat(cov.scene, shownCarrier(store.get()), at[0], at[1], 'cell-centre');
    el.innerHTML = `<div class="readout-sub">${t('roTitle')}</div>${readoutHtml(last)}`;
    el.hidden = false;
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
  return { last: () => last };
}
