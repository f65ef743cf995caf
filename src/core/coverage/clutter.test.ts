/**
 * The engine with a clutter map: every layer equals the direct per-cell evaluation (reference.ts,
 * which applies the clutter table term by term) with all six classes present, for the whole grid
 * and for an edit; and one cell per class worked by hand from the terms (clutter/table.ts).
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from './engine.ts';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk } from './layers.ts';
import { referenceLayers } from './reference.ts';
import { planScene, sceneMask } from './scene.ts';
import { copyLayers, expectLayersClose } from './testing.ts';
import { pointReadout } from './readout.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { CLUTTER_TYPES, heightGainCorrectionDb } from '../clutter/p2108.ts';
import { DEFAULT_CLUTTER_TABLE } from '../clutter/table.ts';
import { buildingEntryLossDb } from '../clutter/p2109.ts';
import { complementaryNormal } from '../linkbudget/probability.ts';
import { getPathLossModel } from '../propagation/registry.ts';

const OPTS = { cellSizeM: 100, tileSize: 16, floorDbm: -125 };
const probe = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
// Stripes of 7 columns per class, all six classes across the grid.
const clutter = Uint8Array.from({ length: probe.grid.width * probe.grid.height }, (_, i) => Math.floor((i % probe.grid.width) / 7) % CLUTTER_TYPES.length);
const scene = planScene(smallScenario(), SMALL_BOUNDARY, OPTS, clutter);
const mask = sceneMask(scene);
const engine = new EngineCore(scene);
const layers = newCoverageLayers(scene);
scatterChunk(scene, layers, engine.computeTiles(allTiles(scene)));

describe('coverage engine with a clutter map = direct per-cell evaluation', () => {
  scene.carriers.forEach((c, ci) => {
    it(`every layer of ${c.id} matches (all six classes)`, () => {
      expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), `${c.id} with clutter`);
    });
  });

  it('an edit (site A turned) with the clutter map equals a full recompute', () => {
    const scen = smallScenario();
    const moved = { ...scen, sites: scen.sites.map((s) => (s.id === 'A' ? { ...s, sectors: s.sectors.map((x) => ({ ...x, azimuthDeg: (x.azimuthDeg + 70) % 360 })) } : s)) };
    const next = planScene(moved, SMALL_BOUNDARY, OPTS, clutter);
    const own = scene.sectors.filter((s) => s.siteId === 'A');
    engine.beginEdit(own.map((s) => s.index));
    const live = copyLayers(scene, layers);
    scatterChunk(scene, live, engine.editTiles(allTiles(scene), next.sectors.filter((s) => s.siteId === 'A')));
    engine.endEdit();
    next.carriers.forEach((c, ci) => expectLayersClose(live.carriers[ci], referenceLayers(next, ci, mask), `edit ${c.id}`));
  });

  it('the clutter makes a difference: RSRP with the map is lower than without by the class loss where a class has one', () => {
    const bare = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
    const ref = referenceLayers(bare, 0, mask);
    const withMap = layers.carriers[0];
    let lower = 0, equal = 0;
    for (let i = 0; i < clutter.length; i++) {
      if (!mask[i] || Number.isNaN(withMap.rsrpDbm[i]) || Number.isNaN(ref.rsrpDbm[i])) continue;
      const cls = CLUTTER_TYPES[clutter[i]];
      if (cls === 'water-sea' || cls === 'open-rural') {
        if (Math.abs(withMap.rsrpDbm[i] - ref.rsrpDbm[i]) < 1e-6) equal++;
      } else if (withMap.rsrpDbm[i] < ref.rsrpDbm[i] - 1) lower++;
    }
    expect(equal).toBeGreaterThan(100);
    expect(lower).toBeGreaterThan(100);
  });
});

describe('one cell per class, by hand (readout at the cell centre)', () => {
  // P.2108 §3.1: the model evaluated to the clutter height R (when R > 1.5 m) plus Ah at
  // 1842.5 MHz for a 1.5 m UE (ws 27 m); P.2109 with the class's building; σ of the class:
  //   RSRP_class = RSRP_bare + PL(d, h_BS, 1.5 m) − PL(d, h_BS, max(R, 1.5 m)) − Ah
  //   P = Q((−110 − RSRP_class) / σ)
  const bare = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
  for (let k = 0; k < CLUTTER_TYPES.length; k++) {
    const type = CLUTTER_TYPES[k];
    it(type, () => {
      const row = DEFAULT_CLUTTER_TABLE[type];
      const col = k * 7 + 3;
      const rowIdx = 20;
      const x = cellCenterX(scene.grid, col), y = cellCenterY(scene.grid, rowIdx);
      expect(clutter[rowIdx * scene.grid.width + col]).toBe(k);
      const a = pointReadout(bare, 0, x, y), b = pointReadout(scene, 0, x, y);
      const best = a.servers[0], got = b.servers.find((s) => s.sectorId === best.sectorId)!;
      const ah = row.clutterHeightM > 1.5 ? heightGainCorrectionDb(1.8425, 1.5, row.clutterHeightM, 27, type) : 0;
      const model = getPathLossModel(best.modelId)!;
      const site = scene.sectors[best.index];
      const plAtR = model.pathLossDb(1842.5, best.distanceM, site.heightM, Math.max(row.clutterHeightM, 1.5));
      expect(got.clutterClass).toBe(type);
      expect(got.clutterLossDb).toBeCloseTo(ah, 12);
      expect(got.pathLossDb).toBeCloseTo(plAtR, 9);
      expect(got.rsrpDbm).toBeCloseTo(best.rsrpDbm + best.pathLossDb - plAtR - ah, 9);
      const bel = buildingEntryLossDb(1.8425, 50, row.building, got.elevDownDeg);
      expect(got.indoorRsrpDbm).toBeCloseTo(got.rsrpDbm - bel, 9);
      if (b.servers[0].sectorId === got.sectorId) {
        expect(b.coverageProbabilityPct).toBeCloseTo(100 * complementaryNormal((-110 - got.rsrpDbm) / row.shadowSigmaDb), 9);
      }
      // the sizes of the terms: none for water and open land (UE above R = 0), a loss for the others
      if (row.clutterHeightM <= 1.5) expect(ah).toBe(0);
      else expect(ah).toBeGreaterThan(5);
    });
  }
});
