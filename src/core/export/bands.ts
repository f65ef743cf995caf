/**
 * Coverage bands: a dB layer (RSRP, indoor RSRP, SINR…) cut at thresholds into polygons, one
 * MultiPolygon Feature per band, for GeoJSON and KML export and for GIS users who want areas
 * rather than rasters. The polygons are the exact union of the band's cells (d3-contour traced,
 * squared to cell edges: see cell-regions.ts), so a band's planar area is its cell count × cell².
 *
 * Output is RFC 7946: WGS 84 lon/lat, exterior rings counter-clockwise and holes clockwise
 * (ensured by @turf/rewind), coordinates rounded to 6 decimals (≈ 0.1 m, §11.2).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import rewind from '@turf/rewind';
import type { Grid } from '../grid/grid.ts';
import { cellRegions, cellRingsToUtm, planarAreaM2, roundTo, utmRingsToLonLat } from './cell-regions.ts';

/** Default RSRP band edges, dBm: ≥ −80, −90…−80, −100…−90, −110…−100, −120…−110. */
export const DEFAULT_BAND_EDGES_DBM: readonly number[] = [-80, -90, -100, -110, -120];

export interface BandProperties {
  /** Layer id, e.g. `rsrp`, `indoor`, `sinr`. */
  readonly layer: string;
  /** Lower edge (inclusive) of the band, in the layer's dB unit. */
  readonly min_dbm: number;
  /** Upper edge (exclusive), or null for the top band (no upper limit). */
  readonly max_dbm: number | null;
  /** Planar UTM 48N area of the band's polygons, km² (= cells × cell², to 6 decimals). */
  readonly area_km2: number;
  readonly cells: number;
}

export type BandCollection = FeatureCollection<MultiPolygon, BandProperties>;

export interface BandOptions {
  /** Layer id written to each feature's `layer`. */
  readonly layer: string;
  /** Band edges in the layer's unit, any order; distinct and finite. Default {@link DEFAULT_BAND_EDGES_DBM}. */
  readonly edges?: readonly number[];
}

/**
 * Band polygons of one layer. Band k holds cells with edge_k ≤ value < edge_(k−1) (edges sorted
 * high to low; the top band has no upper limit). Cells below the lowest edge or NaN belong to
 * no band. Bands without cells are left out.
 * @param grid - grid of `values`
 * @param values - the layer, row-major; NaN = no value
 * @param options - layer id and band edges
 * @returns one Feature per non-empty band, highest band first
 * @example coverageBands(grid, rsrpDbm, { layer: 'rsrp' }).features[0].properties // → { layer: 'rsrp', min_dbm: -80, max_dbm: null, … }
 */
export function coverageBands(grid: Grid, values: ArrayLike<number>, options: BandOptions): BandCollection {
  const n = grid.width * grid.height;
  if (values.length !== n) throw new RangeError(`values has ${values.length} cells, expected ${n}`);
  const edges = [...(options.edges ?? DEFAULT_BAND_EDGES_DBM)].sort((a, b) => b - a);
  if (edges.length === 0 || edges.some((e, k) => !Number.isFinite(e) || (k > 0 && e === edges[k - 1]))) {
    throw new RangeError(`band edges must be distinct finite numbers, got [${edges.join(', ')}]`);
  }
  // Band index per cell (0 = top band), −1 for none: one pass, then one mask per band.
  const nE = edges.length;
  const band = new Int8Array(n).fill(-1);
  if (nE > 127) throw new RangeError(`at most 127 band edges, got ${nE}`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= edges[nE - 1])) continue;
    let k = 0;
    while (v < edges[k]) k++;
    band[i] = k;
  }
  const mask = new Uint8Array(n);
  const features: Feature<MultiPolygon, BandProperties>[] = [];
  const cellKm2 = (grid.cellSizeM * grid.cellSizeM) / 1e6;
  for (let k = 0; k < nE; k++) {
    let cells = 0;
    for (let i = 0; i < n; i++) {
      const m = band[i] === k ? 1 : 0;
      mask[i] = m;
      cells += m;
    }
    if (cells === 0) continue;
    const regions = cellRegions(grid.width, grid.height, mask);
    let areaM2 = 0;
    const coordinates = regions.map((r) => {
      const utm = cellRingsToUtm(grid, r.rings);
      areaM2 += planarAreaM2(utm);
      return utmRingsToLonLat(utm);
    });
    // Planar area and cell count agree exactly (squared cell edges); the count guards the tracer.
    if (Math.abs(areaM2 / 1e6 - cells * cellKm2) > 1e-6 * cells * cellKm2) {
      throw new Error(`band ${edges[k]}: polygon area ${areaM2} m² ≠ ${cells} cells`);
    }
    features.push({
      type: 'Feature',
      properties: { layer: options.layer, min_dbm: edges[k], max_dbm: k === 0 ? null : edges[k - 1], area_km2: roundTo(areaM2 / 1e6, 6), cells },
      geometry: { type: 'MultiPolygon', coordinates },
    });
  }
  const fc: BandCollection = { type: 'FeatureCollection', features };
  rewind(fc, { mutate: true }); // in place: exterior rings counter-clockwise, holes clockwise
  return fc;
}
