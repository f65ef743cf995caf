/**
 * ITM point-to-point loss at the samples of one radial, from the site outwards, each sample
 * being the far end of the path made of the samples before it (SPLAT!'s point-to-area
 * scheme). NTIA's v1.4 point-to-point steps (src/core/itm/p2p.ts) are followed one for one,
 * but what can be carried from one sample to the next is:
 *
 * - the profile itself: one height array per radial, read with a growing np (no prefix copies);
 * - the mean path elevation and the least-squares sums: prefix sums, O(1) per sample;
 * - both horizons: convex hulls (horizon-hull.ts), O(log n) per sample instead of O(n);
 * - Δh: the previous deciles prefilter the residuals (exact either way);
 * - frequency, ground, variability and free-space constants: once per radial set.
 *
 * The result equals `itmP2p` on the same profile up to rounding (a few 1e-12 dB; the tests
 * compare both on random terrain).
 */
import { ITM_SUCCESS } from '../itm/codes.ts';
import { effectiveCurvature, itmRadio, surfaceRefractivity, type ItmParams, type ItmRadio } from '../itm/params.ts';
import { ItmPath } from '../itm/path.ts';
import { lineOfSightTerminals, positiveDifference } from '../itm/profile.ts';
import { DecileHint, terrainIrregularityM } from '../itm/terrain-irregularity.ts';
import { referenceAttenuation } from '../itm/reference.ts';
import { prepareVariability, variabilityDb, type VariabilitySetup } from '../itm/variability.ts';
import { RxHorizonHull, TxHorizonHull } from './horizon-hull.ts';

/** Incremental ITM along radials (one instance per worker; reused for every radial). */
export class RadialItm {
  /** Capacity in samples (site included). */
  readonly capacity: number;
  /** Heights the path sees at each sample: ground at index 0, ground + clutter beyond, m. Fill before {@link begin}. */
  readonly heightsM: Float64Array;
  /** Bare ground at each sample (the far end of a path stands on it), m. Fill before {@link begin}. */
  readonly groundM: Float64Array;

  private readonly hTxM: number;
  private hRxM: number;
  private readonly n0: number;
  private readonly radio: ItmRadio;
  private readonly variability: VariabilitySetup;
  private readonly freeSpaceBaseDb: number;
  private readonly sumH: Float64Array;
  private readonly sumIH: Float64Array;
  private readonly txHull: TxHorizonHull;
  private readonly rxHull: RxHorizonHull;
  private readonly path = new ItmPath();
  private readonly fit = new Float64Array(2);
  private readonly hint = new DecileHint();
  private readonly variabilityWarnings: number;
  private baseWarnings: number;
  private count = 0;
  private spacingM = 0;
  private added = 0;
  private zTxM = 0;
  /** Warning bits of the last computed sample. */
  lastWarnings = 0;
  /** Propagation mode of the last computed sample. */
  lastMode = 0;

  /**
   * @param capacity Largest number of samples of a radial (site included).
   * @param params Validated ITM inputs (see validateItmInputs); warnings of the validation in `inputWarnings`.
   */
  constructor(capacity: number, hTxM: number, hRxM: number, params: ItmParams, inputWarnings = 0) {
    this.capacity = capacity;
    this.heightsM = new Float64Array(capacity);
    this.groundM = new Float64Array(capacity);
    this.sumH = new Float64Array(capacity + 1);
    this.sumIH = new Float64Array(capacity + 1);
    this.txHull = new TxHorizonHull(capacity);
    this.rxHull = new RxHorizonHull(capacity);
    this.hTxM = hTxM;
    this.hRxM = hRxM;
    this.n0 = params.n0;
    this.radio = itmRadio(params);
    this.variability = prepareVariability(params);
    this.freeSpaceBaseDb = 32.45 + 20 * Math.log10(params.freqMHz);
    this.variabilityWarnings = this.variability.warnings;
    this.baseWarnings = inputWarnings | this.variabilityWarnings;
  }

  /**
   * Changes the receiver height of the next evaluations (the horizons' hulls and prefix sums do
   * not depend on it, so one radial serves several receiver heights, e.g. one per clutter class).
   * @param inputWarnings Warning bits of validateItmInputs for this height.
   */
  setReceiver(hRxM: number, inputWarnings: number): void {
    this.hRxM = hRxM;
    this.baseWarnings = inputWarnings | this.variabilityWarnings;
  }

  /** Starts a radial of `count` samples at `spacingM` (heights already filled). */
  begin(count: number, spacingM: number): void {
    const h = this.heightsM;
    const sumH = this.sumH;
    const sumIH = this.sumIH;
    let s0 = 0;
    let s1 = 0;
    let maxH = -Infinity;
    sumH[0] = 0;
    sumIH[0] = 0;
    for (let i = 0; i < count; i++) {
      const v = h[i];
      s0 += v;
      s1 += i * v;
      sumH[i + 1] = s0;
      sumIH[i + 1] = s1;
      if (v > maxH) maxH = v;
      if (this.groundM[i] > maxH) maxH = this.groundM[i];
    }
    this.count = count;
    this.spacingM = spacingM;
    this.added = 0;
    this.zTxM = h[0] + this.hTxM;
    this.txHull.reset();
    // γ rises with the mean path elevation, which never exceeds the radial's highest sample.
    this.rxHull.reset(effectiveCurvature(surfaceRefractivity(this.n0, maxH)));
    this.hint.upperM = NaN;
    this.hint.lowerM = NaN;
  }

  /**
   * Basic transmission loss (dB) of the path from the site to sample k (1 ≤ k < count), NaN
   * when ITM rejects the path (surface refractivity out of range). Calls on one radial must
   * come with increasing k (gaps allowed).
   */
  lossAtDb(k: number): number {
    const h = this.heightsM;
    const s = this.spacingM;
    // Points 1 … k−1 are the intermediate points of this path.
    while (this.added < k - 1) {
      const i = ++this.added;
      const x = i * s;
      this.txHull.push(i, x, (h[i] - this.zTxM) / x);
      this.rxHull.push(i, x, h[i]);
    }
    const stored = h[k];
    const hEnd = this.groundM[k];
    h[k] = hEnd;
    const loss = this.pathLossDb(k, hEnd - stored);
    h[k] = stored;
    return loss;
  }

  private pathLossDb(k: number, endCorrection: number): number {
    const h = this.heightsM;
    const s = this.spacingM;
    const path = this.path;
    const dM = k * s;
    // Mean elevation over the middle 80 % of the points.
    const p10 = Math.trunc(0.1 * k);
    const top = k - p10;
    let sum = this.sumH[top + 1] - this.sumH[p10];
    if (top === k) sum += endCorrection;
    const nS = surfaceRefractivity(this.n0, sum / (top - p10 + 1));
    const gammaE = effectiveCurvature(nS);
    const aEM = 1 / gammaE;
    // Horizons, with the angles written exactly as findHorizons writes them.
    const twoAe = 2 * aEM;
    const zTx = this.zTxM;
    const zRx = h[k] + this.hRxM;
    let thTx = (zRx - zTx) / dM - dM / twoAe;
    let thRx = -(zRx - zTx) / dM - dM / twoAe;
    let dTx = dM;
    let dRx = dM;
    if (k >= 2) {
      const i = this.txHull.best(0.5 * gammaE);
      const xi = i * s;
      const a = (h[i] - zTx) / xi - xi / twoAe;
      if (a > thTx) {
        thTx = a;
        dTx = xi;
      }
      const j = this.rxHull.best(dM, zRx, gammaE, aEM, h, s);
      const wj = (k - j) * s;
      const b = -(zRx - h[j]) / wj - wj / twoAe;
      if (b > thRx) {
        thRx = b;
        dRx = wj;
      }
    }
    path.dM = dM;
    path.hTxM = this.hTxM;
    path.hRxM = this.hRxM;
    path.nS = nS;
    path.gammaE = gammaE;
    path.thetaHznTx = thTx;
    path.thetaHznRx = thRx;
    path.dHznTxM = dTx;
    path.dHznRxM = dRx;
    path.warnings = this.baseWarnings;
    // Δh and effective heights (profile.ts effectiveTerminals, with prefix-sum fits).
    const dStartM = Math.min(15 * this.hTxM, 0.1 * dTx);
    const dEndM = dM - Math.min(15 * this.hRxM, 0.1 * dRx);
    path.deltaHM = terrainIrregularityM(h, k, s, dStartM, dEndM, this.hint);
    const fit = this.fit;
    if (dTx + dRx > 1.5 * dM) {
      this.fitLine(k, dStartM, dEndM, endCorrection);
      lineOfSightTerminals(path, positiveDifference(h[0], fit[0]), positiveDifference(h[k], fit[1]), aEM);
    } else {
      this.fitLine(k, dStartM, 0.9 * dTx, endCorrection);
      path.heTxM = this.hTxM + positiveDifference(h[0], fit[0]);
      this.fitLine(k, dM - 0.9 * dRx, dEndM, endCorrection);
      path.heRxM = this.hRxM + positiveDifference(h[k], fit[1]);
    }
    if (referenceAttenuation(path, this.radio, true) !== ITM_SUCCESS) {
      this.lastWarnings = path.warnings;
      this.lastMode = 0;
      return NaN;
    }
    this.lastWarnings = path.warnings;
    this.lastMode = path.mode;
    const freeSpaceDb = this.freeSpaceBaseDb + 20 * Math.log10(dM / 1000);
    return variabilityDb(this.variability, path.aRefDb, dM, path.heTxM, path.heRxM, path.deltaHM) + freeSpaceDb;
  }

  /**
   * fitTerrainLine (src/core/itm/profile.ts) on the prefix 0…np from the prefix sums; the far
   * end's height differs from the stored one by `endCorrection`. Writes the line's heights at
   * both ends into `this.fit`.
   */
  private fitLine(np: number, dStartM: number, dEndM: number, endCorrection: number): void {
    const s = this.spacingM;
    const h = this.heightsM;
    let iStart = Math.trunc(positiveDifference(dStartM / s, 0));
    let iEnd = np - Math.trunc(positiveDifference(np, dEndM / s));
    if (iEnd <= iStart) {
      iStart = Math.trunc(positiveDifference(iStart, 1));
      iEnd = np - Math.trunc(positiveDifference(np, iEnd + 1));
    }
    const span = iEnd - iStart;
    let s0 = this.sumH[iEnd + 1] - this.sumH[iStart];
    let s1 = this.sumIH[iEnd + 1] - this.sumIH[iStart];
    if (iEnd === np) {
      s0 += endCorrection;
      s1 += np * endCorrection;
    }
    const hS = h[iStart];
    const hE = h[iEnd];
    // Trapezoidal weights (½ at both ends), abscissae centred on the span.
    const sum = s0 - 0.5 * (hS + hE);
    const centre = iEnd - 0.5 * span;
    const moment = s1 - 0.5 * (iStart * hS + iEnd * hE) - centre * sum;
    const mean = sum / span;
    const slope = (moment * 12) / ((span * span + 2) * span);
    this.fit[0] = mean - slope * centre;
    this.fit[1] = mean + slope * (np - centre);
  }
}
