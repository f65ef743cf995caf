/**
 * A small GeoTIFF ENCODER: one band, little-endian classic TIFF, tiled, deflate-compressed,
 * with GeoTIFF georeferencing (EPSG:4326 or a projected EPSG code), GDAL's NoData and
 * metadata tags and an optional palette. The grid-layer writers of the exports
 * (src/core/export/geotiff.ts) and the synthetic fixtures (data/make-synthetic-ground.ts) are
 * built on it. Layout, tags and the reasons behind them: see the module comment of
 * src/core/export/geotiff.ts and docs/ground.md.
 */
import { zlibSync } from 'fflate';

/** Default tile edge, pixels (a multiple of 16, as TIFF requires). */
export const DEFAULT_TILE_SIZE = 256;

/** Pixel types the encoder writes. */
export type TiffSampleType = 'uint8' | 'int16' | 'uint16' | 'int32' | 'float32';

/** North-up georeferencing: the outer north-west corner and the pixel size (both in CRS units). */
export interface GeoTiffGeoreference {
  /** EPSG code: 4326 (WGS 84 lon/lat) or a projected CRS such as 32648 (WGS 84 / UTM 48N). */
  readonly epsg: number;
  /** x (easting or longitude) of the west edge of column 0. */
  readonly originX: number;
  /** y (northing or latitude) of the north edge of row 0. */
  readonly originY: number;
  /** Pixel width, CRS units (> 0). */
  readonly pixelSizeX: number;
  /** Pixel height, CRS units (> 0; rows go south). */
  readonly pixelSizeY: number;
  /** GTCitationGeoKey / GeogCitationGeoKey text; default from the EPSG code. */
  readonly citation?: string;
}

/** Everything one single-band GeoTIFF holds. */
export interface GeoTiffSpec {
  readonly width: number;
  readonly height: number;
  readonly type: TiffSampleType;
  /** Row-major, row 0 = north; length width × height. NaN (Float32 only) is written as `noData`. */
  readonly values: ArrayLike<number>;
  /** Where the pixels are; null writes a plain TIFF without GeoTIFF tags (for tests of such files). */
  readonly georeference: GeoTiffGeoreference | null;
  /** GDAL_NODATA; omitted (null) when every cell has a value. */
  readonly noData?: number | null;
  /** Band description (GDAL "Description"), e.g. `RSRP, carrier n78 (dBm)`. */
  readonly description?: string;
  /** Band unit (GDAL "Unit Type"), e.g. `dBm`, `people`. */
  readonly unit?: string;
  /** Dataset metadata items (GDAL_METADATA, default domain), e.g. `{ SOURCE: 'WorldPop 2020' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** uint8 only: palette, one [r, g, b] (0–255) per value from 0; missing entries are black. */
  readonly palette?: readonly (readonly [number, number, number])[];
  /** Tile edge in pixels, a multiple of 16; default {@link DEFAULT_TILE_SIZE}. */
  readonly tileSize?: number;
  /** Use the TIFF predictor (2 for integers, 3 for Float32): smaller files, slower. Default false. */
  readonly predictor?: boolean;
  /** zlib level 1–9; default 6. */
  readonly level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Tile compressor returning a zlib stream (RFC 1950); default fflate's `zlibSync` (pure JS,
   * runs in a worker). Node callers may pass `(b, level) => zlib.deflateSync(b, { level })`,
   * several times faster (figures in docs/ground.md).
   */
  readonly compress?: ZlibCompressor;
}

/** A zlib (RFC 1950) compressor of one tile's bytes. */
export type ZlibCompressor = (bytes: Uint8Array, level: number) => Uint8Array;

const fflateZlib: ZlibCompressor = (bytes, level) => zlibSync(bytes, { level: level as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });

// TIFF field types.
const SHORT = 3, LONG = 4, ASCII = 2, DOUBLE = 12;

interface Tag { readonly code: number; readonly type: number; readonly values: ArrayLike<number> | string }

const SAMPLE: Record<TiffSampleType, { bits: number; format: number; bytes: number }> = {
  uint8: { bits: 8, format: 1, bytes: 1 },
  int16: { bits: 16, format: 2, bytes: 2 },
  uint16: { bits: 16, format: 1, bytes: 2 },
  int32: { bits: 32, format: 2, bytes: 4 },
  float32: { bits: 32, format: 3, bytes: 4 },
};

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The GDAL_METADATA XML (dataset items, then band 0's description and unit), or null if empty.
 * Item values are XML-escaped twice, as GDAL itself writes them (GDAL 3.6 writes the
 * description `A & B` as `A &amp;amp; B` and unescapes twice on reading; escaped once, `&`
 * and what follows it are lost).
 */
export function gdalMetadataXml(description?: string, unit?: string, metadata: Readonly<Record<string, string>> = {}): string | null {
  const items: string[] = [];
  const value = (v: string) => xmlEscape(xmlEscape(v));
  for (const [k, v] of Object.entries(metadata)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new RangeError(`metadata item name must be letters, digits and _, got "${k}"`);
    items.push(`  <Item name="${k}">${value(v)}</Item>`);
  }
  if (description) items.push(`  <Item name="DESCRIPTION" sample="0" role="description">${value(description)}</Item>`);
  if (unit) items.push(`  <Item name="UNITTYPE" sample="0" role="unittype">${value(unit)}</Item>`);
  return items.length ? `<GDALMetadata>\n${items.join('\n')}\n</GDALMetadata>\n` : null;
}

/**
 * The PAM side-car (`<file>.tif.aux.xml`) that gives band 1 its category names: GDAL (3.6
 * checked) lists them under "Categories:" in `gdalinfo`, QGIS uses them as class labels.
 * @param categoryNames - name of value 0, 1, 2…
 * @returns the XML text (UTF-8)
 * @example writeFileSync('clutter.tif.aux.xml', categoryAuxXml(['water-sea', 'open-rural']))
 */
export function categoryAuxXml(categoryNames: readonly string[]): string {
  const cats = categoryNames.map((c) => `      <Category>${xmlEscape(c)}</Category>`).join('\n');
  return `<PAMDataset>\n  <PAMRasterBand band="1">\n    <CategoryNames>\n${cats}\n    </CategoryNames>\n  </PAMRasterBand>\n</PAMDataset>\n`;
}

function geoKeys(g: GeoTiffGeoreference): { keys: number[]; ascii: string } {
  // GeoKeyDirectory: header [1, 1, 0, n], then [key, location, count, value] sorted by key.
  const entries: number[][] = [];
  let ascii = '';
  const citation = (text: string) => {
    const loc = ascii.length;
    ascii += `${text}|`;
    return [34737, text.length + 1, loc];
  };
  if (g.epsg === 4326) {
    entries.push([1024, 0, 1, 2], [1025, 0, 1, 1], [2048, 0, 1, 4326]);
    const [, count, off] = citation(g.citation ?? 'WGS 84');
    entries.push([2049, 34737, count, off], [2054, 0, 1, 9102]);
  } else {
    if (!Number.isInteger(g.epsg) || g.epsg <= 0 || g.epsg > 32766) throw new RangeError(`EPSG code must be an integer 1–32766, got ${g.epsg}`);
    const utm = g.epsg >= 32601 && g.epsg <= 32660 ? `${g.epsg - 32600}N` : g.epsg >= 32701 && g.epsg <= 32760 ? `${g.epsg - 32700}S` : null;
    const [, count, off] = citation(g.citation ?? (utm ? `WGS 84 / UTM zone ${utm}` : `EPSG:${g.epsg}`));
    entries.push([1024, 0, 1, 1], [1025, 0, 1, 1], [1026, 34737, count, off], [3072, 0, 1, g.epsg], [3076, 0, 1, 9001]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return { keys: [1, 1, 0, entries.length, ...entries.flat()], ascii };
}

function typeSize(type: number): number {
  return type === SHORT ? 2 : type === LONG ? 4 : type === DOUBLE ? 8 : 1;
}

/** ASCII tag bytes: the text, UTF-8, NUL-terminated. */
function asciiBytes(s: string): Uint8Array {
  const b = new TextEncoder().encode(s);
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}

/**
 * Horizontal differencing (TIFF Predictor 2) of one tile in place, right to left per row,
 * in the sample's own integer width (wrap-around arithmetic, as libtiff does).
 */
function predictInt(tile: Uint8Array | Int16Array | Uint16Array | Int32Array, tileSize: number): void {
  for (let r = 0; r < tileSize; r++) {
    const o = r * tileSize;
    for (let c = tileSize - 1; c > 0; c--) tile[o + c] = tile[o + c] - tile[o + c - 1];
  }
}

/**
 * Floating-point predictor (TIFF Technical Note 3, Predictor 3) of one Float32 tile: each row's
 * bytes are regrouped most-significant byte first (byte plane k of every sample, big-endian
 * order), then differenced bytewise left to right from the end.
 */
function predictFloat(src: Uint8Array, dst: Uint8Array, tileSize: number): void {
  const rowBytes = tileSize * 4;
  for (let r = 0; r < tileSize; r++) {
    const o = r * rowBytes;
    for (let c = 0; c < tileSize; c++) {
      const s = o + 4 * c;
      // Little-endian sample: byte 3 is the most significant.
      dst[o + c] = src[s + 3];
      dst[o + tileSize + c] = src[s + 2];
      dst[o + 2 * tileSize + c] = src[s + 1];
      dst[o + 3 * tileSize + c] = src[s];
    }
    for (let k = rowBytes - 1; k > 0; k--) dst[o + k] = (dst[o + k] - dst[o + k - 1]) & 0xff;
  }
}

/**
 * Encodes one single-band, tiled, deflate-compressed GeoTIFF (little-endian, classic TIFF).
 * @param spec - size, pixel type, values, georeference, NoData, description/unit, palette
 * @returns the file's bytes
 * @example encodeGeoTiff({ width: 2, height: 1, type: 'uint8', values: [0, 1], georeference: { epsg: 32648, originX: 6e5, originY: 1.1e6, pixelSizeX: 100, pixelSizeY: 100 } })
 */
export function encodeGeoTiff(spec: GeoTiffSpec): Uint8Array<ArrayBuffer> {
  const { width, height, values, georeference: geo } = spec;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new RangeError(`empty or fractional raster ${width} × ${height}`);
  const n = width * height;
  if (values.length !== n) throw new RangeError(`values has ${values.length} cells, expected ${width} × ${height} = ${n}`);
  if (geo && !(geo.pixelSizeX > 0 && geo.pixelSizeY > 0)) throw new RangeError(`pixel size must be > 0, got ${geo.pixelSizeX} × ${geo.pixelSizeY}`);
  const ts = spec.tileSize ?? DEFAULT_TILE_SIZE;
  if (!(Number.isInteger(ts) && ts >= 16 && ts % 16 === 0)) throw new RangeError(`tile size must be a multiple of 16, got ${ts}`);
  const sample = SAMPLE[spec.type];
  if (!sample) throw new RangeError(`unsupported pixel type ${String(spec.type)}`);
  if (spec.palette && spec.type !== 'uint8') throw new RangeError('a palette needs uint8 pixels');
  const noData = spec.noData ?? null;
  const fill = noData ?? 0;
  const level = spec.level ?? 6;
  const usePredictor = spec.predictor === true;
  const compress = spec.compress ?? fflateZlib;

  // Tiles: copy into one reused tile buffer through a typed view, deflate, keep the bytes.
  const tilesX = Math.ceil(width / ts);
  const tilesY = Math.ceil(height / ts);
  const tileBytes = new Uint8Array(ts * ts * sample.bytes);
  const scratch = usePredictor && spec.type === 'float32' ? new Uint8Array(tileBytes.length) : null;
  const view = spec.type === 'uint8' ? tileBytes
    : spec.type === 'int16' ? new Int16Array(tileBytes.buffer)
      : spec.type === 'uint16' ? new Uint16Array(tileBytes.buffer)
        : spec.type === 'int32' ? new Int32Array(tileBytes.buffer) : new Float32Array(tileBytes.buffer);
  const isFloat = spec.type === 'float32';
  const compressed: Uint8Array[] = [];
  const uniformTiles = new Map<number, Uint8Array>();
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      const c0 = tx * ts, r0 = ty * ts;
      const cw = Math.min(ts, width - c0), rh = Math.min(ts, height - r0);
      if (cw < ts || rh < ts) view.fill(fill);
      for (let r = 0; r < rh; r++) {
        const src = (r0 + r) * width + c0;
        const dst = r * ts;
        if (isFloat) {
          for (let c = 0; c < cw; c++) {
            const v = values[src + c];
            view[dst + c] = v === v ? v : fill;
          }
        } else {
          for (let c = 0; c < cw; c++) view[dst + c] = values[src + c];
        }
      }
      // A tile of one value (NoData outside the province, open sea) is compressed once per value.
      const first = view[0];
      let uniform = true;
      for (let k = 1; k < view.length; k++) if (view[k] !== first) { uniform = false; break; }
      const cached = uniform ? uniformTiles.get(first) : undefined;
      if (cached) { compressed.push(cached); continue; }
      let bytes: Uint8Array = tileBytes;
      if (usePredictor) {
        if (scratch) {
          predictFloat(tileBytes, scratch, ts);
          bytes = scratch;
        } else {
          predictInt(view as Uint8Array | Int16Array | Uint16Array | Int32Array, ts);
        }
      }
      const z = compress(bytes, level);
      if (uniform) uniformTiles.set(first, z);
      compressed.push(z);
    }
  }

  const tags: Tag[] = [
    { code: 256, type: LONG, values: [width] },
    { code: 257, type: LONG, values: [height] },
    { code: 258, type: SHORT, values: [sample.bits] },
    { code: 259, type: SHORT, values: [8] },
    { code: 262, type: SHORT, values: [spec.palette ? 3 : 1] },
    { code: 277, type: SHORT, values: [1] },
    { code: 284, type: SHORT, values: [1] },
  ];
  if (usePredictor) tags.push({ code: 317, type: SHORT, values: [isFloat ? 3 : 2] });
  if (spec.palette) {
    // ColorMap: all reds, then greens, then blues, 16-bit, 2^8 entries each.
    const cmap = new Uint16Array(3 * 256);
    spec.palette.forEach(([r, g, b], i) => {
      if (i > 255) return;
      cmap[i] = r * 257;
      cmap[256 + i] = g * 257;
      cmap[512 + i] = b * 257;
    });
    tags.push({ code: 320, type: SHORT, values: cmap });
  }
  const offsets = new Uint32Array(compressed.length);
  tags.push(
    { code: 322, type: SHORT, values: [ts] },
    { code: 323, type: SHORT, values: [ts] },
    { code: 324, type: LONG, values: offsets },
    { code: 325, type: LONG, values: Uint32Array.from(compressed, (c) => c.length) },
    { code: 339, type: SHORT, values: [sample.format] },
  );
  if (geo) {
    const { keys, ascii } = geoKeys(geo);
    tags.push(
      { code: 33550, type: DOUBLE, values: [geo.pixelSizeX, geo.pixelSizeY, 0] },
      { code: 33922, type: DOUBLE, values: [0, 0, 0, geo.originX, geo.originY, 0] },
      { code: 34735, type: SHORT, values: keys },
      { code: 34737, type: ASCII, values: ascii },
    );
  }
  const xml = gdalMetadataXml(spec.description, spec.unit, spec.metadata);
  if (xml) tags.push({ code: 42112, type: ASCII, values: xml });
  if (noData !== null) tags.push({ code: 42113, type: ASCII, values: String(noData) });

  // Sizes: header 8, IFD 2 + 12·tags + 4, then out-of-line values (word-aligned), then tiles.
  const payload = tags.map((t) => (typeof t.values === 'string' ? asciiBytes(t.values) : null));
  const valueBytes = tags.map((t, i) => (payload[i] ? payload[i]!.length : t.values.length * typeSize(t.type)));
  const ifdStart = 8;
  let cursor = ifdStart + 2 + 12 * tags.length + 4;
  const valueOffsets = valueBytes.map((b) => {
    if (b <= 4) return -1;
    cursor += cursor & 1;
    const at = cursor;
    cursor += b;
    return at;
  });
  cursor += cursor & 1;
  let total = cursor;
  for (let i = 0; i < compressed.length; i++) {
    offsets[i] = total;
    total += compressed[i].length;
  }
  if (total > 0xffffffff) throw new RangeError(`GeoTIFF of ${total} bytes exceeds classic TIFF's 4 GiB`);

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out[0] = 0x49; out[1] = 0x49; // "II": little-endian
  dv.setUint16(2, 42, true);
  dv.setUint32(4, ifdStart, true);
  dv.setUint16(ifdStart, tags.length, true);
  const writeValues = (t: Tag, i: number, at: number) => {
    const p = payload[i];
    if (p) { out.set(p, at); return; }
    const v = t.values as ArrayLike<number>;
    const size = typeSize(t.type);
    for (let k = 0; k < v.length; k++) {
      const o = at + k * size;
      if (t.type === SHORT) dv.setUint16(o, v[k], true);
      else if (t.type === LONG) dv.setUint32(o, v[k], true);
      else dv.setFloat64(o, v[k], true);
    }
  };
  tags.forEach((t, i) => {
    const e = ifdStart + 2 + 12 * i;
    dv.setUint16(e, t.code, true);
    dv.setUint16(e + 2, t.type, true);
    dv.setUint32(e + 4, payload[i] ? payload[i]!.length : t.values.length, true);
    if (valueOffsets[i] >= 0) dv.setUint32(e + 8, valueOffsets[i], true);
    writeValues(t, i, valueOffsets[i] < 0 ? e + 8 : valueOffsets[i]);
  });
  dv.setUint32(ifdStart + 2 + 12 * tags.length, 0, true); // no next IFD
  for (let i = 0; i < compressed.length; i++) out.set(compressed[i], offsets[i]);
  return out;
}
