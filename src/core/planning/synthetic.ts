/**
 * SYNTHETIC planning instances for the optimality tests (never shown as real sites): a small
 * square of cells with towns of people, a few existing sites and up to ~20 candidate sites,
 * each a 3-sector site with a simple link budget —
 *
 *   v = EIRP − PL(d) − min(12 (φ/65°)², 20 dB),  PL = 128.1 + 37.6 log10(d / 1 km)
 *
 * (TR 36.942 §4.5 macro path loss at 2 GHz and the 3GPP sector cut) — and a cell covered when
 * its best v ≥ threshold and, optionally, its SINR = best / (load · Σ others + noise) ≥ a
 * threshold. Without the SINR condition the objective (people covered) is monotone submodular
 * (a coverage function); with it, it is not: a new site's power adds to every other cell's
 * interference. {@link SyntheticOracle} answers the search's questions by recomputing every
 * cell, so it is exact by construction and independent of the engine.
 */
import type { Change, CoverageOracle, Measure } from './oracle.ts';
import { mulberry32 } from '../prng.ts';

export interface SyntheticSite {
  readonly xKm: number;
  readonly yKm: number;
  /** EIRP per resource element at boresight, dBm. */
  readonly eirpDbm: number;
  /** Azimuth of the first sector (the others at +120°, +240°), degrees from north. */
  readonly azimuthDeg: number;
}

export interface SyntheticInstance {
  readonly cols: number;
  readonly rows: number;
  readonly cellKm: number;
  /** People per cell, row-major. */
  readonly people: Float64Array;
  readonly existing: readonly SyntheticSite[];
  readonly candidates: readonly SyntheticSite[];
  readonly thresholdDbm: number;
  /** SINR threshold, dB; null: coverage by RSRP alone. */
  readonly sinrDb: number | null;
  /** Noise per resource element, dBm (−174 dBm/Hz + 10 log10(15 kHz) + 7 dB noise figure ≈ −125). */
  readonly noiseDbm: number;
  /** Neighbour load factor of the interference. */
  readonly load: number;
}

/**
 * A seeded instance: 40 × 40 cells of 100 m, 3–5 towns (Gaussian, σ 250–600 m) over a
 * background of 2–10 people per cell, 1–2 existing sites, `candidates` candidate sites
 * (EIRP 28–34 dBm, random azimuth), threshold −100 dBm (a boresight reach of about 1.1 km).
 */
export function syntheticInstance(seed: number, o: { candidates?: number; existing?: number; sinrDb?: number | null } = {}): SyntheticInstance {
  const rnd = mulberry32(seed);
  const cols = 40, rows = 40, cellKm = 0.1;
  const people = new Float64Array(cols * rows);
  const towns = 3 + Math.floor(rnd() * 3);
  const t = Array.from({ length: towns }, () => ({ x: rnd() * 4, y: rnd() * 4, s: 0.25 + rnd() * 0.35, peak: 100 + rnd() * 400 }));
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const x = (c + 0.5) * cellKm, y = (r + 0.5) * cellKm;
    let v = 2 + rnd() * 8;
    for (const k of t) v += k.peak * Math.exp(-((x - k.x) ** 2 + (y - k.y) ** 2) / (2 * k.s * k.s));
    people[r * cols + c] = Math.round(v);
  }
  const site = (): SyntheticSite => ({ xKm: rnd() * 4, yKm: rnd() * 4, eirpDbm: 28 + rnd() * 6, azimuthDeg: Math.floor(rnd() * 120) });
  const existing = Array.from({ length: o.existing ?? 1 + Math.floor(rnd() * 2) }, site);
  const candidates = Array.from({ length: o.candidates ?? 20 }, site);
  return { cols, rows, cellKm, people, existing, candidates, thresholdDbm: -100, sinrDb: o.sinrDb ?? null, noiseDbm: -125, load: 0.5 };
}

/** Per cell, a site's best sector power and the sum of its sectors' powers, mW. */
export function sitePowers(inst: SyntheticInstance, s: SyntheticSite): { best: Float64Array; sum: Float64Array } {
  const n = inst.cols * inst.rows;
  const best = new Float64Array(n), sum = new Float64Array(n);
  for (let r = 0; r < inst.rows; r++) for (let c = 0; c < inst.cols; c++) {
    const dx = (c + 0.5) * inst.cellKm - s.xKm, dy = (r + 0.5) * inst.cellKm - s.yKm;
    const d = Math.max(0.035, Math.hypot(dx, dy));
    const pl = 128.1 + 37.6 * Math.log10(d);
    const bearing = (Math.atan2(dx, dy) * 180) / Math.PI;
    const i = r * inst.cols + c;
    for (let k = 0; k < 3; k++) {
      const phi = ((((bearing - s.azimuthDeg - 120 * k) % 360) + 540) % 360) - 180;
      const v = s.eirpDbm - pl - Math.min(12 * (phi / 65) ** 2, 20);
      const mw = 10 ** (v / 10);
      sum[i] += mw;
      if (mw > best[i]) best[i] = mw;
    }
  }
  return { best, sum };
}

/** Azimuth step of a tweak, degrees. */
export const SYNTHETIC_AZIMUTH_STEP_DEG = 20;

/** The search's oracle over a synthetic instance (every answer recomputed over every cell). */
export class SyntheticOracle implements CoverageOracle {
  readonly candidateCount: number;
  readonly submodular: boolean;
  evaluations = 0;
  private readonly options: { group: number; azOffsetDeg: number; p: { best: Float64Array; sum: Float64Array } }[] = [];
  private readonly optionIds = new Map<string, number>();
  private readonly base: { best: Float64Array; sum: Float64Array };
  private current: number[] = [];
  private figures: Measure;

  constructor(readonly inst: SyntheticInstance) {
    this.candidateCount = inst.candidates.length;
    this.submodular = inst.sinrDb === null;
    inst.candidates.forEach((_, i) => this.option(i, 0));
    const n = inst.cols * inst.rows;
    this.base = { best: new Float64Array(n), sum: new Float64Array(n) };
    for (const s of inst.existing) {
      const p = sitePowers(inst, s);
      for (let i = 0; i < n; i++) {
        this.base.sum[i] += p.sum[i];
        if (p.best[i] > this.base.best[i]) this.base.best[i] = p.best[i];
      }
    }
    this.figures = this.measureOf([]);
  }

  private option(group: number, azOffsetDeg: number): number {
    const az = ((azOffsetDeg % 120) + 120) % 120;
    const key = `${group}|${az}`;
    let id = this.optionIds.get(key);
    if (id === undefined) {
      const s = this.inst.candidates[group];
      id = this.options.length;
      this.options.push({ group, azOffsetDeg: az, p: sitePowers(this.inst, { ...s, azimuthDeg: s.azimuthDeg + az }) });
      this.optionIds.set(key, id);
    }
    return id;
  }

  groupOf(option: number): number {
    return this.options[option].group;
  }

  tweaks(option: number): readonly number[] {
    const o = this.options[option];
    return [this.option(o.group, o.azOffsetDeg + SYNTHETIC_AZIMUTH_STEP_DEG), this.option(o.group, o.azOffsetDeg - SYNTHETIC_AZIMUTH_STEP_DEG)];
  }

  /** Figures of the existing sites plus these options (any set, not only the current one). */
  measureOf(options: readonly number[]): Measure {
    const inst = this.inst;
    const thr = 10 ** (inst.thresholdDbm / 10);
    const sinrLin = inst.sinrDb === null ? 0 : 10 ** (inst.sinrDb / 10);
    const noise = 10 ** (inst.noiseDbm / 10);
    const ps = options.map((o) => this.options[o].p);
    let people = 0, cells = 0;
    for (let i = 0; i < inst.people.length; i++) {
      let best = this.base.best[i], sum = this.base.sum[i];
      for (const p of ps) {
        sum += p.sum[i];
        if (p.best[i] > best) best = p.best[i];
      }
      if (!(best >= thr)) continue;
      if (inst.sinrDb !== null && !(best / (inst.load * (sum - best) + noise) >= sinrLin)) continue;
      people += inst.people[i];
      cells++;
    }
    return { objective: people, population: people, areaKm2: cells * inst.cellKm * inst.cellKm };
  }

  private after(change: Change): number[] {
    const gone = new Set(change.remove);
    for (const r of change.remove) if (!this.current.includes(r)) throw new Error(`option ${r} is not chosen`);
    const next = this.current.filter((o) => !gone.has(o));
    for (const a of change.add) {
      if (next.some((o) => this.groupOf(o) === this.groupOf(a))) throw new Error(`candidate ${this.groupOf(a)} would be chosen twice`);
      next.push(a);
    }
    return next;
  }

  async evaluate(changes: readonly Change[]): Promise<Float64Array> {
    this.evaluations += changes.length;
    return Float64Array.from(changes, (c) => this.measureOf(this.after(c)).objective - this.figures.objective);
  }

  async apply(change: Change): Promise<Measure> {
    this.evaluations++;
    this.current = this.after(change);
    this.figures = this.measureOf(this.current);
    return this.figures;
  }

  measure(): Measure {
    return this.figures;
  }
}
