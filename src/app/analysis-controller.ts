/**
 * Everything computed from the coverage on the map: commune statistics, gaps, private-network
 * figures, the distribution of the shown layer, a commune's RSRP values. Each follows the
 * coverage sequence number and its own inputs; a newer input aborts the older request, and a
 * result is stored tagged with the sequence it was computed for, so a view can never show
 * figures older than the map (state.ts `isCurrent`).
 */
import type { Compute } from '../compute/facade.ts';
import { isAborted } from '../compute/facade.ts';
import { privateNetworkCarrierId } from '../core/scenario/scenario.ts';
import { PRIVATE_NETWORK_THRESHOLDS, type PrivateNetworkFigures } from '../core/export/contract.ts';
import { isLayerId, layerDef } from '../core/coverage/layer-registry.ts';
import { msg, shownCarrier, type AppState, type Derived } from './state.ts';
import type { Store } from './store.ts';
import { t } from '../i18n/i18n.ts';

/** Gap threshold and smallest gap (the CLI's defaults). */
export const GAP_THRESHOLD_DBM = -110;
export const GAP_MIN_AREA_KM2 = 0.05;

type DerivedKey = keyof AppState['derived'];

export class AnalysisController {
  private readonly aborts = new Map<DerivedKey, AbortController>();
  /** Requests in flight (tests and benchmarks wait for an idle app). */
  private inflight = new Set<Promise<unknown>>();

  constructor(private readonly store: Store<AppState>, private readonly compute: Compute) {
    const seqOf = (s: AppState) => s.coverage?.seq ?? -1;
    store.subscribe((s) => `${seqOf(s)}|${JSON.stringify(s.ui.statsOptions)}|${s.boundaries ? 1 : 0}`, () => {
      this.run('stats', (s, signal) => this.stats(s, signal));
      this.run('gaps', (s, signal) => this.gaps(s, signal));
    });
    store.subscribe((s) => [seqOf(s), s.scenario?.privateNetworks] as const, () => this.run('privateNetworks', (s, signal) => this.privateNetworks(s, signal)), {
      equals: (a, b) => a[0] === b[0] && a[1] === b[1],
    });
    store.subscribe((s) => `${seqOf(s)}|${s.ui.layer}|${s.focus?.index ?? -1}`, () => this.run('distribution', (s, signal) => this.distribution(s, signal)));
    store.subscribe((s) => `${seqOf(s)}|${s.focus?.index ?? -1}`, () => this.run('communeValues', (s, signal) => this.communeValues(s, signal)));
  }

  get isIdle(): boolean {
    return this.inflight.size === 0;
  }

  /** Resolves when every request in flight has settled. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private run<K extends DerivedKey>(key: K, fn: (s: AppState, signal: AbortSignal) => Promise<NonNullable<AppState['derived'][K]> | null>): void {
    this.aborts.get(key)?.abort();
    const s = this.store.get();
    if (!s.coverage || !s.boundaries) return;
    const abort = new AbortController();
    this.aborts.set(key, abort);
    const p = fn(s, abort.signal).then((value) => {
      if (abort.signal.aborted) return;
      this.store.set((st) => ({ derived: { ...st.derived, [key]: value } }));
    }, (e: unknown) => {
      if (abort.signal.aborted || isAborted(e)) return;
      const text = e instanceof Error ? e.message : String(e);
      this.store.set((st) => ({ errors: [...st.errors, { title: msg('errors'), messages: [text] }] }));
    }).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  private async stats(s: AppState, signal: AbortSignal): Promise<AppState['derived']['stats']> {
    const cov = s.coverage!;
    const value = await this.compute.communeStats(cov.version, shownCarrier(s), s.boundaries!.communeSource, s.ui.statsOptions, signal);
    return { seq: cov.seq, key: JSON.stringify(s.ui.statsOptions), value };
  }

  private async gaps(s: AppState, signal: AbortSignal): Promise<AppState['derived']['gaps']> {
    const cov = s.coverage!;
    const carrierId = cov.scene.carriers[shownCarrier(s)]?.id;
    // A private carrier serves its campus only: province-wide gaps of it would be the whole province.
    if (cov.scenario.privateNetworks.some((pn) => privateNetworkCarrierId(cov.scenario, pn.id) === carrierId)) {
      return { seq: cov.seq, key: 'private', value: { type: 'FeatureCollection', features: [] } };
    }
    const sites = cov.scenario.sites.map((x) => ({ id: x.id, lonDeg: x.lonDeg, latDeg: x.latDeg }));
    const value = await this.compute.gaps(cov.version, shownCarrier(s), s.boundaries!.communeSource, GAP_THRESHOLD_DBM, GAP_MIN_AREA_KM2, sites, signal);
    return { seq: cov.seq, key: '', value };
  }

  private async privateNetworks(s: AppState, signal: AbortSignal): Promise<Derived<PrivateNetworkFigures[]>> {
    const cov = s.coverage!;
    const scenario = s.scenario!;
    const T = PRIVATE_NETWORK_THRESHOLDS;
    const value: PrivateNetworkFigures[] = [];
    for (const pn of scenario.privateNetworks) {
      const carrier = privateNetworkCarrierId(scenario, pn.id);
      const stats = carrier ? await this.compute.privateNetwork(cov.version, carrier, s.boundaries!.communeSource, pn.serviceArea, T, signal) : null;
      value.push({ id: pn.id, name: pn.name, carrier, outdoorThresholdDbm: T.outdoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm, stats });
    }
    return { seq: cov.seq, key: '', value };
  }

  private async distribution(s: AppState, signal: AbortSignal): Promise<AppState['derived']['distribution']> {
    const cov = s.coverage!;
    const layer = s.ui.layer;
    if (!isLayerId(layer)) return null;
    const bins = layerDef(layer).bins;
    const area = s.focus?.index ?? -1;
    const areaName = s.focus?.name ?? t('provinceTotal');
    if (!bins) return null;
    const d = await this.compute.distribution(cov.version, shownCarrier(s), layer, s.boundaries!.communeSource, area, bins, signal);
    return { seq: cov.seq, key: `${layer}|${area}`, value: { layer, area, areaName, d } };
  }

  private async communeValues(s: AppState, signal: AbortSignal): Promise<AppState['derived']['communeValues']> {
    const cov = s.coverage!;
    if (!s.focus) return null;
    const values = await this.compute.communeValues(cov.version, shownCarrier(s), s.boundaries!.communeSource, s.focus.index, signal);
    return { seq: cov.seq, key: String(s.focus.index), value: { index: s.focus.index, values } };
  }
}
