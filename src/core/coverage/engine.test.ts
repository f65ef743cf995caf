/**
 * Golden tests (issue 4, acceptance 1): every layer of the engine equals a direct per-cell
 * evaluation (reference.ts: exact model functions, atan2 angles, the validated uplinkBudget)
 * within 1e-6 dB, for the whole grid and for edits.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from './engine.ts';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk, type CoverageLayers } from './layers.ts';
import { referenceLayers } from './reference.ts';
import { engineSectorsForSite, planScene, sceneMask, tilesTouchedByDisc, type Scene } from './scene.ts';
import { copyLayers, expectLayersClose } from './testing.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import type { Scenario } from '../scenario/scenario.ts';

const OPTS = { cellSizeM: 100, tileSize: 16, floorDbm: -125 };

function engineLayers(scene: Scene): { layers: CoverageLayers; engine: EngineCore } {
  const engine = new EngineCore(scene);
  const layers = newCoverageLayers(scene);
  scatterChunk(scene, layers, engine.computeTiles(allTiles(scene)));
  return { layers, engine };
}

describe('coverage engine = direct per-cell evaluation', () => {
  const scenario = smallScenario();
  // Put site C exactly on a cell centre (d = 0 at that cell: boresight by convention in both).
  const probe = planScene(scenario, SMALL_BOUNDARY, OPTS);
  const [lon, lat] = utmToLonLat(cellCenterX(probe.grid, 60), cellCenterY(probe.grid, 8));
  const scen: Scenario = { ...scenario, sites: scenario.sites.map((s) => (s.id === 'C' ? { ...s, lonDeg: lon, latDeg: lat } : s)) };
  const scene = planScene(scen, SMALL_BOUNDARY, OPTS);
  const mask = sceneMask(scene);
  const { layers, engine } = engineLayers(scene);

  it('the scene is what the fixture says', () => {
    expect(scene.sectors).toHaveLength(11);
    expect(scene.grid.width * scene.grid.height).toBeGreaterThan(3000);
    // some cells have no service and some have several overlapping servers
    const l = layers.carriers[0];
    expect(l.rsrpDbm.some((v, i) => mask[i] && Number.isNaN(v)) || l.overlap.some((n) => n >= 3)).toBe(true);
    expect(Math.max(...l.overlap)).toBeGreaterThanOrEqual(2);
  });

  scene.carriers.forEach((c, ci) => {
    it(`every layer of ${c.id} matches within 1e-6 dB`, () => {
      expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), c.id);
    });
  });

  it('tiles with no cell in the area (the notch, 400 m tiles) hold what the reference gives there: the layers\' no-values', () => {
    const small = planScene(scen, SMALL_BOUNDARY, { ...OPTS, tileSize: 4 });
    const m = sceneMask(small);
    const T = small.tileSize, w = small.grid.width;
    const empty = allTiles(small).filter((t) => {
      const c0 = (t % small.tilesX) * T, r0 = Math.floor(t / small.tilesX) * T;
      for (let r = r0; r < Math.min(small.grid.height, r0 + T); r++) for (let c = c0; c < Math.min(w, c0 + T); c++) if (m[r * w + c]) return false;
      return true;
    });
    expect(empty.length).toBeGreaterThan(0);
    const { layers: l } = engineLayers(small);
    small.carriers.forEach((c, ci) => expectLayersClose(l.carriers[ci], referenceLayers(small, ci, m), c.id));
  });

  it('the tables fell back to exact evaluation somewhere (breakpoints, saturations) and stayed exact', () => {
    expect(engine.tables.built).toBeGreaterThan(4);
    // UMa/RMa LOS breakpoints, the NLOS max(), the 18 m LOS-probability knee and the pattern
    // saturations are kinks no cubic can follow: those intervals must have been marked exact.
    expect(engine.tables.exactIntervals).toBeGreaterThan(5);
  });

  it('an edit (site B moved 800 m east, sector B1 turned and tilted) equals a full recompute of the edited scenario', () => {
    const site = scen.sites.find((s) => s.id === 'B')!;
    const moved = { ...site, lonDeg: site.lonDeg + 0.0073, sectors: site.sectors.map((s) => (s.id === 'B1' ? { ...s, azimuthDeg: 95, electricalTiltDeg: 8 } : s)) };
    const edited: Scenario = { ...scen, sites: scen.sites.map((s) => (s.id === 'B' ? moved : s)) };
    const editedScene = planScene(edited, SMALL_BOUNDARY, OPTS);
    const old = scene.sectors.filter((s) => s.siteId === 'B');
    const first = old[0].index;
    const repl = engineSectorsForSite(moved, scene.carriers, scen.carriers.map((c) => c.id), scen.ueHeightM, scene.options, first);
    expect(repl.map((r) => r.index)).toEqual(old.map((s) => s.index));
    engine.beginEdit(old.map((s) => s.index));
    // two intermediate moves, then the final position: bases are reused across moves
    const tilesFor = (secs: typeof repl) => [...new Set(secs.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))];
    const live = copyLayers(scene, layers);
    let shown = tilesFor(old);
    for (const dLon of [0.002, 0.005]) {
      const mid = engineSectorsForSite({ ...moved, lonDeg: site.lonDeg + dLon }, scene.carriers, scen.carriers.map((c) => c.id), scen.ueHeightM, scene.options, first);
      const tiles = [...new Set([...shown, ...tilesFor(mid)])];
      scatterChunk(scene, live, engine.editTiles(tiles, mid));
      shown = tilesFor(mid);
    }
    const tiles = [...new Set([...shown, ...tilesFor(repl)])];
    const res = engine.editTiles(tiles, repl);
    expect(res.evaluations).toBeLessThan(res.tiles.length * 256 * repl.length + 1);
    scatterChunk(scene, live, res);
    // A move that asks for one layer (a drag shows one) gives that layer unchanged and nothing else.
    const part = engine.editTiles(tiles, repl, ['sinr']);
    part.carriers.forEach((c, ci) => {
      expect(c!.rsrpDbm).toHaveLength(0);
      expect(Buffer.from(c!.sinrDb.buffer).equals(Buffer.from(res.carriers[ci]!.sinrDb.buffer))).toBe(true);
    });
    engine.endEdit();
    const full = engineLayers(editedScene).layers;
    editedScene.carriers.forEach((c, ci) => {
      expectLayersClose(live.carriers[ci], full.carriers[ci], `edit ${c.id} vs engine`);
      expectLayersClose(live.carriers[ci], referenceLayers(editedScene, ci, mask), `edit ${c.id} vs reference`);
    });
  });

  it('results do not depend on how tiles are split into work units (1, 2 or 4 workers)', () => {
    const tiles = allTiles(scene);
    for (const workers of [1, 2, 4]) {
      const split = newCoverageLayers(scene);
      for (let w = 0; w < workers; w++) {
        const mine = tiles.filter((t) => t % workers === w).reverse();
        scatterChunk(scene, split, new EngineCore(scene).computeTiles(mine));
      }
      split.carriers.forEach((c, ci) => {
        const whole = layers.carriers[ci];
        expect(Buffer.from(c.rsrpDbm.buffer).equals(Buffer.from(whole.rsrpDbm.buffer))).toBe(true);
        expect(Buffer.from(c.sinrDb.buffer).equals(Buffer.from(whole.sinrDb.buffer))).toBe(true);
        expect(Buffer.from(c.server.buffer).equals(Buffer.from(whole.server.buffer))).toBe(true);
      });
    }
  });
});
