/**
 * The analysis worker's API: it keeps the whole-grid coverage layers, keyed by version, and
 * answers every question asked of them (commune statistics, gaps, private networks,
 * distributions, a layer to draw, the export bundle) without the main thread ever holding or
 * copying them (STYLE.md §6). Engine chunks arrive here transferred; a layer leaves as a copy
 * made here, transferred. Thin: the computations are src/core's.
 */
import type { Polygon } from 'geojson';
import { zipSync } from 'fflate';
import { scatterChunk, type CoverageLayers } from '../src/core/coverage/layers.ts';
import { layerArray, layerDef, newHeldCarrierLayers, type CarrierLayers, type LayerArray, type LayerId } from '../src/core/coverage/layer-registry.ts';
import { remapServerAfterRemoval } from '../src/core/coverage/incremental.ts';
import { deriveLayers, type LayerDerivation } from '../src/core/coverage/finish.ts';
import type { Grid } from '../src/core/grid/grid.ts';
import { mercatorIndex, type MercatorRaster } from '../src/core/grid/resample.ts';
import { parseBoundaryGeoJson, type BoundaryFeature } from '../src/core/boundaries/boundaries.ts';
import { communeLabelGrid, type CommuneLabels, type CommuneStatsResult } from '../src/core/stats/commune-stats.ts';
import { distribution, type Distribution } from '../src/core/stats/distribution.ts';
import { gapPolygons, type GapCollection, type GapSite } from '../src/core/stats/gaps.ts';
import { privateNetworkStats, type PrivateNetworkStats } from '../src/core/stats/private-network.ts';
import { buildBundle, type BundleInput, type BundleOptions } from '../src/core/export/contract.ts';
import { contractCommuneStats, type StatsOptions } from '../src/core/export/contract.ts';
import type { BinSpec } from '../src/core/coverage/layer-registry.ts';
import { makeGroundService, type GroundSources, type GroundSummary } from './ground-service.ts';

export type { GroundSources, GroundSummary } from './ground-service.ts';

/** Communes for the statistics: the features, or a GeoJSON URL the worker fetches and parses once. */
export type CommuneInput = BoundaryFeature[] | { readonly url: string; readonly nameProperty: string };

/** What a version's layers cover: the grid, its tiles and the carriers (in the scene's order). */
export interface LayerFrame {
  readonly grid: Grid;
  readonly tileSize: number;
  readonly tilesX: number;
  readonly carrierIds: readonly string[];
  /** When given, throughput and uplink margin are derived when asked instead of held (coverage/finish.ts). */
  readonly derive?: LayerDerivation | null;
}

/** The tiles of a computation and their layers per carrier (null: the carrier is unchanged). */
export interface ChunkPayload {
  readonly tiles: Int32Array;
  readonly carriers: readonly (CarrierLayers | null)[];
}

/** Thrown when a version asked for is not (or no longer) held: the question is stale. */
export const STALE_VERSION = 'stale-version';

interface Held {
  frame: LayerFrame;
  readonly layers: CoverageLayers;
}

/** Ground layers the map can show (people per km², clutter class, terrain height). */
export type GroundLayerId = 'population' | 'clutter' | 'elevation';

export function makeAnalysisApi(transfer: <T>(value: T, buffers: ArrayBuffer[]) => T) {
  const versions = new Map<number, Held>();
  const ground = makeGroundService(async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url.split('/').pop()}: HTTP ${res.status}`);
    return res.arrayBuffer();
  });
  let communeCache: { key: string; features: BoundaryFeature[] } | null = null;
  let labels: { key: string; labels: CommuneLabels } | null = null;

  const communesOf = async (src: CommuneInput): Promise<BoundaryFeature[]> => {
    if (Array.isArray(src)) return src;
    const key = `${src.url}|${src.nameProperty}`;
    if (communeCache?.key !== key) {
      const res = await fetch(src.url);
      if (!res.ok) throw new Error(`${src.url}: HTTP ${res.status}`);
      const parsed = parseBoundaryGeoJson(await res.text(), src.url, src.nameProperty).features;
      // Statistics read the name from `name`: the chosen property is copied there.
      communeCache = { key, features: parsed.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties?.[src.nameProperty] ?? '' } })) };
    }
    return communeCache.features;
  };
  const labelsFor = (grid: Grid, features: readonly BoundaryFeature[]): CommuneLabels => {
    const key = `${JSON.stringify(grid)}|${features.length}|${String(features[0]?.properties?.name ?? '')}`;
    if (!labels || labels.key !== key) labels = { key, labels: communeLabelGrid(grid, features) };
    return labels.labels;
  };
  const held = (version: number): Held => {
    const h = versions.get(version);
    if (!h) throw new Error(`${STALE_VERSION}: coverage version ${version} is not held`);
    return h;
  };
  const indexOf = (h: Held, carrier: number | string): number => {
    const i = typeof carrier === 'number' ? carrier : h.frame.carrierIds.indexOf(carrier);
    if (!h.layers.carriers[i]) throw new Error(`carrier ${carrier} is not in coverage version`);
    return i;
  };
  /** A carrier's layers as held (the derived ones empty). */
  const heldOf = (h: Held, carrier: number | string): CarrierLayers => h.layers.carriers[indexOf(h, carrier)];
  /** One layer of a carrier: held, or made now from the held ones (throughput, uplink: coverage/finish.ts `deriveLayers`). */
  const layerOf = (h: Held, carrier: number | string, id: LayerId): LayerArray => {
    const c = heldOf(h, carrier);
    const a = layerArray(c, id);
    if (a.length === c.rsrpDbm.length || !h.frame.derive) return a;
    const made = new Float32Array(c.rsrpDbm.length);
    deriveLayers(h.frame.derive, indexOf(h, carrier), c.sinrDb, c.rsrpDbm, c.server, { [layerDef(id).field]: made });
    return made;
  };
  /** A carrier's layers with the derived ones made (for the statistics and exports, which read any layer). */
  const carrierOf = (h: Held, carrier: number | string): CarrierLayers => {
    const c = heldOf(h, carrier);
    return { ...c, throughputMbps: layerOf(h, carrier, 'throughput'), ulMarginDb: layerOf(h, carrier, 'uplink') } as unknown as CarrierLayers;
  };
  const names = (features: readonly BoundaryFeature[]) => features.map((f) => String(f.properties?.name ?? ''));

  return {
    /** Starts holding a version: empty layers of its frame, to be filled by `put`. */
    open(version: number, frame: LayerFrame): void {
      const n = frame.grid.width * frame.grid.height;
      // Held compactly (dB layers as Float32, layer-registry.ts): the version shown stays held while this one fills.
      const derived = frame.derive ? { sectors: frame.derive.sectorPreDbm.length } : null;
      versions.set(version, { frame, layers: { carriers: frame.carrierIds.map(() => newHeldCarrierLayers(n, derived)) } });
    },
    /** Merges a chunk of a job into its version. */
    put(version: number, chunk: ChunkPayload): void {
      const h = held(version);
      scatterChunk({ grid: h.frame.grid, tileSize: h.frame.tileSize, tilesX: h.frame.tilesX }, h.layers, chunk);
    },
    /**
     * Makes version `to` out of `from` with an edit's chunks merged (and, after a removal, the
     * best-server indices above the removed sectors moved down). `from` is no longer held.
     */
    advance(from: number, to: number, chunks: ChunkPayload[], removed?: { first: number; count: number }, derive?: LayerDerivation | null): void {
      const h = held(from);
      // The derived layers follow the new scene (its sectors' pRE, their indices after a removal).
      if (derive && h.frame.derive) {
        if (derive.sectorPreDbm.length >= 32768 && h.layers.carriers[0]?.server instanceof Int16Array) throw new Error('advance: the new scene has too many sectors for the held best-server ids; compute it in full');
        h.frame = { ...h.frame, derive };
      }
      for (const c of chunks) scatterChunk({ grid: h.frame.grid, tileSize: h.frame.tileSize, tilesX: h.frame.tilesX }, h.layers, c);
      if (removed) for (const c of h.layers.carriers) remapServerAfterRemoval(c.server, removed.first, removed.count);
      versions.delete(from);
      versions.set(to, h);
    },
    /** Forgets these versions (those not held are ignored). */
    drop(gone: number[]): void {
      for (const v of gone) versions.delete(v);
    },
    held(): number[] {
      return [...versions.keys()];
    },
    /** A copy of one layer, to draw. */
    layer(version: number, carrier: number, id: LayerId): LayerArray {
      const h = held(version);
      const a = layerOf(h, carrier, id);
      // A derived layer is made here already: moved as it is; a held one is copied.
      const copy = a === layerArray(heldOf(h, carrier), id) ? a.slice() : a;
      return transfer(copy, [copy.buffer as ArrayBuffer]);
    },
    /** One cell's value of a layer (tests, debugging). */
    valueAt(version: number, carrier: number, id: LayerId, cell: number): number {
      return layerOf(held(version), carrier, id)[cell];
    },
    /** Sets where the ground comes from (a user's file that cannot be read throws its named error; nothing changes). */
    async setGroundSources(s: GroundSources): Promise<string> {
      return ground.setSources(s);
    },
    /** The ground of a grid: clutter classes and terrain heights (copies, moved), class shares, notes. */
    async ground(grid: Grid, communes: CommuneInput): Promise<GroundSummary> {
      const features = await communesOf(communes);
      const g = await ground.build(grid, features, labelsFor(grid, features));
      return transfer(g, [g.clutter.buffer as ArrayBuffer, ...(g.dem ? [g.dem.buffer as ArrayBuffer] : [])]);
    },
    /** A ground layer of a grid to draw (people per km², clutter class, terrain height), or null when not built. */
    groundLayer(grid: Grid, id: GroundLayerId): Float32Array | Uint8Array | null {
      const g = ground.of(grid);
      if (!g) return null;
      const a = id === 'population' ? g.ground.densityPerKm2.slice() : id === 'clutter' ? g.ground.clutter.slice() : g.dem ? g.dem.slice() : null;
      return a ? transfer(a, [a.buffer as ArrayBuffer]) : null;
    },
    /** Commune statistics of a carrier (src/core/export/contract.ts), with people per cell when the grid's ground is built. */
    async communeStats(version: number, carrier: number, communes: CommuneInput, o: StatsOptions): Promise<CommuneStatsResult> {
      const features = await communesOf(communes);
      const h = held(version);
      return contractCommuneStats(h.frame.grid, labelsFor(h.frame.grid, features), features, carrierOf(h, carrier), o, ground.of(h.frame.grid)?.ground.peoplePerCell);
    },
    /** Gap polygons of a carrier's RSRP below a threshold (src/core/stats/gaps.ts), WGS 84. */
    async gaps(version: number, carrier: number, communes: CommuneInput, thresholdDbm: number, minAreaKm2: number, sites: GapSite[]): Promise<GapCollection> {
      const features = await communesOf(communes);
      const h = held(version);
      return gapPolygons(h.frame.grid, heldOf(h, carrier).rsrpDbm, labelsFor(h.frame.grid, features), { threshold: thresholdDbm, minAreaKm2, communeNames: names(features), sites, peoplePerCell: ground.of(h.frame.grid)?.ground.peoplePerCell });
    },
    /** A private network on its own carrier, or null when that carrier is not in the version. */
    async privateNetwork(version: number, carrierId: string, communes: CommuneInput, serviceArea: Polygon, t: { outdoorDbm: number; indoorDbm: number; spillDbm: number }): Promise<PrivateNetworkStats | null> {
      const features = await communesOf(communes);
      const h = held(version);
      if (!h.frame.carrierIds.includes(carrierId)) return null;
      const c = heldOf(h, carrierId);
      return privateNetworkStats(h.frame.grid, serviceArea, c.rsrpDbm, {
        outdoorThresholdDbm: t.outdoorDbm, indoorRsrpDbm: c.indoorDbm, indoorThresholdDbm: t.indoorDbm, spillThresholdDbm: t.spillDbm,
        labels: labelsFor(h.frame.grid, features), communeNames: names(features),
      });
    },
    /** Histogram and CDF of a layer over the province (area −1) or one commune. */
    async distribution(version: number, carrier: number, id: LayerId, communes: CommuneInput, area: number, bins: BinSpec): Promise<Distribution> {
      const features = await communesOf(communes);
      const h = held(version);
      const d = distribution(layerOf(h, carrier, id), labelsFor(h.frame.grid, features), area, bins);
      return transfer(d, [d.counts.buffer as ArrayBuffer, d.cdf.buffer as ArrayBuffer]);
    },
    /** RSRP of one commune's cells, for its histogram (NaN = no service). */
    async communeValues(version: number, carrier: number, communes: CommuneInput, index: number): Promise<Float64Array> {
      const features = await communesOf(communes);
      const h = held(version);
      const l = labelsFor(h.frame.grid, features);
      const rsrp = heldOf(h, carrier).rsrpDbm;
      const out: number[] = [];
      for (let i = 0; i < l.length; i++) if (l[i] === index) out.push(rsrp[i]);
      const a = Float64Array.from(out);
      return transfer(a, [a.buffer as ArrayBuffer]);
    },
    /**
     * The export bundle of a version as one zip (the contract of src/core/export/contract.ts, the
     * same files as `phusong coverage --out`). `onProgress` is called with each file written.
     */
    async exportBundle(version: number, communes: CommuneInput, input: Omit<BundleInput, 'grid' | 'carrierIds' | 'layers' | 'communes' | 'labels' | 'ground'>, o: BundleOptions, onProgress?: (done: number, total: number, file: string) => void): Promise<{ zip: Uint8Array; files: string[] }> {
      const features = await communesOf(communes);
      const h = held(version);
      const g = ground.of(h.frame.grid);
      const bundle = buildBundle({
        ...input, grid: h.frame.grid, carrierIds: h.frame.carrierIds, layers: h.layers.carriers.map((_, i) => carrierOf(h, i)), communes: features,
        labels: features.length ? labelsFor(h.frame.grid, features) : undefined,
        ground: g ? { peoplePerCell: g.ground.peoplePerCell, clutter: g.ground.clutter, elevationM: g.dem } : undefined,
      }, o, onProgress);
      const enc = new TextEncoder();
      const entries: Record<string, Uint8Array> = {};
      // GeoTIFFs are DEFLATE-compressed already: stored as they are.
      for (const f of bundle.files) entries[f.name] = typeof f.data === 'string' ? enc.encode(f.data) : f.data;
      const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: k.endsWith('.tif') ? 0 : 6 }]])));
      return transfer({ zip, files: Object.keys(entries) }, [zip.buffer as ArrayBuffer]);
    },
    /** Display index of a grid (src/core/grid/resample.ts). */
    mercatorIndex(grid: Grid, width: number): MercatorRaster {
      const m = mercatorIndex(grid, width);
      return transfer(m, [m.sourceIndex.buffer as ArrayBuffer]);
    },
  };
}

export type AnalysisApi = ReturnType<typeof makeAnalysisApi>;
