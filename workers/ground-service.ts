/**
 * The ground of the analysis worker: the rasters (WorldPop and the GSHHG water mask fetched
 * once; a land-cover map and a DEM the user imports) and, per grid, what src/core/ground makes
 * of them — people per cell for the statistics, clutter classes and terrain heights for the
 * engine and the map. Thin: the work is src/core/ground's and src/core/raster's.
 */
import type { BoundaryFeature } from '../src/core/boundaries/boundaries.ts';
import type { Grid } from '../src/core/grid/grid.ts';
import { openRaster } from '../src/core/raster/open.ts';
import type { GeoRaster } from '../src/core/raster/raster.ts';
import { resampleElevation } from '../src/core/raster/resample-elevation.ts';
import { buildGround, type Ground } from '../src/core/ground/ground.ts';
import { clutterShares } from '../src/core/ground/clutter-map.ts';
import type { ClutterType } from '../src/core/clutter/p2108.ts';
import type { CommuneLabels } from '../src/core/stats/commune-stats.ts';

/** A file the user brought (its name for messages, its bytes). */
export interface GroundFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

/** Where the ground comes from: the prepared rasters' URLs, and the user's files (null: none). */
export interface GroundSources {
  readonly populationUrl: string | null;
  readonly waterUrl: string | null;
  readonly landCover: GroundFile | null;
  readonly dem: GroundFile | null;
}

/** What the main thread and the engine need of a grid's ground. */
export interface GroundSummary {
  readonly clutter: Uint8Array;
  readonly dem: Float32Array | null;
  readonly clutterSource: Ground['clutterSource'];
  /** Share of the communes' cells in each class. */
  readonly shares: Record<ClutterType, number>;
  readonly people: number;
  /** Plain-language notes, each naming its file (fallbacks, fills, holes). */
  readonly notes: string[];
}

export function makeGroundService(fetchBytes: (url: string) => Promise<ArrayBuffer>) {
  let rasters: { population: GeoRaster | null; water: GeoRaster | null; landCover: GeoRaster | null; dem: GeoRaster | null; key: string } | null = null;
  let current: { key: string; ground: Ground; dem: Float32Array | null; notes: string[] } | null = null;

  const open = async (url: string | null): Promise<GeoRaster | null> => {
    if (!url) return null;
    const name = url.split('/').pop() ?? url;
    return openRaster(await fetchBytes(url), name);
  };

  return {
    /**
     * Opens the sources (a file that cannot be read throws its named error and changes nothing).
     * Resolves with the key the grounds of these sources carry.
     */
    async setSources(s: GroundSources): Promise<string> {
      const [landCover, dem] = await Promise.all([s.landCover ? openRaster(s.landCover.bytes, s.landCover.name) : null, s.dem ? openRaster(s.dem.bytes, s.dem.name) : null]);
      const base = rasters && rasters.key.startsWith(`${s.populationUrl}|${s.waterUrl}|`) ? rasters : null;
      const [population, water] = base ? [base.population, base.water] : await Promise.all([open(s.populationUrl), open(s.waterUrl)]);
      const key = `${s.populationUrl}|${s.waterUrl}|${s.landCover?.name ?? ''}:${s.landCover?.bytes.byteLength ?? 0}|${s.dem?.name ?? ''}:${s.dem?.bytes.byteLength ?? 0}`;
      if (rasters?.key !== key) current = null;
      rasters = { population, water, landCover, dem, key };
      return key;
    },
    /** The ground of a grid (kept for the statistics of that grid). */
    async build(grid: Grid, communes: readonly BoundaryFeature[], labels: CommuneLabels): Promise<GroundSummary> {
      if (!rasters) throw new Error('ground: no sources set');
      const key = `${rasters.key}|${JSON.stringify(grid)}`;
      if (current?.key !== key) {
        const ground = await buildGround({ grid, communes, communesFileName: 'communes', labels, population: rasters.population, water: rasters.water, landCover: rasters.landCover });
        const notes = [...ground.notes];
        let dem: Float32Array | null = null;
        if (rasters.dem) {
          const e = await resampleElevation(rasters.dem, grid);
          dem = e.elevationM;
          notes.push(...e.warnings);
        }
        current = { key, ground, dem, notes };
      }
      const { ground, dem, notes } = current;
      let people = 0;
      for (let i = 0; i < ground.peoplePerCell.length; i++) people += ground.peoplePerCell[i];
      return { clutter: ground.clutter.slice(), dem: dem ? dem.slice() : null, clutterSource: ground.clutterSource, shares: clutterShares(ground.clutter, labels), people, notes: [...notes] };
    },
    /** The ground of this grid, if built. */
    of(grid: Grid): { ground: Ground; dem: Float32Array | null; notes: string[] } | null {
      return current && current.key.endsWith(`|${JSON.stringify(grid)}`) ? current : null;
    },
  };
}

export type GroundService = ReturnType<typeof makeGroundService>;
