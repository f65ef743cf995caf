/**
 * The coverage layers, declared once (STYLE.md §7): id, the field of a carrier's layers that
 * holds it, its typed-array kind and "no value" fill, unit, dictionary key, legend classes and
 * palette, distribution bins, and how it is exported (file name, GeoTIFF band description).
 * Kernel outputs, transfers between threads, map styles, legends, charts and exports are all
 * derived from {@link LAYERS}; adding a layer means adding one entry here and computing it in
 * the kernel's `finishCarrier`.
 */
import { schemeRdYlGn, schemeTableau10, schemeYlGnBu } from 'd3-scale-chromatic';

/** Typed-array kinds of the layers. */
export const ARRAY_KINDS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
export type ArrayKind = keyof typeof ARRAY_KINDS;
export type ArrayOfKind<K extends ArrayKind> = InstanceType<(typeof ARRAY_KINDS)[K]>;
export type LayerArray = ArrayOfKind<ArrayKind>;

/** Bins of a layer's distribution: [min, max) in steps; values outside fall in the first / last bin. */
export interface BinSpec {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** Legend classes: ascending edges, edges.length + 1 colours ('transparent' = not drawn). */
export interface LegendSpec {
  readonly edges: readonly number[];
  readonly colours: readonly string[];
  /** Dictionary key of the class below the first edge. */
  readonly belowKey?: string;
  /** Categorical (best server): colours cycle by value, no class legend, no edges. */
  readonly categorical?: boolean;
  readonly decimals?: number;
}

export interface LayerDef {
  readonly id: string;
  /** Field of {@link CarrierLayers} holding the layer. */
  readonly field: string;
  readonly kind: ArrayKind;
  /** Value of a cell with nothing to show (no service, outside the area). */
  readonly noValue: number;
  /** Unit as written in charts, exports and legends ('' for counts and indices). */
  readonly unit: string;
  /** Dictionary key of the layer's title (src/i18n). */
  readonly titleKey: string;
  readonly legend: LegendSpec;
  /** Bins of the histogram / CDF; absent for categorical layers. */
  readonly bins?: BinSpec;
  /** GeoTIFF band description (exports). */
  readonly description: string;
  /** File name of the exported carrier's layer in the bundle, when it has one of its own. */
  readonly contractFile?: string;
}

const rdYlGn6 = [...schemeRdYlGn[6]];

/** Every layer, in the order a user meets them (the layer menu, the CLI's files). */
export const LAYERS = [
  {
    id: 'rsrp', field: 'rsrpDbm', kind: 'f64', noValue: NaN, unit: 'dBm', titleKey: 'layerRsrp',
    legend: { edges: [-130, -120, -110, -100, -90, -80], colours: ['transparent', ...rdYlGn6], belowKey: 'legendBelowNoService' },
    bins: { min: -140, max: -40, step: 2 }, description: 'Best-server RSRP per resource element (dBm)', contractFile: 'rsrp.tif',
  },
  {
    id: 'server', field: 'server', kind: 'i32', noValue: -1, unit: '', titleKey: 'layerServer',
    legend: { edges: [], colours: [...schemeTableau10], categorical: true },
    description: 'Best-server sector number (value column of sectors.csv; -1 none)', contractFile: 'best-server.tif',
  },
  {
    id: 'overlap', field: 'overlap', kind: 'u8', noValue: 0, unit: '', titleKey: 'layerOverlap',
    legend: { edges: [1, 2, 3, 4, 5], colours: ['transparent', '#1a9850', '#a6d96a', '#fee08b', '#f46d43', '#a50026'] },
    bins: { min: 1, max: 11, step: 1 }, description: 'Servers within the overlap window of the best (count)',
  },
  {
    id: 'sinr', field: 'sinrDb', kind: 'f64', noValue: NaN, unit: 'dB', titleKey: 'layerSinr',
    legend: { edges: [-5, 0, 5, 10, 15, 20], colours: [...schemeRdYlGn[7]] },
    bins: { min: -10, max: 40, step: 1 }, description: 'Downlink SINR of the best server (dB)', contractFile: 'sinr.tif',
  },
  {
    id: 'throughput', field: 'throughputMbps', kind: 'f32', noValue: NaN, unit: 'Mbit/s', titleKey: 'layerThroughput',
    legend: { edges: [1, 5, 10, 25, 50, 100, 200], colours: [...schemeYlGnBu[8]], decimals: 0 },
    bins: { min: 0, max: 400, step: 10 }, description: 'Downlink throughput of the best server (Mbit/s)',
  },
  {
    id: 'uplink', field: 'ulMarginDb', kind: 'f64', noValue: NaN, unit: 'dB', titleKey: 'layerUplink',
    legend: { edges: [-6, -3, 0, 3, 6], colours: rdYlGn6 },
    bins: { min: -40, max: 60, step: 2 }, description: 'Uplink SINR margin of a 23 dBm UE at the best server (dB)',
  },
  {
    id: 'indoor', field: 'indoorDbm', kind: 'f64', noValue: NaN, unit: 'dBm', titleKey: 'layerIndoor',
    legend: { edges: [-130, -120, -110, -100, -90, -80], colours: ['transparent', ...rdYlGn6], belowKey: 'legendBelowNoService' },
    bins: { min: -140, max: -40, step: 2 }, description: 'Best indoor RSRP, ITU-R P.2109 building entry loss (dBm)',
  },
  {
    id: 'probability', field: 'coverageProbabilityPct', kind: 'f32', noValue: NaN, unit: '%', titleKey: 'layerProbability',
    legend: { edges: [50, 70, 80, 90, 95, 98], colours: [...schemeRdYlGn[7]], decimals: 0 },
    bins: { min: 0, max: 100, step: 5 }, description: 'Probability that RSRP reaches the probability threshold under log-normal shadowing of the clutter class (%)',
  },
] as const satisfies readonly LayerDef[];

type Defs = (typeof LAYERS)[number];
/** {@link LAYERS} seen through the common shape (optional fields readable). */
export const LAYER_DEFS: readonly (LayerDef & { readonly id: LayerId })[] = LAYERS;
export type LayerId = Defs['id'];

/**
 * The layers of one carrier, over a list of tiles (tile-major) or a whole grid (row-major):
 * one typed array per layer, named by {@link LayerDef.field}. A layer not computed is an empty array.
 */
export type CarrierLayers = { readonly [D in Defs as D['field']]: ArrayOfKind<D['kind']> };

export const LAYER_IDS: readonly LayerId[] = LAYERS.map((l) => l.id);
const BY_ID = new Map<string, Defs>(LAYERS.map((l) => [l.id, l]));

/** The definition of a layer. */
export function layerDef(id: LayerId): LayerDef & { readonly id: LayerId } {
  return BY_ID.get(id)!;
}

export function isLayerId(id: string): id is LayerId {
  return BY_ID.has(id);
}

/** The array of a layer in a carrier's layers. */
export function layerArray(c: CarrierLayers, id: LayerId): LayerArray {
  return c[BY_ID.get(id)!.field];
}

/**
 * Layers for `cells` cells; those not in `layers` get empty arrays. `fill` false leaves them
 * zeroed instead of their "no value" (when every cell will be written anyway).
 */
export function newCarrierLayers(cells: number, fill = true, layers: ReadonlySet<LayerId> | null = null): CarrierLayers {
  const out: Record<string, LayerArray> = {};
  for (const d of LAYERS) {
    const n = layers === null || layers.has(d.id) ? cells : 0;
    const a = new ARRAY_KINDS[d.kind](n);
    if (fill && n && d.noValue !== 0) a.fill(d.noValue);
    out[d.field] = a;
  }
  return out as unknown as CarrierLayers;
}

/** Layers a holder may derive instead of storing (coverage/finish.ts `deriveLayers`). */
export const DERIVABLE_LAYERS: readonly LayerId[] = ['throughput', 'uplink'];

/**
 * Whole-grid layers to hold (the app's analysis worker): as {@link newCarrierLayers}, but the
 * Float64 layers (dBm and dB values) are held as Float32, the precision the exported GeoTIFFs
 * carry anyway (a step of 8e-6 dB at −100 dBm). With `derived`, throughput and uplink margin
 * are not stored (empty arrays; coverage/finish.ts `deriveLayers` makes them from SINR, RSRP
 * and the best server when asked) and the best server is Int16 when `sectors` < 32,768. A
 * version so held takes 19 bytes per cell and carrier instead of the engine's 45: during a
 * computation the app holds two versions (the one shown and the one being filled), so this is
 * what keeps its memory within the first round's. The engine and the command line compute
 * and keep Float64. Zero-filled (every cell is scattered).
 */
export function newHeldCarrierLayers(cells: number, derived: { readonly sectors: number } | null = null): CarrierLayers {
  const out: Record<string, LayerArray | Int16Array> = {};
  for (const d of LAYERS) {
    const n = derived && DERIVABLE_LAYERS.includes(d.id) ? 0 : cells;
    out[d.field] = d.id === 'server' && derived && derived.sectors < 32768 ? new Int16Array(n) : new ARRAY_KINDS[d.kind === 'f64' ? 'f32' : d.kind](n);
  }
  return out as unknown as CarrierLayers;
}

/** The buffers of a carrier's layers (to transfer them between threads). */
export function carrierBuffers(c: CarrierLayers): ArrayBuffer[] {
  return LAYERS.map((d) => c[d.field].buffer as ArrayBuffer).filter((b) => b.byteLength > 0);
}

/** Writes each held layer's no-value into cells [from, to) (what a cell with nothing computed holds). */
export function fillNoValues(c: CarrierLayers, from: number, to: number): void {
  forEachLayer(c, (d, a) => a.fill(d.noValue, from, to));
}

/** Calls `fn` for each layer a carrier's layers hold (non-empty), with its definition. */
export function forEachLayer(c: CarrierLayers, fn: (def: Defs, values: LayerArray) => void): void {
  for (const d of LAYERS) {
    const a = c[d.field];
    if (a.length) fn(d, a);
  }
}

/**
 * Layers of the ground (src/core/ground), not of a carrier: people per km², the clutter class,
 * the terrain height of an imported DEM. Shown on the map with their legend like the others.
 */
export const GROUND_LAYERS = [
  {
    id: 'population', field: 'densityPerKm2', kind: 'f32', noValue: NaN, unit: 'people/km²', titleKey: 'layerPopulation',
    legend: { edges: [10, 100, 300, 1000, 3000, 10000], colours: ['transparent', ...schemeYlGnBu[6]], decimals: 0 },
    description: 'People per km² (WorldPop 2020 scaled to the commune populations)',
  },
  {
    id: 'clutter', field: 'clutter', kind: 'u8', noValue: 255, unit: '', titleKey: 'layerClutter',
    // One colour per class of CLUTTER_TYPES: water, open, suburban, urban, trees, dense urban.
    legend: { edges: [], colours: ['#4a90d9', '#e8e3b0', '#f4a582', '#d6604d', '#4d9221', '#67001f'], categorical: true },
    description: 'Clutter class (ITU-R P.2108)',
  },
  {
    id: 'elevation', field: 'elevationM', kind: 'f32', noValue: NaN, unit: 'm', titleKey: 'layerElevation',
    legend: { edges: [0, 2, 5, 10, 20, 50, 100, 200], colours: ['#2166ac', '#a6dba0', '#5aae61', '#d9f0a3', '#fee08b', '#fdae61', '#d73027', '#a50026', '#67001f'], decimals: 0 },
    description: 'Terrain height of the imported DEM (m)',
  },
] as const satisfies readonly LayerDef[];

export type GroundLayerId = (typeof GROUND_LAYERS)[number]['id'];
/** Any layer the map can show. */
export type ShownLayerId = LayerId | GroundLayerId;

export function isGroundLayerId(id: string): id is GroundLayerId {
  return GROUND_LAYERS.some((l) => l.id === id);
}
