/**
 * Which coordinate reference systems a raster may be in, read from its GeoTIFF keys, and the
 * transform from the coverage grid (EPSG:32648) into them. Supported: WGS 84 lon/lat
 * (EPSG:4326) and the WGS 84 UTM zones (EPSG:32601–32660 north, 32701–32760 south, also when
 * written as a user-defined CRS with ProjectionGeoKey 16001–16060 / 16101–16160 on the WGS 84
 * datum). proj4 does the maths; anything else is refused with its EPSG code named, so the user
 * knows what to reproject from (docs/ground.md explains why no general reprojection is built in).
 */
import proj4 from 'proj4';
import { UTM48N } from '../grid/projection.ts';
import { RasterFileError } from './errors.ts';

/** A supported raster CRS. */
export interface RasterCrs {
  /** EPSG code: 4326 or 326zz / 327zz. */
  readonly epsg: number;
  /** Human name, e.g. `WGS 84 / UTM zone 48N`. */
  readonly name: string;
  /** proj4 definition. */
  readonly proj4: string;
  /** Degrees (geographic) or metres (UTM). */
  readonly units: 'degree' | 'metre';
}

/** Names of CRSs users are likely to bring, for error messages only. */
const KNOWN_NAMES: Readonly<Record<number, string>> = {
  3857: 'WGS 84 / Pseudo-Mercator (web map tiles)',
  4756: 'VN-2000 (geographic)',
  3405: 'VN-2000 / UTM zone 48N',
  3406: 'VN-2000 / UTM zone 49N',
  4269: 'NAD83',
  4258: 'ETRS89',
  4230: 'ED50',
  4979: 'WGS 84 (3D)',
};

const USER_DEFINED = 32767;
const WGS84_DATUM = 6326;

/** The supported CRS of an EPSG code, or null. */
export function crsForEpsg(epsg: number): RasterCrs | null {
  if (epsg === 4326) return { epsg, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', units: 'degree' };
  const north = epsg >= 32601 && epsg <= 32660;
  const south = epsg >= 32701 && epsg <= 32760;
  if (!north && !south) return null;
  const zone = epsg - (north ? 32600 : 32700);
  return {
    epsg, name: `WGS 84 / UTM zone ${zone}${north ? 'N' : 'S'}`, units: 'metre',
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
  };
}

function describe(epsg: number): string {
  return KNOWN_NAMES[epsg] ? `EPSG:${epsg} (${KNOWN_NAMES[epsg]})` : `EPSG:${epsg}`;
}

const REPROJECT_HINT = 'reproject it to EPSG:4326 or a WGS 84 UTM zone first, e.g. `gdalwarp -t_srs EPSG:32648 in.tif out.tif`';

/**
 * The CRS of a GeoTIFF from its GeoKeys (as geotiff.js names them).
 * @param keys - `image.getGeoKeys()`; null when the file has no GeoKeyDirectory
 * @param fileName - for messages
 * @returns the supported CRS
 * @throws RasterFileError `no-georeferencing` without keys, `unsupported-crs` naming the EPSG code otherwise
 */
export function crsFromGeoKeys(keys: Readonly<Record<string, unknown>> | null, fileName: string): RasterCrs {
  if (!keys || keys.GTModelTypeGeoKey === undefined) {
    throw new RasterFileError(fileName, 'no-georeferencing', 'no coordinate reference system (the file has no GeoTIFF keys); ' + REPROJECT_HINT.replace('reproject it', 'assign one and reproject'));
  }
  const model = Number(keys.GTModelTypeGeoKey);
  const num = (k: string) => (keys[k] === undefined ? undefined : Number(keys[k]));
  if (model === 2) {
    const geog = num('GeographicTypeGeoKey');
    if (geog === 4326 || ((geog === undefined || geog === USER_DEFINED) && num('GeogGeodeticDatumGeoKey') === WGS84_DATUM)) return crsForEpsg(4326)!;
    throw new RasterFileError(fileName, 'unsupported-crs', `geographic CRS ${geog === undefined || geog === USER_DEFINED ? 'user-defined (not WGS 84)' : describe(geog)} is not supported; ${REPROJECT_HINT}`);
  }
  if (model === 1) {
    const pcs = num('ProjectedCSTypeGeoKey');
    if (pcs !== undefined && pcs !== USER_DEFINED) {
      const crs = crsForEpsg(pcs);
      if (crs) return crs;
      throw new RasterFileError(fileName, 'unsupported-crs', `projected CRS ${describe(pcs)} is not supported; ${REPROJECT_HINT}`);
    }
    // User-defined: accept "UTM zone n on WGS 84" spelled out with ProjectionGeoKey 16000 + n (N) / 16100 + n (S).
    const proj = num('ProjectionGeoKey');
    const geog = num('GeographicTypeGeoKey');
    const wgs84 = geog === 4326 || num('GeogGeodeticDatumGeoKey') === WGS84_DATUM;
    if (proj !== undefined && wgs84) {
      if (proj >= 16001 && proj <= 16060) return crsForEpsg(32600 + proj - 16000)!;
      if (proj >= 16101 && proj <= 16160) return crsForEpsg(32700 + proj - 16100)!;
    }
    throw new RasterFileError(fileName, 'unsupported-crs', `user-defined projected CRS (ProjectionGeoKey ${proj ?? 'absent'}, ${wgs84 ? 'WGS 84' : 'not WGS 84'}) is not supported; ${REPROJECT_HINT}`);
  }
  throw new RasterFileError(fileName, 'unsupported-crs', `GTModelTypeGeoKey ${model} (${model === 3 ? 'geocentric' : 'unknown'}) is not supported; ${REPROJECT_HINT}`);
}

/**
 * The function taking grid coordinates (EPSG:32648 metres) to the raster's CRS, writing
 * [x, y] into `out` (lon/lat degrees for EPSG:4326). Identity for EPSG:32648.
 */
export function gridToCrs(crs: RasterCrs): (xM: number, yM: number, out: Float64Array) => void {
  if (crs.epsg === 32648) {
    return (x, y, out) => { out[0] = x; out[1] = y; };
  }
  const conv = proj4(UTM48N, crs.proj4);
  return (x, y, out) => {
    const p = conv.forward([x, y]);
    out[0] = p[0];
    out[1] = p[1];
  };
}

/** The inverse of {@link gridToCrs}: raster CRS → EPSG:32648 metres. */
export function crsToGrid(crs: RasterCrs): (x: number, y: number, out: Float64Array) => void {
  if (crs.epsg === 32648) {
    return (x, y, out) => { out[0] = x; out[1] = y; };
  }
  const conv = proj4(crs.proj4, UTM48N);
  return (x, y, out) => {
    const p = conv.forward([x, y]);
    out[0] = p[0];
    out[1] = p[1];
  };
}
