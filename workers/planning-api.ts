/**
 * The planning worker's API: one request runs a whole site plan (src/core/planning/plan.ts) in
 * this worker, on an engine of its own (the engine oracle's in-thread runner), so the app's
 * coverage workers and the main thread stay free. The communes, WorldPop and water rasters are
 * fetched once and the ground (people, water, clutter per cell) is kept per grid. Cancelling is
 * the facade's: it terminates the worker (the search has no yield point to hear a message).
 * Thin: the computations are src/core's.
 */
import type { Position } from 'geojson';
import { parseBoundaryGeoJson, type BoundaryFeature } from '../src/core/boundaries/boundaries.ts';
import { EngineCore } from '../src/core/coverage/engine.ts';
import { sceneMask } from '../src/core/coverage/scene.ts';
import { buildGround, type Ground } from '../src/core/ground/ground.ts';
import { openRaster } from '../src/core/raster/open.ts';
import { engineRunner } from '../src/core/planning/engine-oracle.ts';
import { planningGrid, planningScene, runPlan, type CandidateOptions, type PlanProgress, type PlanResult, type PlanningTarget } from '../src/core/planning/plan.ts';
import { insideRings } from '../src/core/planning/target.ts';
import type { Scenario } from '../src/core/scenario/scenario.ts';
import type { CommuneInput } from './analysis-api.ts';

/** Everything a plan needs, as plain data. */
export interface PlanRequest {
  readonly scenario: Scenario;
  /** The computed area (the province outline), WGS 84 rings. */
  readonly boundaryRings: Position[][];
  readonly communes: CommuneInput;
  /** URLs of the WorldPop people raster and the GSHHG water mask (public/data). */
  readonly populationUrl: string;
  readonly waterUrl: string;
  readonly cellSizeM: number;
  readonly target: PlanningTarget;
  readonly candidates: CandidateOptions;
  readonly seed: number;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function makePlanningApi() {
  let communes: { key: string; features: BoundaryFeature[] } | null = null;
  let ground: { key: string; ground: Ground } | null = null;

  const communesOf = async (src: CommuneInput): Promise<BoundaryFeature[]> => {
    if (Array.isArray(src)) return src;
    const key = `${src.url}|${src.nameProperty}`;
    if (communes?.key !== key) {
      const res = await fetch(src.url);
      if (!res.ok) throw new Error(`${src.url}: HTTP ${res.status}`);
      const parsed = parseBoundaryGeoJson(await res.text(), src.url, src.nameProperty).features;
      communes = { key, features: parsed.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties?.[src.nameProperty] ?? '' } })) };
    }
    return communes.features;
  };

  return {
    /** Runs a plan; `onProgress` is called at each stage and pick. */
    async plan(req: PlanRequest, onProgress?: (p: PlanProgress) => void): Promise<PlanResult> {
      const features = await communesOf(req.communes);
      const grid = planningGrid(req.boundaryRings, req.cellSizeM);
      const key = `${JSON.stringify(grid)}|${features.length}|${req.populationUrl}|${req.waterUrl}`;
      if (ground?.key !== key) {
        const population = await openRaster(await fetchBytes(req.populationUrl), req.populationUrl.split('/').pop() ?? 'population.tif');
        const water = await openRaster(await fetchBytes(req.waterUrl), req.waterUrl.split('/').pop() ?? 'water.tif');
        ground = { key, ground: await buildGround({ grid, communes: features, communesFileName: 'communes', population, water }) };
      }
      const scene = planningScene(req.scenario, req.boundaryRings, req.cellSizeM, req.target, ground.ground.clutter);
      const mask = sceneMask(scene);
      return runPlan({
        scenario: req.scenario, scene, mask, ground: ground.ground, communes: features, inside: insideRings(req.boundaryRings),
        target: req.target, candidates: req.candidates, seed: req.seed, onProgress,
      }, engineRunner(new EngineCore(scene, mask)));
    },
  };
}

export type PlanningApi = ReturnType<typeof makePlanningApi>;
