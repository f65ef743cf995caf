/**
 * How each coverage layer is coloured and explained: class edges (ascending), one colour per
 * class from d3-scale-chromatic, the unit, and what "below the first edge" means. The map and
 * the legend both read these, so a legend always matches its layer.
 */
import { scaleLinear } from 'd3-scale';
import { rgb } from 'd3-color';
import { GROUND_LAYERS, LAYERS, type ShownLayerId } from '../core/coverage/layer-registry.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export interface LayerStyle {
  readonly id: ShownLayerId;
  readonly titleKey: MessageKey;
  /** Class edges, ascending; class k is [edges[k−1], edges[k]). */
  readonly edges: readonly number[];
  /** edges.length + 1 colours; colours[0] is for values below edges[0] ('transparent' = not drawn). */
  readonly colours: readonly string[];
  /** Label of the class below the first edge (dictionary key). */
  readonly belowKey?: MessageKey;
  /** Categorical layer (best server): colours cycle by value, no class legend. */
  readonly categorical?: boolean;
  readonly decimals?: number;
  /** Unit of the values (legend, charts). */
  readonly unit: string;
}

/** The default style of each layer, from the layer registry (src/core/coverage/layer-registry.ts). */
export const LAYER_STYLES: Readonly<Record<ShownLayerId, LayerStyle>> = Object.fromEntries(
  [...LAYERS, ...GROUND_LAYERS].map((d) => [d.id, { id: d.id, titleKey: d.titleKey as MessageKey, unit: d.unit, ...(d.legend as Omit<LayerStyle, 'id' | 'titleKey' | 'unit' | 'belowKey'>), belowKey: ('belowKey' in d.legend ? d.legend.belowKey : undefined) as MessageKey | undefined }]),
) as Record<ShownLayerId, LayerStyle>;

/**
 * The style with the user's class edges: the palette of the default style resampled to the new
 * number of classes (colours interpolated along it), the "below the first edge" class kept as
 * it was (transparent where the default leaves it undrawn).
 * @returns null when the edges are not 2–10 finite, strictly ascending numbers
 * @example withEdges(LAYER_STYLES.rsrp, [-120, -105, -95])?.colours.length // → 4
 */
export function withEdges(style: LayerStyle, edges: readonly number[]): LayerStyle | null {
  if (style.categorical) return null;
  if (edges.length < 2 || edges.length > 10 || !edges.every((v, k) => Number.isFinite(v) && (k === 0 || v > edges[k - 1]))) return null;
  const keepBelow = style.colours[0] === 'transparent';
  const base = keepBelow ? style.colours.slice(1) : style.colours;
  const wanted = keepBelow ? edges.length : edges.length + 1;
  const along = scaleLinear<string>().domain(base.map((_, k) => k / (base.length - 1))).range([...base]);
  const picked = Array.from({ length: wanted }, (_, k) => rgb(along(wanted === 1 ? 0.5 : k / (wanted - 1))).formatHex());
  return { ...style, edges: [...edges], colours: keepBelow ? ['transparent', ...picked] : picked };
}

/** RGBA words (little-endian ABGR in memory) of a CSS hex colour at the given alpha. */
export function rgbaWord(hex: string, alpha = 215): number {
  if (hex === 'transparent') return 0;
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Class index of a value: 0 below the first edge … edges.length at or above the last; −1 for NaN. */
export function classOf(style: LayerStyle, v: number): number {
  if (v !== v) return -1;
  if (style.categorical) return v < 0 || v === 255 ? -1 : v % style.colours.length;
  const e = style.edges;
  let k = 0;
  while (k < e.length && v >= e[k]) k++;
  return k;
}
