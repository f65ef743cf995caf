/**
 * The straightforward single-threaded implementation of the coverage layers: every cell, every
 * sector of the carrier, the exact model functions (no tables, no tiles, no footprint lists),
 * the validated link-budget functions of src/core/linkbudget for the uplink. It is slow on
 * purpose: the golden tests compare the engine against it cell by cell, and the benchmark
 * reports the engine's speed-up over it.
 *
 * Same definitions as the engine: a sector is considered within its footprint radius only, and
 * its signal counts (serves, interferes, overlaps) where it is ≥ the floor; the clutter class of
 * the cell (scene.clutter) gives its clutter loss, entry loss and shadowing σ.
 */
import { uplinkBudget } from '../linkbudget/uplink.ts';
import { absOffBoresightDeg, classAt, sectorLossTerms } from './terms.ts';
import { sectorPathLossDb } from './terrain-loss.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { locationProbability } from '../linkbudget/probability.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { throughputMbps } from './kernel.ts';
import { newCarrierLayers, type CarrierLayers } from './layer-registry.ts';
import type { EngineSector, Scene } from './scene.ts';
import { sceneMask } from './scene.ts';

export interface ReferenceCell {
  /** Every counted sector's RSRP at the cell, dBm, with the sector index. */
  readonly signals: { index: number; rsrpDbm: number; pathLossDb: number; clutterLossDb: number; gainTowardDbi: number }[];
  readonly indoorBestDbm: number;
  /** Sectors evaluated (within their footprint). */
  readonly evaluated: number;
}

/** Every sector's signal at one cell centre (x, y in EPSG:32648 m). */
export function referenceCell(scene: Scene, sectors: readonly EngineSector[], carrier: number, xM: number, yM: number): ReferenceCell {
  const o = scene.options;
  const signals: ReferenceCell['signals'] = [];
  const cls = classAt(scene, xM, yM);
  let indoorBest = -Infinity;
  let evaluated = 0;
  for (const s of sectors) {
    if (s.carrier !== carrier) continue;
    const dx = xM - s.xM;
    const dy = yM - s.yM;
    const d = Math.hypot(dx, dy);
    if (d > s.rangeM) continue;
    evaluated++;
    const t = sectorLossTerms(s, scene.ueHeightM, o);
    // The model's path loss, or the terrain's where the scene computes with terrain (terrain-loss.ts).
    const pl = sectorPathLossDb(scene, s, t, xM, yM, d, cls);
    const gain = s.maxGainDbi - t.antennaAttDb(absOffBoresightDeg(s.azimuthDeg, dx, dy), d);
    const lc = t.clutterLossDb(cls);
    const v = s.pReDbm + gain - s.feederLossDb - pl - lc;
    const vi = v - t.entryLossDb(d, t.buildingOf(cls));
    if (vi >= o.floorDbm && vi > indoorBest) indoorBest = vi;
    if (v >= o.floorDbm) signals.push({ index: s.index, rsrpDbm: v, pathLossDb: pl, clutterLossDb: lc, gainTowardDbi: gain });
  }
  return { signals, indoorBestDbm: indoorBest, evaluated };
}

/** All layers of one carrier over the whole grid (row-major, grid-shaped). */
export function referenceLayers(scene: Scene, carrier: number, mask: Uint8Array = sceneMask(scene), sectors: readonly EngineSector[] = scene.sectors): CarrierLayers {
  const g = scene.grid;
  const o = scene.options;
  const c = scene.carriers[carrier];
  const out = newCarrierLayers(g.width * g.height);
  const bySector = new Map(sectors.map((s) => [s.index, s]));
  for (let row = 0; row < g.height; row++) {
    for (let col = 0; col < g.width; col++) {
      const i = row * g.width + col;
      if (!mask[i]) continue;
      const cell = referenceCell(scene, sectors, carrier, cellCenterX(g, col), cellCenterY(g, row));
      out.indoorDbm[i] = cell.indoorBestDbm > -Infinity ? cell.indoorBestDbm : NaN;
      out.coverageProbabilityPct[i] = 0;
      if (cell.signals.length === 0) continue;
      let best = cell.signals[0];
      for (const sig of cell.signals) if (sig.rsrpDbm > best.rsrpDbm) best = sig;
      let totalMw = 0;
      for (const sig of cell.signals) totalMw += 10 ** (sig.rsrpDbm / 10);
      const sMw = 10 ** (best.rsrpDbm / 10);
      const sinr = 10 * Math.log10(sMw / (o.neighbourLoad * Math.max(0, totalMw - sMw) + c.noiseReMw));
      out.rsrpDbm[i] = best.rsrpDbm;
      out.server[i] = best.index;
      out.overlap[i] = cell.signals.filter((sig) => sig.rsrpDbm >= best.rsrpDbm - o.overlapWindowDb).length;
      out.sinrDb[i] = sinr;
      out.throughputMbps[i] = throughputMbps(c, sinr);
      const cls = scene.clutter ? scene.clutter[i] : -1;
      out.coverageProbabilityPct[i] = 100 * locationProbability(best.rsrpDbm, o.probabilityThresholdDbm, cls >= 0 ? o.clutterTable[CLUTTER_TYPES[cls]].shadowSigmaDb : o.shadowSigmaDb);
      const server = bySector.get(best.index)!;
      // The uplink crosses the same path and clutter (reciprocity).
      out.ulMarginDb[i] = uplinkBudget({
        ueTxPowerDbm: o.ueTxPowerDbm, nPrbAllocated: o.ulPrbs, scsKHz: c.scsKHz, pathLossDb: best.pathLossDb + best.clutterLossDb,
        bsAntennaGainTowardDbi: best.gainTowardDbi, bsFeederLossDb: server.feederLossDb, bsNoiseFigureDb: o.bsNoiseFigureDb,
        interferenceMarginDb: o.ulInterferenceMarginDb, requiredSinrDb: o.ulRequiredSinrDb,
      }).marginDb;
    }
  }
  return out;
}
