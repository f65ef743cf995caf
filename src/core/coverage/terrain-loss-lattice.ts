/**
 * The lattice of the engine's terrain maps (terrain-loss.ts): radials from the site at most
 * `stride` cells apart at the radius, sampled every cell; the term is evaluated at samples 1 …
 * stride−1 and every stride-th sample, and a point takes the bilinear interpolation (in angle
 * and distance, in dB) of the four evaluations around it — stride 1: its nearest radial sample
 * (radials.ts). One definition for the map and the point evaluation.
 */
import type { EngineSector } from './scene.ts';
import type { TerrainDiffraction, TerrainSpec } from './terrain-loss.ts';
import { radialCountFor, radialSampleOf, samplesPerRadialFor } from '../terrain/radials.ts';

/**
 * A spec on a ground of `spacingM` cells (the grid's): the layout radius `radiusM` (the
 * footprint plus one cell), its lattice for the stride; its key names everything but the ground.
 */
export function latticeSpec(mode: 'itm' | 'empirical-diffraction', diffraction: TerrainDiffraction, modelId: string, s: Pick<EngineSector, 'xM' | 'yM' | 'heightM' | 'freqMHz'>, radiusM: number, spacingM: number, stride: number): TerrainSpec {
  const st = Math.max(1, Math.round(stride));
  return {
    key: `${mode}|${mode === 'itm' ? '' : diffraction}|${modelId}|${s.xM}|${s.yM}|${s.heightM}|${s.freqMHz}|${radiusM}|${st}`,
    mode, diffraction, xM: s.xM, yM: s.yM, heightM: s.heightM, freqMHz: s.freqMHz, modelId, radiusM, spacingM, stride: st,
    radialCount: radialCountFor(radiusM, st * spacingM), samplesPerRadial: samplesPerRadialFor(radiusM, spacingM),
  };
}

/**
 * atan2(y, x) / (2π) in [0, 1) from the polynomial arctangent of Abramowitz & Stegun 4.4.49
 * (|error| ≤ 1.2e-5 rad, i.e. 0.3 m across at 25 km): the lattice's angle, five times cheaper than
 * Math.atan2 in the map's per-cell loop and used the same way by the point evaluation.
 */
export function turnsOf(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const big = ax > ay ? ax : ay;
  if (big === 0) return 0;
  const a = (ax > ay ? ay : ax) / big;
  const s = a * a;
  // atan(a) for 0 ≤ a ≤ 1.
  let r = a * (0.999866 + s * (-0.3302995 + s * (0.180141 + s * (-0.085133 + s * 0.0208351))));
  if (ay > ax) r = Math.PI / 2 - r;
  if (x < 0) r = Math.PI - r;
  if (y < 0) r = 2 * Math.PI - r;
  const t = r / (2 * Math.PI);
  return t >= 1 ? 0 : t;
}

/**
 * Where a point at (dxM, dyM) from the site takes its value on a spec's lattice: radials j0, j1
 * and the weight fu of j1; samples kA, kB and the weight fv of kB (written into `out` in that
 * order; the weights rounded to float32). Stride 1: the nearest radial sample (radials.ts
 * `radialSampleOf`), weights 0.
 */
export function latticeCornersOf(spec: TerrainSpec, dxM: number, dyM: number, out: Float64Array): void {
  const n = spec.radialCount;
  const last = spec.samplesPerRadial;
  const s = spec.stride;
  if (s === 1) {
    const v = radialSampleOf(dxM, dyM, n, last, spec.spacingM);
    out[0] = out[1] = v >>> 16;
    out[3] = out[4] = v & 0xffff;
    out[2] = out[5] = 0;
    return;
  }
  const u = turnsOf(dyM, dxM) * n;
  let j0 = Math.floor(u);
  const fu = u - j0;
  if (j0 >= n) j0 -= n;
  const x = Math.sqrt(dxM * dxM + dyM * dyM) / spec.spacingM;
  let kA: number;
  let kB: number;
  if (x <= 1) {
    kA = kB = 1;
  } else if (x < s) {
    kA = Math.floor(x);
    kB = kA + 1;
  } else {
    kA = s * Math.floor(x / s);
    kB = kA + s;
  }
  if (kA >= last) kA = kB = last;
  else if (kB > last) kB = last;
  out[0] = j0;
  out[1] = j0 + 1 === n ? 0 : j0 + 1;
  // Weights rounded to float32: the map keeps them so (half the memory), the point evaluation uses the same.
  out[2] = Math.fround(fu);
  out[3] = kA;
  out[4] = kB;
  out[5] = kB > kA ? Math.fround(Math.min(1, (x - kA) / (kB - kA))) : 0;
}

/**
 * The evaluation stride of the engine's terrain maps (EngineOptions.terrainStride, see
 * TerrainSpec.stride): 0 chooses it from the cell size, so that the term is evaluated about
 * every {@link TERRAIN_EVALUATION_STEP_M} (30 m cells: every 5th; 50 m: 3rd; 100 m: 2nd; 200 m
 * and more: every cell). bench/itm.ts measures the cost and the interpolation's error.
 */
export const DEFAULT_TERRAIN_STRIDE = 0;
/** Distance between the lattice's evaluations chosen by stride 0, m. */
export const TERRAIN_EVALUATION_STEP_M = 150;

/** The stride a scene's maps use: the option, or (0) the one of the cell size. */
export function terrainStrideFor(cellSizeM: number, stride: number): number {
  return stride >= 1 ? Math.round(stride) : Math.max(1, Math.round(TERRAIN_EVALUATION_STEP_M / cellSizeM));
}
