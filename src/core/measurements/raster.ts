/**
 * Measurement points as a picture for the map: each point a small square of its class's colour
 * in a north-up Web Mercator image over the points' box, which the map places by its four
 * corners (a MapLibre canvas source maps the image linearly in Mercator, so rows are spaced in
 * Mercator y = ln tan(π/4 + φ/2), columns in longitude). Made in the measurement worker: a
 * million points become one image of at most `maxSidePx` on a side, and the main thread only
 * copies it into its canvas.
 *
 * Colour classes follow the legend rule of src/ui/layer-styles.ts `classOf`: class k holds values
 * in [edges[k−1], edges[k]) (class 0 below the first edge, the last at or above the last edge);
 * a colour word of 0 is not drawn; NaN is not drawn. Later points are drawn over earlier ones.
 */

/** A picture of points and where it goes on the map. */
export interface PointImage {
  readonly width: number;
  readonly height: number;
  /** Corners, degrees (WGS 84). */
  readonly westDeg: number;
  readonly eastDeg: number;
  readonly northDeg: number;
  readonly southDeg: number;
  /** One RGBA word per pixel (little-endian: R in the low byte, as ImageData), row 0 north. */
  readonly rgba: Uint32Array;
  /** Points drawn. */
  readonly drawn: number;
}

export interface PointStyle {
  /** Class edges, ascending. */
  readonly edges: readonly number[];
  /** edges.length + 1 RGBA words; 0 = not drawn. */
  readonly words: readonly number[];
}

export interface PointImageOptions {
  /** Longest side of the image, pixels (default 2048). */
  readonly maxSidePx?: number;
  /** Finest ground resolution, m per pixel at the box's centre latitude (default 4). */
  readonly minPixelM?: number;
  /** Half-size of a point's square, pixels (default 1: 3 × 3 pixels). */
  readonly radiusPx?: number;
}

const RAD = Math.PI / 180;
const EARTH_RADIUS_M = 6378137;
const mercY = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * RAD) / 2));
const latOfMercY = (y: number) => (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RAD;

/** Class of a value under the edges (module comment), −1 for NaN. */
export function pointClass(edges: readonly number[], v: number): number {
  if (v !== v) return -1;
  let k = 0;
  while (k < edges.length && v >= edges[k]) k++;
  return k;
}

/**
 * Draws the points whose `use` flag is set (all when null) and whose value is not NaN.
 * @returns null when no point is drawn
 */
export function pointImage(lonDeg: ArrayLike<number>, latDeg: ArrayLike<number>, values: ArrayLike<number>, use: ArrayLike<number> | null, count: number, style: PointStyle, o: PointImageOptions = {}): PointImage | null {
  const maxSide = Math.max(16, Math.floor(o.maxSidePx ?? 2048));
  const r = Math.max(0, Math.floor(o.radiusPx ?? 1));
  let w = Infinity, e = -Infinity, s = Infinity, n = -Infinity, any = 0;
  for (let i = 0; i < count; i++) {
    if ((use && !use[i]) || values[i] !== values[i]) continue;
    const lon = lonDeg[i], lat = latDeg[i];
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
    any++;
  }
  if (!any) return null;
  const x0 = w * RAD, x1 = e * RAD, y0 = mercY(s), y1 = mercY(n);
  const midLat = (s + n) / 2;
  // Mercator units (radians) per pixel: the box fits maxSide less a margin of r + 2 pixels, and no finer than minPixelM.
  const finest = (o.minPixelM ?? 4) / (EARTH_RADIUS_M * Math.cos(midLat * RAD));
  const pad = r + 2;
  const unit = Math.max(finest, (x1 - x0) / (maxSide - 2 * pad), (y1 - y0) / (maxSide - 2 * pad));
  const width = Math.min(maxSide, Math.ceil((x1 - x0) / unit) + 2 * pad);
  const height = Math.min(maxSide, Math.ceil((y1 - y0) / unit) + 2 * pad);
  const left = x0 - pad * unit, top = y1 + pad * unit;
  const rgba = new Uint32Array(width * height);
  const words = style.words, edges = style.edges;
  let drawn = 0;
  for (let i = 0; i < count; i++) {
    if (use && !use[i]) continue;
    const k = pointClass(edges, values[i]);
    if (k < 0 || words[k] === 0) continue;
    const px = Math.floor((lonDeg[i] * RAD - left) / unit);
    const py = Math.floor((top - mercY(latDeg[i])) / unit);
    const word = words[k];
    for (let y = Math.max(0, py - r); y <= Math.min(height - 1, py + r); y++) {
      const o2 = y * width;
      for (let x = Math.max(0, px - r); x <= Math.min(width - 1, px + r); x++) rgba[o2 + x] = word;
    }
    drawn++;
  }
  return {
    width, height, rgba, drawn,
    westDeg: left / RAD, eastDeg: (left + width * unit) / RAD, northDeg: latOfMercY(top), southDeg: latOfMercY(top - height * unit),
  };
}
