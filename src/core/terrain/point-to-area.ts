/**
 * Terrain-aware predictions over an area around one site (spec §6; issue 12):
 *
 * - {@link itmPointToArea}: Longley-Rice ITM point-to-point (NTIA v1.4) along radial terrain
 *   profiles, every cell within the radius filled from its nearest radial sample;
 * - {@link empiricalPlusDiffractionToArea}: the cellular variant — an empirical model of the
 *   distance (38.901, Hata…) plus the diffraction loss of the same radial profiles
 *   (Bullington, P.526 §4.5.1, or Deygout's three edges, P.526 §4.5.3).
 *
 * Both return basic transmission loss per grid cell (Float32Array on the DEM's grid, NaN
 * outside the radius). Radials are profiled from the DEM (bilinear) plus optional clutter
 * heights (nearest cell) on intermediate points; see radials.ts for the layout.
 */
import { itmErrorField, itmErrorMessage, ITM_SUCCESS } from '../itm/codes.ts';
import { validateItmInputs, type ItmParams } from '../itm/params.ts';
import { bullingtonDiffractionDb } from '../diffraction/bullington.ts';
import { deygoutDiffractionDb } from '../diffraction/deygout.ts';
import { InputError, requireFinite, requireNonNegative, requirePositive } from '../validity.ts';
import { checkGridValues, demHeightAtM, gridValueNearest, type Dem } from './dem.ts';
import { RadialItm } from './radial-itm.ts';
import { radialLayout, type RadialLayout } from './radials.ts';

/** A transmitting site on the DEM's plane. */
export interface SiteM {
  readonly xM: number;
  readonly yM: number;
  /** Antenna height above the ground, m. */
  readonly heightM: number;
}

export interface AreaOptions {
  /** Sample spacing along radials, m (default: the DEM's cell size). */
  readonly spacingM?: number;
  /** Aborts between radials (throws the signal's reason). */
  readonly signal?: AbortSignal;
}

function checkArea(dem: Dem, site: SiteM, rxHeightM: number, radiusM: number, clutterHeightsM: Float32Array | null | undefined, options: AreaOptions | undefined): number {
  requireFinite('site.xM', site.xM);
  requireFinite('site.yM', site.yM);
  requireNonNegative('site.heightM', site.heightM);
  requireNonNegative('rxHeightM', rxHeightM);
  requirePositive('radiusM', radiusM);
  checkGridValues(dem.grid, dem.heightsM, 'dem.heightsM');
  if (clutterHeightsM) checkGridValues(dem.grid, clutterHeightsM, 'clutterHeightsM');
  const spacingM = options?.spacingM ?? dem.grid.cellSizeM;
  requirePositive('spacingM', spacingM);
  return spacingM;
}

/**
 * Fills `ground` and `heights` (ground + clutter beyond the site) for samples 0 … count−1 of
 * radial j.
 */
function profileRadial(dem: Dem, clutter: Float32Array | null | undefined, site: SiteM, layout: RadialLayout, j: number, count: number, ground: Float64Array, heights: Float64Array): void {
  const angle = (2 * Math.PI * j) / layout.radialCount;
  const stepX = Math.cos(angle) * layout.spacingM;
  const stepY = Math.sin(angle) * layout.spacingM;
  for (let k = 0; k < count; k++) {
    const x = site.xM + k * stepX;
    const y = site.yM + k * stepY;
    const g = demHeightAtM(dem, x, y);
    ground[k] = g;
    heights[k] = clutter && k > 0 ? g + gridValueNearest(dem.grid, clutter, x, y) : g;
  }
}

/**
 * ITM point-to-area: basic transmission loss (dB) from the site to every cell whose centre
 * lies within `radiusM`, NaN elsewhere (and where ITM rejects a path).
 *
 * @param dem Terrain heights on the grid of the result.
 * @param site Site position and antenna height above ground.
 * @param rxHeightM Receiver height above ground (or above clutter-free ground), m.
 * @param radiusM Radius of the computed area, m.
 * @param params ITM inputs (climate, N0, frequency, polarization, ground, mdvar, percentages).
 * @param clutterHeightsM Optional clutter heights on the DEM's grid, added to intermediate samples.
 * @throws InputError for inputs ITM rejects (the message is NTIA's error in words; the field
 *   names `site.heightM`, `rxHeightM` or `params.<field>`), or for malformed grids.
 * @example itmPointToArea({ grid, heightsM }, { xM, yM, heightM: 30 }, 1.5, 25_000, params)
 */
export function itmPointToArea(dem: Dem, site: SiteM, rxHeightM: number, radiusM: number, params: ItmParams, clutterHeightsM?: Float32Array | null, options?: AreaOptions): Float32Array {
  const spacingM = checkArea(dem, site, rxHeightM, radiusM, clutterHeightsM, options);
  const check = validateItmInputs(site.heightM, rxHeightM, params);
  if (check.code !== ITM_SUCCESS) {
    const field = itmErrorField(check.code);
    const name = field === 'hTxM' ? 'site.heightM' : field === 'hRxM' ? 'rxHeightM' : `params.${field ?? 'unknown'}`;
    throw new InputError(name, `ITM error ${check.code}: ${itmErrorMessage(check.code)}`);
  }
  const layout = radialLayout(dem.grid, site.xM, site.yM, radiusM, spacingM);
  const out = new Float32Array(dem.grid.width * dem.grid.height).fill(NaN);
  const engine = new RadialItm(layout.samplesPerRadial + 1, site.heightM, rxHeightM, params, check.warnings);
  const lossBySample = new Float64Array(layout.samplesPerRadial + 1);
  const needed = new Uint8Array(layout.samplesPerRadial + 1);
  for (let j = 0; j < layout.radialCount; j++) {
    options?.signal?.throwIfAborted();
    const kMax = layout.maxSample[j];
    if (kMax === 0) continue;
    const from = layout.cellStart[j];
    const to = layout.cellStart[j + 1];
    for (let c = from; c < to; c++) needed[layout.cellSample[c]] = 1;
    profileRadial(dem, clutterHeightsM, site, layout, j, kMax + 1, engine.groundM, engine.heightsM);
    engine.begin(kMax + 1, spacingM);
    for (let k = 1; k <= kMax; k++) {
      if (needed[k] === 0) continue;
      needed[k] = 0;
      lossBySample[k] = engine.lossAtDb(k);
    }
    for (let c = from; c < to; c++) out[layout.cellIndex[c]] = lossBySample[layout.cellSample[c]];
  }
  return out;
}

/** Diffraction methods of the cellular variant. */
export type DiffractionMethod = 'bullington' | 'deygout';

export interface EmpiricalTerrainOptions extends AreaOptions {
  readonly diffraction?: DiffractionMethod;
  /** Effective-earth factor of the diffraction geometry (default 4/3). */
  readonly kFactor?: number;
}

/**
 * Cellular variant: `empiricalDb(dM)` (an empirical median path loss as a function of the
 * distance, m → dB) plus the diffraction loss of the radial profile to each cell within the
 * radius; NaN elsewhere. The diffraction term is Bullington (default) or Deygout over the
 * profile with clutter; an unobstructed path adds 0 dB.
 *
 * @throws InputError for malformed inputs.
 */
export function empiricalPlusDiffractionToArea(dem: Dem, site: SiteM, rxHeightM: number, radiusM: number, freqMHz: number, empiricalDb: (dM: number) => number, clutterHeightsM?: Float32Array | null, options?: EmpiricalTerrainOptions): Float32Array {
  const spacingM = checkArea(dem, site, rxHeightM, radiusM, clutterHeightsM, options);
  requirePositive('freqMHz', freqMHz);
  const k = options?.kFactor ?? 4 / 3;
  requirePositive('kFactor', k);
  const method = options?.diffraction ?? 'bullington';
  const layout = radialLayout(dem.grid, site.xM, site.yM, radiusM, spacingM);
  const n = layout.samplesPerRadial + 1;
  const out = new Float32Array(dem.grid.width * dem.grid.height).fill(NaN);
  const ground = new Float64Array(n);
  const heights = new Float64Array(n);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) distances[i] = i * spacingM;
  const lossBySample = new Float64Array(n);
  const needed = new Uint8Array(n);
  for (let j = 0; j < layout.radialCount; j++) {
    options?.signal?.throwIfAborted();
    const kMax = layout.maxSample[j];
    if (kMax === 0) continue;
    const from = layout.cellStart[j];
    const to = layout.cellStart[j + 1];
    for (let c = from; c < to; c++) needed[layout.cellSample[c]] = 1;
    profileRadial(dem, clutterHeightsM, site, layout, j, kMax + 1, ground, heights);
    for (let s = 1; s <= kMax; s++) {
      if (needed[s] === 0) continue;
      needed[s] = 0;
      // The far end stands on bare ground.
      const stored = heights[s];
      heights[s] = ground[s];
      const diffractionDb =
        method === 'deygout'
          ? deygoutDiffractionDb(distances, heights, s + 1, site.heightM, rxHeightM, freqMHz, k)
          : bullingtonDiffractionDb(distances, heights, s + 1, site.heightM, rxHeightM, freqMHz, k);
      heights[s] = stored;
      lossBySample[s] = empiricalDb(distances[s]) + diffractionDb;
    }
    for (let c = from; c < to; c++) out[layout.cellIndex[c]] = lossBySample[layout.cellSample[c]];
  }
  return out;
}
