/**
 * The coverage raster on the map and its legend. On every new coverage (or layer, legend
 * classes, carrier) it asks the analysis worker for the one layer to draw — a copy made there
 * and moved here: the main thread holds what it draws and nothing more — and colours it in
 * slices of rows with a yield between them (no long task). During a drag the moves' chunks are
 * patched into the layer on screen ({@link CoverageView.patch}).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Compute, WorkerChunk } from '../../compute/facade.ts';
import { isAborted } from '../../compute/facade.ts';
import { isLayerId, layerArray, type LayerArray, type LayerId, type ShownLayerId } from '../../core/coverage/layer-registry.ts';
import type { Scene } from '../../core/coverage/scene.ts';
import { tileBounds } from '../../core/coverage/scene.ts';
import { sceneTerrainMode } from '../../core/coverage/terrain-loss.ts';
import { sectorModelName } from '../../i18n/validity.ts';
import type { AppState } from '../../app/state.ts';
import { shownCarrier } from '../../app/state.ts';
import type { Store } from '../../app/store.ts';
import { t } from '../../i18n/i18n.ts';
import { CoverageLayer } from '../coverage-layer.ts';
import { renderLegend } from '../legend.ts';
import { renderChoroplethLegend } from '../commune-views.ts';
import { styleOf } from './controls-view.ts';

/** What is on screen: one layer of one carrier of one coverage version (or a layer of its ground). */
interface Shown {
  readonly version: number;
  readonly carrier: number;
  readonly layer: ShownLayerId;
  readonly values: LayerArray;
}

const sameGrid = (a: Scene['grid'] | undefined, b: Scene['grid']) => !!a && a.width === b.width && a.height === b.height && a.originX === b.originX && a.originY === b.originY && a.cellSizeM === b.cellSizeM;

export class CoverageView {
  private readonly raster: CoverageLayer;
  private shown: Shown | null = null;
  private grid: Scene['grid'] | undefined;
  private loading: AbortController | null = null;
  /** Versions whose layer was drawn, and the last one (tests wait for the map to follow the store). */
  drawnVersion = -1;

  constructor(private readonly store: Store<AppState>, private readonly map: MlMap, private readonly compute: Compute, private readonly legendEl: HTMLElement) {
    this.raster = new CoverageLayer(map, 'communes-fill');
    store.subscribe((s) => [s.coverage?.version, shownCarrier(s), s.ui.layer] as const, () => void this.load(), { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });
    store.subscribe((s) => s.ui.legendEdges, () => void this.paintAll());
    store.subscribe((s) => s.ui.opacity, (o) => this.raster.setOpacity(o), { immediate: true });
    store.subscribe((s) => [s.ui.layer, s.ui.legendEdges, s.ui.choropleth, s.coverage?.scene, s.lang, s.derived.stats] as const, () => this.renderLegend(), {
      equals: (a, b) => a.every((x, i) => x === b[i]),
    });
  }

  get paintedCells(): number {
    return this.raster.paintedCells;
  }

  /** Fetches the shown layer of the current coverage and paints it. */
  private async load(): Promise<void> {
    const s = this.store.get();
    const cov = s.coverage;
    this.loading?.abort();
    if (!cov) return;
    const abort = new AbortController();
    this.loading = abort;
    const carrier = shownCarrier(s);
    const layer = s.ui.layer;
    try {
      if (!sameGrid(this.grid, cov.scene.grid)) {
        await this.raster.reset(cov.scene.grid, (g, w) => this.compute.mercatorIndex(g, w));
        this.grid = cov.scene.grid;
      }
      const values = isLayerId(layer)
        ? await this.compute.layer(cov.version, carrier, layer, abort.signal)
        // A ground layer (none without a DEM: nothing drawn).
        : ((await this.compute.groundLayer(cov.scene.grid, layer, abort.signal)) as LayerArray | null) ?? new Float32Array(cov.scene.grid.width * cov.scene.grid.height).fill(NaN);
      this.shown = { version: cov.version, carrier, layer, values };
      await this.paintAll(abort.signal);
      if (!abort.signal.aborted) this.drawnVersion = cov.version;
    } catch (e) {
      if (!isAborted(e)) throw e;
    }
  }

  /** Recolours the whole shown layer in slices of ~200k cells, yielding between them, then hands it to the map. */
  private async paintAll(signal?: AbortSignal): Promise<void> {
    const shown = this.shown;
    const g = this.grid;
    if (!shown || !g) return;
    const style = styleOf(this.store.get(), shown.layer);
    const rows = Math.max(1, Math.floor(200000 / g.width));
    for (let r = 0; r < g.height; r += rows) {
      if (signal?.aborted || this.shown !== shown) return;
      this.raster.paint(shown.values, style, [0, r, g.width, Math.min(g.height, r + rows)]);
      await new Promise((res) => setTimeout(res, 0));
    }
    this.raster.refresh();
  }

  /** Patches a drag's chunks (the layer on screen) into the drawn layer and repaints their cells. */
  patch(scene: Scene, chunks: readonly WorkerChunk[], layer: LayerId): void {
    const shown = this.shown;
    if (!shown || shown.layer !== layer || !sameGrid(this.grid, scene.grid)) return;
    const T = scene.tileSize, cells = T * T, width = scene.grid.width;
    const style = styleOf(this.store.get(), layer);
    let box: [number, number, number, number] | null = null;
    for (const c of chunks) {
      const src = c.carriers[shown.carrier];
      if (!src) continue;
      const from = layerArray(src, layer);
      if (!from.length) continue;
      c.tiles.forEach((tile, ti) => {
        const [c0, r0, c1, r1] = tileBounds(scene, tile);
        for (let row = r0; row < r1; row++) {
          const so = ti * cells + (row - r0) * T;
          (shown.values as Float64Array).set((from as Float64Array).subarray(so, so + (c1 - c0)), row * width + c0);
        }
        box = box ? [Math.min(box[0], c0), Math.min(box[1], r0), Math.max(box[2], c1), Math.max(box[3], r1)] : [c0, r0, c1, r1];
      });
    }
    if (!box) return;
    this.raster.paint(shown.values, style, box);
    this.raster.refresh(box);
  }

  /** Value of the drawn layer at a cell (NaN when nothing is drawn). */
  valueAt(cell: number): number {
    return this.shown ? this.shown.values[cell] : NaN;
  }

  private renderLegend(): void {
    const s = this.store.get();
    if (s.ui.choropleth) {
      const label = this.choroplethLabel?.() ?? '';
      renderChoroplethLegend(this.legendEl, label, t('populationNote'));
      return;
    }
    const cov = s.coverage;
    const layer = s.ui.layer;
    const note = !cov ? ''
      : layer === 'population' ? t('legendPopulationNote')
        : layer === 'elevation' ? (cov.scene.dem ? t('groundDem', { name: cov.ground?.demName ?? '' }) : t('legendFlatEarth'))
          : layer === 'clutter' ? ''
            : `${t('legendNote', { model: cov.scene.modelIds.map((id) => sectorModelName(id, { mode: sceneTerrainMode(cov.scene), diffraction: cov.scene.options.terrainDiffraction })).filter((x, i, a) => a.indexOf(x) === i).join(', '), ue: cov.scene.ueHeightM, load: cov.scene.options.neighbourLoad * 100 })}${cov.scene.dem ? '' : ` ${t('legendFlatEarth')}.`}`;
    // The calibrated model the coverage was computed with is named with the model (issue 14).
    const cal = cov?.scene.options.calibration;
    renderLegend(this.legendEl, styleOf(s, layer), cal && layer !== 'population' && layer !== 'clutter' && layer !== 'elevation' ? `${note} ${t('legendCalibrated', { name: cal.name })}` : note);
  }

  /** The chosen choropleth's label (set by the statistics view, which owns the choice's wording). */
  choroplethLabel: (() => string) | null = null;

  setVisible(visible: boolean): void {
    this.raster.setVisible(visible);
  }
}
