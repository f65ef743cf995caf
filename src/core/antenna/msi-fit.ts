/**
 * Fitting a measured MSI / Planet pattern (msi.ts) to the 3GPP parametric sector of
 * sector-3gpp.ts (TR 38.901 Table 7.3-1): the site editor imports a vendor file, reads these
 * figures into the sector's parametric antenna fields, and the engine then computes with the
 * fitted parametric shape, not with the measured cuts.
 *
 * What is measured on the cuts (losses in dB below the maximum, 1° samples):
 * - maximum gain: the file's GAIN in dBi (the gain of the true peak, which may fall between
 *   two 1° samples: the least sampled loss is then a little above 0 and is not subtracted);
 * - horizontal / vertical half-power beamwidth: the two −3 dB crossings on either side of the
 *   least-loss sample, each interpolated between the bracketing samples in √(loss) — exact for
 *   the parabolic main lobe of the 3GPP formula (12 (φ/φ3dB)² in dB is linear in √dB) and within
 *   a few hundredths of a degree of linear interpolation for real lobes;
 * - front-to-back: the horizontal loss 180° from the boresight (the midpoint of the two
 *   horizontal crossings), relative to the least loss;
 * - vertical side-lobe level (SLA_V): on each side of the vertical main lobe, within the front
 *   half-plane (from zenith to nadir in front), the least loss beyond the first null (the first
 *   sample after the −3 dB crossing where the loss decreases again); without a null (a
 *   monotonic or capped cut, such as the 3GPP shape) the loss reached at zenith / nadir. The
 *   smaller of the two sides, i.e. the strongest side lobe, is the level;
 * - beam tilt: the midpoint of the two vertical crossings, degrees below horizontal. The
 *   parametric sector has no built-in tilt, so the sector's electrical tilt should take it.
 *
 * A horizontal cut that never falls 3 dB below its peak is an omni antenna. A file without a
 * VERTICAL block gives no vertical figures: the header's V_WIDTH, else the editor defaults
 * (FIELD_SPECS) are used and listed in {@link MsiFit.assumed}.
 *
 * Figures are rounded to 0.1 (° or dB), the precision of antenna data sheets.
 */
import type { SectorAntenna } from '../scenario/scenario.ts';
import type { AntennaPatternFile } from './msi.ts';

/** Defaults when a file has no VERTICAL block: those of the editor (fields.ts FIELD_SPECS). */
const DEFAULT_V_BEAMWIDTH_DEG = 10;
const DEFAULT_SIDE_LOBE_DB = 20;
/** Bounds the scenario accepts (fields.ts): levels are clamped into them. */
const MAX_LEVEL_DB = 60;
const HALF_POWER_DB = 3;
const CUT_ROWS = 360;

/** The parametric figures of a measured pattern and how they were obtained. */
export interface MsiFit {
  /** Source file name (shown next to the antenna fields). */
  readonly fileName: string;
  /** The file's NAME. */
  readonly patternName: string;
  /** The antenna to store in the sector: `3gpp-sector` with every parameter, or `omni`. */
  readonly antenna: SectorAntenna;
  /** True when the horizontal cut never falls 3 dB below its peak. */
  readonly omni: boolean;
  /** Boresight gain, dBi. */
  readonly maxGainDbi: number;
  /** Horizontal half-power beamwidth, degrees (360 for an omni). */
  readonly hBeamwidthDeg: number;
  /** Vertical half-power beamwidth, degrees. */
  readonly vBeamwidthDeg: number;
  /** Loss 180° from boresight, dB (0 for an omni). */
  readonly frontToBackDb: number;
  /** Strongest vertical side lobe below the peak, dB (SLA_V). */
  readonly sideLobeDb: number;
  /** Clockwise angle of the measured horizontal boresight off the file's 0°, (−180, 180]. */
  readonly boresightOffsetDeg: number;
  /** Tilt of the measured vertical beam, degrees below horizontal; null without a VERTICAL block. */
  readonly beamTiltDeg: number | null;
  /** Figures not measured on the cuts (no VERTICAL block): taken from the header or the defaults. */
  readonly assumed: readonly ('vBeamwidthDeg' | 'sideLobeDb')[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const wrap360 = (i: number): number => ((i % CUT_ROWS) + CUT_ROWS) % CUT_ROWS;
const wrap180 = (a: number): number => {
  let x = a % 360;
  if (x > 180) x -= 360;
  else if (x <= -180) x += 360;
  return x;
};

/**
 * Distance in degrees from sample `peak` to the −3 dB crossing walking in direction `dir`
 * (+1 = increasing angle), at most `maxSteps` samples; null when the loss never reaches it.
 * `lossDb` is relative to the peak.
 */
function crossingDeg(lossDb: (i: number) => number, peak: number, dir: 1 | -1, maxSteps: number): number | null {
  let prev = lossDb(peak);
  for (let k = 1; k <= maxSteps; k++) {
    const cur = lossDb(peak + dir * k);
    if (cur >= HALF_POWER_DB) {
      // √(loss) is linear in angle for a parabolic (dB) lobe.
      const a = Math.sqrt(Math.max(prev, 0));
      const b = Math.sqrt(cur);
      const t = b > a ? (Math.sqrt(HALF_POWER_DB) - a) / (b - a) : 1;
      return k - 1 + t;
    }
    prev = cur;
  }
  return null;
}

/**
 * Side-lobe candidate on one side of the vertical main lobe: from the −3 dB crossing to the
 * front edge (zenith or nadir), the least loss after the first null, or the loss at the edge.
 */
function sideLobeSideDb(lossDb: (d: number) => number, fromDeg: number, edgeDeg: number): number {
  const dir = edgeDeg > fromDeg ? 1 : -1;
  let d = fromDeg;
  // First null: the loss stops rising (1e-9: equal samples of a capped cut are not a null).
  while (d !== edgeDeg && lossDb(d + dir) >= lossDb(d) - 1e-9) d += dir;
  if (d === edgeDeg) return lossDb(edgeDeg);
  let least = Infinity;
  for (let e = d + dir; ; e += dir) {
    least = Math.min(least, lossDb(e));
    if (e === edgeDeg) break;
  }
  return least;
}

/**
 * Derives the 3GPP parametric figures of a parsed MSI file (see the module comment for the
 * definitions).
 * @param file - a file from {@link parseMsi}
 * @returns the figures, the antenna to store, and what was assumed
 * @example
 *   const fit = fitMsiToSector3gpp(parseMsi(text, 'panel.msi'));
 *   // fit.antenna → { type: '3gpp-sector', maxGainDbi: 18, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 25, sideLobeDb: 20 }
 */
export function fitMsiToSector3gpp(file: AntennaPatternFile): MsiFit {
  const h = file.horizontalLossDb;
  let hPeak = 0;
  for (let i = 1; i < CUT_ROWS; i++) if (h[i] < h[hPeak]) hPeak = i;
  const hMin = h[hPeak];
  const hRel = (i: number): number => h[wrap360(i)] - hMin;

  const cw = crossingDeg(hRel, hPeak, 1, 180);
  const ccw = crossingDeg(hRel, hPeak, -1, 180);
  const omni = cw === null || ccw === null || cw + ccw >= 360;
  let hBeamwidthDeg = 360;
  let boresightDeg = hPeak;
  let frontToBackDb = 0;
  if (!omni) {
    hBeamwidthDeg = cw + ccw;
    boresightDeg = hPeak + (cw - ccw) / 2;
    // Loss 180° behind the boresight, linear between samples.
    const back = boresightDeg + 180;
    const i0 = Math.floor(back);
    const tBack = back - i0;
    frontToBackDb = (1 - tBack) * hRel(i0) + tBack * hRel(i0 + 1);
  }

  const v = file.verticalLossDb;
  const assumed: ('vBeamwidthDeg' | 'sideLobeDb')[] = [];
  let vBeamwidthDeg: number;
  let sideLobeDb: number;
  let beamTiltDeg: number | null = null;
  if (v) {
    // Front half-plane: d = −90 (zenith) … 90 (nadir), d degrees below the front horizon.
    let vPeak = 0;
    for (let d = -90; d <= 90; d++) if (v[wrap360(d)] < v[wrap360(vPeak)]) vPeak = d;
    const vMin = v[wrap360(vPeak)];
    const vRel = (d: number): number => v[wrap360(d)] - vMin;
    const down = crossingDeg(vRel, vPeak, 1, 180);
    const up = crossingDeg(vRel, vPeak, -1, 180);
    if (down === null || up === null) {
      vBeamwidthDeg = 180;
      sideLobeDb = 0;
      beamTiltDeg = vPeak;
    } else {
      vBeamwidthDeg = down + up;
      beamTiltDeg = vPeak + (down - up) / 2;
      const clampFront = (d: number): number => Math.max(-90, Math.min(90, d));
      const below = sideLobeSideDb(vRel, clampFront(Math.ceil(vPeak + down)), 90);
      const above = sideLobeSideDb(vRel, clampFront(Math.floor(vPeak - up)), -90);
      sideLobeDb = Math.min(below, above);
    }
  } else {
    vBeamwidthDeg = file.vBeamwidthDeg !== null && file.vBeamwidthDeg > 0 ? file.vBeamwidthDeg : DEFAULT_V_BEAMWIDTH_DEG;
    sideLobeDb = DEFAULT_SIDE_LOBE_DB;
    assumed.push('vBeamwidthDeg', 'sideLobeDb');
  }

  const maxGainDbi = round1(file.maxGainDbi);
  const fit = {
    maxGainDbi,
    hBeamwidthDeg: Math.min(360, round1(hBeamwidthDeg)),
    vBeamwidthDeg: Math.min(180, round1(vBeamwidthDeg)),
    frontToBackDb: Math.min(MAX_LEVEL_DB, round1(frontToBackDb)),
    sideLobeDb: Math.min(MAX_LEVEL_DB, round1(sideLobeDb)),
  };
  const antenna: SectorAntenna = omni
    ? { type: 'omni', maxGainDbi }
    : { type: '3gpp-sector', maxGainDbi, hBeamwidthDeg: fit.hBeamwidthDeg, vBeamwidthDeg: fit.vBeamwidthDeg, frontToBackDb: fit.frontToBackDb, sideLobeDb: fit.sideLobeDb };
  return {
    fileName: file.fileName,
    patternName: file.name,
    antenna,
    omni,
    ...fit,
    boresightOffsetDeg: round1(wrap180(boresightDeg)),
    beamTiltDeg: beamTiltDeg === null ? null : round1(beamTiltDeg) + 0,
    assumed,
  };
}
