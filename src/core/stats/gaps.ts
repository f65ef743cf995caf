/**
 * Coverage gaps: the contiguous areas inside the province where a layer is below a threshold
 * (or has no service at all), as one GeoJSON Polygon per connected gap, largest first. Each
 * gap says how big it is, which communes it touches and which site is nearest, so a planner
 * can decide where the next site goes and an official can see which communes are affected.
 *
 * Geometry comes from d3-contour via {@link cellRegions}: the gap cells are traced as the exact
 * union of cells (edges on cell edges), 4-connected, with one cell of padding so gaps on the
 * grid edge close. "Inside the province" is "has a commune label" (the same cells as the
 * commune statistics), so a gap along the province border closes along the border cells.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import rewind from '@turf/rewind';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import type { CommuneLabels } from './commune-stats.ts';
import { cellRegions, cellRingsToUtm, planarAreaM2, roundTo, utmRingsToLonLat } from '../export/cell-regions.ts';

/** A site as far as gaps need it (a scenario `Site` fits). */
export interface GapSite {
  readonly id: string;
  readonly lonDeg: number;
  readonly latDeg: number;
}

export interface GapOptions {
  /** A cell is a gap when its value is below this (or NaN = no service). */
  readonly threshold: number;
  /** Gaps smaller than this are dropped, km². Default 0 (keep all). */
  readonly minAreaKm2?: number;
  /** Commune names by label index (as in `communeLabelGrid`'s input). Without them `communes` is empty. */
  readonly communeNames?: readonly string[];
  /** Sites for nearest-site properties; without them those properties are absent. */
  readonly sites?: readonly GapSite[];
  /** People living in each cell (the ground's population per cell); without it `people` is absent. */
  readonly peoplePerCell?: ArrayLike<number> | null;
}

export interface GapProperties {
  /** 1-based rank by area, largest first. */
  readonly id: number;
  /** The threshold the gap is below, in the layer's unit (dBm for RSRP). */
  readonly threshold: number;
  readonly cells: number;
  /** Planar UTM 48N area of the polygon, km² (= cells × cell², to 6 decimals). */
  readonly area_km2: number;
  /** Names of the communes holding any of the gap's cells, "; "-separated, by descending share of the gap. */
  readonly communes: string;
  /** Nearest site: id and planar distance from the site to the gap polygon (0 inside), km to 3 decimals. */
  readonly nearest_site_id?: string;
  readonly nearest_site_km?: number;
  /** People living in the gap's cells (sum of the population per cell), rounded to a person. */
  readonly people?: number;
}

export type GapCollection = FeatureCollection<Polygon, GapProperties>;

/**
 * Gap polygons of a layer inside the province.
 * @param grid - grid of `values` and `labels`
 * @param values - the layer, row-major; NaN = no service
 * @param labels - commune label per cell (−1 = outside the province), from `communeLabelGrid`
 * @param options - threshold, minimum area, commune names, sites
 * @returns RFC 7946 FeatureCollection (WGS 84, exterior rings counter-clockwise, 6 decimals),
 *   one Polygon per 4-connected gap, ordered by area descending, ties by north edge then west edge
 * @example gapPolygons(grid, rsrpDbm, labels, { threshold: -110, minAreaKm2: 0.5, communeNames, sites })
 */
export function gapPolygons(grid: Grid, values: ArrayLike<number>, labels: CommuneLabels, options: GapOptions): GapCollection {
  const n = grid.width * grid.height;
  if (values.length !== n || labels.length !== n) throw new RangeError(`values (${values.length}) and labels (${labels.length}) must have ${n} cells`);
  const t = options.threshold;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // !(v >= t) is true for NaN: no service is a gap.
    if (labels[i] >= 0 && !(values[i] >= t)) mask[i] = 1;
  }
  const regionOfCell = new Int32Array(n);
  const regions = cellRegions(grid.width, grid.height, mask, regionOfCell);

  // Cells per (region, commune) and people per region, one pass.
  const perRegion: Map<number, number>[] = regions.map(() => new Map());
  const pop = options.peoplePerCell;
  if (pop && pop.length !== n) throw new RangeError(`peoplePerCell (${pop.length}) must have ${n} cells`);
  const peopleOf = new Float64Array(regions.length);
  for (let i = 0; i < n; i++) {
    const r = regionOfCell[i];
    if (r < 0) continue;
    const m = perRegion[r];
    m.set(labels[i], (m.get(labels[i]) ?? 0) + 1);
    if (pop) peopleOf[r] += pop[i];
  }

  const cellM2 = grid.cellSizeM * grid.cellSizeM;
  const minM2 = (options.minAreaKm2 ?? 0) * 1e6;
  const sitesUtm = (options.sites ?? []).map((s) => ({ id: s.id, xy: lonLatToUtm(s.lonDeg, s.latDeg) }));
  const names = options.communeNames;

  interface Pending { utm: number[][][]; areaM2: number; cells: number; north: number; west: number; communes: string; people: number; nearest?: { id: string; km: number } }
  const pending: Pending[] = [];
  regions.forEach((region, r) => {
    if (region.cellCount * cellM2 < minM2) return;
    const utm = cellRingsToUtm(grid, region.rings);
    const communes = names
      ? [...perRegion[r].entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([l]) => names[l] ?? `#${l}`).join('; ')
      : '';
    let nearest: { id: string; km: number } | undefined;
    for (const s of sitesUtm) {
      const d = distanceToPolygonM(s.xy[0], s.xy[1], utm);
      if (!nearest || d / 1000 < nearest.km) nearest = { id: s.id, km: d / 1000 };
    }
    let north = Infinity, west = Infinity;
    for (const p of region.rings[0]) {
      if (p[1] < north || (p[1] === north && p[0] < west)) { north = p[1]; west = p[0]; }
    }
    pending.push({ utm, areaM2: planarAreaM2(utm), cells: region.cellCount, north, west, communes, people: peopleOf[r], ...(nearest ? { nearest } : {}) });
  });
  pending.sort((a, b) => b.cells - a.cells || a.north - b.north || a.west - b.west);

  const features: Feature<Polygon, GapProperties>[] = pending.map((g, k) => {
    const properties: GapProperties = {
      id: k + 1,
      threshold: t,
      cells: g.cells,
      area_km2: roundTo(g.areaM2 / 1e6, 6),
      communes: g.communes,
      ...(g.nearest ? { nearest_site_id: g.nearest.id, nearest_site_km: roundTo(g.nearest.km, 3) } : {}),
      ...(pop ? { people: Math.round(g.people) } : {}),
    };
    return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: utmRingsToLonLat(g.utm) } };
  });
  const fc: GapCollection = { type: 'FeatureCollection', features };
  rewind(fc, { mutate: true }); // in place: exterior rings counter-clockwise, holes clockwise
  return fc;
}

/** Planar distance from a point to a polygon (rings in metres), 0 when inside (even–odd). */
export function distanceToPolygonM(x: number, y: number, rings: readonly (readonly (readonly number[])[])[]): number {
  let inside = false;
  let best = Infinity;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i++) {
      const ax = r[i][0], ay = r[i][1], bx = r[i + 1][0], by = r[i + 1][1];
      if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let u = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
      if (u < 0) u = 0; else if (u > 1) u = 1;
      const ex = ax + u * dx - x, ey = ay + u * dy - y;
      const d2 = ex * ex + ey * ey;
      if (d2 < best) best = d2;
    }
  }
  return inside ? 0 : Math.sqrt(best);
}
