/**
 * Whole-grid layers assembled from tile chunks, and the summary figures of a run. Grid-shaped
 * arrays are row-major with row 0 at the north edge (grid.ts), so they go straight into a
 * GeoTIFF or a display raster.
 */
import type { Scene } from './scene.ts';
import { tileBounds } from './scene.ts';
import { forEachLayer, newCarrierLayers, type CarrierLayers } from './layer-registry.ts';

export { LAYER_IDS, LAYERS, layerArray, layerDef, type LayerId } from './layer-registry.ts';

export interface CoverageLayers {
  readonly carriers: CarrierLayers[];
}

/**
 * Empty whole-grid layers. `fill` false skips the "no value" fill (the arrays stay zeroed): for
 * callers that will scatter every tile, where filling 4 million cells would be wasted time.
 */
export function newCoverageLayers(scene: Scene, fill = true): CoverageLayers {
  const n = scene.grid.width * scene.grid.height;
  return { carriers: scene.carriers.map(() => newCarrierLayers(n, fill)) };
}

/**
 * Copies a chunk's tiles into the whole-grid layers (carriers the chunk leaves null are kept,
 * and so are layers it leaves empty: a drag's move computes only the layer shown; layers the
 * whole grid leaves empty are not held there).
 * Returns the bounding box of the cells written, [col0, row0, col1, row1), or null.
 */
export function scatterChunk(scene: Pick<Scene, 'tileSize' | 'tilesX' | 'grid'>, layers: CoverageLayers, chunk: { readonly tiles: Int32Array; readonly carriers: readonly (CarrierLayers | null)[] }): [number, number, number, number] | null {
  const T = scene.tileSize;
  const cells = T * T;
  const width = scene.grid.width;
  let bc0 = Infinity, br0 = Infinity, bc1 = -Infinity, br1 = -Infinity;
  chunk.tiles.forEach((tile, ti) => {
    const [c0, r0, c1, r1] = tileBounds(scene, tile);
    if (c0 < bc0) bc0 = c0;
    if (r0 < br0) br0 = r0;
    if (c1 > bc1) bc1 = c1;
    if (r1 > br1) br1 = r1;
    const w = c1 - c0;
    chunk.carriers.forEach((src, ci) => {
      if (!src) return;
      const dst = layers.carriers[ci] as unknown as Record<string, { set(a: ArrayLike<number>, o: number): void; length: number }>;
      // Row segments copied with TypedArray.set (fast even before the JIT warms up).
      forEachLayer(src, (def, from) => {
        const to = dst[def.field] as { set(a: ArrayLike<number>, o: number): void; length: number };
        // A layer the holder does not store (derived when asked, layer-registry.ts) is skipped.
        if (to.length === 0) return;
        for (let row = r0; row < r1; row++) {
          const so = ti * cells + (row - r0) * T;
          to.set(from.subarray(so, so + w), row * width + c0);
        }
      });
    });
  });
  return chunk.tiles.length ? [bc0, br0, bc1, br1] : null;
}

/** Every tile of the scene, in row-major order. */
export function allTiles(scene: Scene): number[] {
  return Array.from({ length: scene.tilesX * scene.tilesY }, (_, i) => i);
}

/**
 * Work units: runs of consecutive tiles (row-major) of at most `maxTiles` tiles, so that merging
 * one unit on the main thread stays short (a few ms) and the progress bar moves evenly.
 */
export function tileBands(scene: Scene, maxTiles = 40): number[][] {
  const n = scene.tilesX * scene.tilesY;
  const out: number[][] = [];
  for (let t = 0; t < n; t += maxTiles) out.push(Array.from({ length: Math.min(maxTiles, n - t) }, (_, i) => t + i));
  return out;
}

export interface CarrierSummary {
  readonly carrier: string;
  readonly label: string;
  /** Cells inside the province. */
  readonly cells: number;
  readonly areaKm2: number;
  /** Share of province cells with best-server RSRP ≥ each threshold. */
  readonly rsrpCoveredShare: Record<string, number>;
  /** Share with SINR ≥ 0 dB. */
  readonly sinrAtLeast0dBShare: number;
  /** Share where a 23 dBm UE closes the uplink. */
  readonly uplinkShare: number;
  /** Share covered downlink (≥ the lowest… first threshold) but not uplink: uplink-limited. */
  readonly uplinkLimitedShare: number;
  readonly indoorCoveredShare: Record<string, number>;
  readonly medianRsrpDbm: number | null;
}

/** Province-wide summary per carrier (`carriers` in the layers' order). `mask` is the province mask. */
export function summarize(cellSizeM: number, carriers: readonly { readonly id: string; readonly label: string }[], layers: readonly CarrierLayers[], mask: Uint8Array, thresholdsDbm: readonly number[] = [-100, -110, -120]): CarrierSummary[] {
  const cellKm2 = (cellSizeM / 1000) ** 2;
  const dlThr = thresholdsDbm[thresholdsDbm.length - 1];
  return layers.map((c, ci) => {
    let cells = 0, sinr0 = 0, ul = 0, ulLimited = 0;
    const cov = thresholdsDbm.map(() => 0);
    const indoor = thresholdsDbm.map(() => 0);
    const values: number[] = [];
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      cells++;
      const r = c.rsrpDbm[i];
      values.push(r === r ? r : -Infinity);
      thresholdsDbm.forEach((t, k) => {
        if (r >= t) cov[k]++;
        if (c.indoorDbm[i] >= t) indoor[k]++;
      });
      if (c.sinrDb[i] >= 0) sinr0++;
      const ok = c.ulMarginDb[i] >= 0;
      if (ok) ul++;
      if (r >= dlThr && !ok) ulLimited++;
    }
    values.sort((a, b) => a - b);
    const med = values.length ? values[Math.floor((values.length - 1) / 2)] : -Infinity;
    const share = (n: number) => (cells ? n / cells : 0);
    const car = carriers[ci];
    return {
      carrier: car.id, label: car.label, cells, areaKm2: cells * cellKm2,
      rsrpCoveredShare: Object.fromEntries(thresholdsDbm.map((t, k) => [String(t), share(cov[k])])),
      sinrAtLeast0dBShare: share(sinr0), uplinkShare: share(ul), uplinkLimitedShare: share(ulLimited),
      indoorCoveredShare: Object.fromEntries(thresholdsDbm.map((t, k) => [String(t), share(indoor[k])])),
      medianRsrpDbm: Number.isFinite(med) ? med : null,
    };
  });
}
