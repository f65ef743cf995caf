/**
 * WGS 84 lon/lat ⇄ UTM zone 48N (EPSG:32648), the metric grid of every coverage raster
 * (spec §1). proj4 does the transverse Mercator; we only name the CRS.
 */
import proj4 from 'proj4';

export const UTM48N = 'EPSG:32648';
const UTM48N_DEF = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs +type=crs';
proj4.defs(UTM48N, UTM48N_DEF);
const converter = proj4('EPSG:4326', UTM48N);

/** [lonDeg, latDeg] → [eastingM, northingM] in EPSG:32648. */
export function lonLatToUtm(lonDeg: number, latDeg: number): [number, number] {
  const p = converter.forward([lonDeg, latDeg]);
  return [p[0], p[1]];
}

/** [eastingM, northingM] in EPSG:32648 → [lonDeg, latDeg]. */
export function utmToLonLat(xM: number, yM: number): [number, number] {
  const p = converter.inverse([xM, yM]);
  return [p[0], p[1]];
}
