/**
 * What a plan aims at: an area of the province, the weight of each of its cells in the
 * objective, and the goal. Areas: the whole province, the wards (phường: the communes whose
 * `type` is `phuong` / `type_vi` is Phường), chosen communes, or a polygon (drawn, imported, a
 * private network's service area). A cell belongs to the area when its centre does (the rule of
 * the commune statistics). The objective weighs a cell by its people (goal "population") or by
 * its land area in km² (goal "area": water cells of the GSHHG mask do not count).
 */
import type { Position } from 'geojson';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import { isWard } from '../ground/clutter-map.ts';
import type { CommuneLabels } from '../stats/commune-stats.ts';

export type TargetArea =
  | { readonly kind: 'province' }
  | { readonly kind: 'wards' }
  | { readonly kind: 'communes'; readonly indices: readonly number[] }
  | { readonly kind: 'polygon'; readonly name: string; readonly rings: readonly Position[][] };

export type GoalKind = 'population' | 'area';

/** A short English name of an area (for summaries). */
export function areaName(a: TargetArea): string {
  return a.kind === 'polygon' ? a.name : a.kind === 'communes' ? `${a.indices.length} communes` : a.kind;
}

/**
 * 1 for the cells of the area that are also in `computed` (the scene's province mask).
 * @param labels - commune per cell (for wards and communes)
 * @param communes - the commune features the labels index
 */
export function targetMask(grid: Grid, computed: Uint8Array, area: TargetArea, labels: CommuneLabels, communes: readonly BoundaryFeature[]): Uint8Array {
  const n = grid.width * grid.height;
  const out = new Uint8Array(n);
  if (area.kind === 'province') {
    out.set(computed);
    return out;
  }
  if (area.kind === 'polygon') {
    const rings = area.rings.map((r) => r.map((p) => lonLatToUtm(p[0], p[1])));
    rasterizeRings(grid, flattenRings(rings), 0, grid.height, out);
    for (let i = 0; i < n; i++) out[i] &= computed[i];
    return out;
  }
  const pick = new Uint8Array(communes.length);
  if (area.kind === 'wards') communes.forEach((f, k) => (pick[k] = isWard(f) ? 1 : 0));
  else for (const k of area.indices) if (k >= 0 && k < communes.length) pick[k] = 1;
  for (let i = 0; i < n; i++) out[i] = computed[i] && labels[i] >= 0 && pick[labels[i]] ? 1 : 0;
  return out;
}

export interface TargetWeights {
  /** Objective weight per cell (people or km²), 0 outside the area. */
  readonly objective: Float64Array;
  /** People per cell inside the area. */
  readonly population: Float64Array;
  /** Land km² per cell inside the area. */
  readonly areaKm2: Float64Array;
  /** Σ of each over the area. */
  readonly totalPopulation: number;
  readonly totalAreaKm2: number;
}

/**
 * The weights of the area's cells.
 * @param peoplePerCell - dasymetric people per cell (src/core/ground)
 * @param water - 1 = water per cell (not land area)
 */
export function targetWeights(grid: Grid, mask: Uint8Array, peoplePerCell: ArrayLike<number>, water: ArrayLike<number>, goal: GoalKind): TargetWeights {
  const n = grid.width * grid.height;
  const cellKm2 = (grid.cellSizeM / 1000) ** 2;
  const population = new Float64Array(n), areaKm2 = new Float64Array(n);
  let totalPopulation = 0, totalAreaKm2 = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    population[i] = peoplePerCell[i];
    areaKm2[i] = water[i] ? 0 : cellKm2;
    totalPopulation += population[i];
    totalAreaKm2 += areaKm2[i];
  }
  return { objective: goal === 'population' ? population : areaKm2, population, areaKm2, totalPopulation, totalAreaKm2 };
}

/**
 * An inside test for rings in WGS 84 by the even–odd rule over all rings (outer rings and holes
 * alike, as the rasterizer): what the workers use where no turf polygon is at hand.
 */
export function insideRings(rings: readonly Position[][]): (lonDeg: number, latDeg: number) => boolean {
  return (x, y) => {
    let inside = false;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i], [xj, yj] = r[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  };
}
