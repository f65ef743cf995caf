import { describe, expect, it } from 'vitest';
import { crsForEpsg, crsFromGeoKeys, crsToGrid, gridToCrs } from './crs.ts';
import { RasterFileError } from './errors.ts';

// Expected values: GeoTIFF 1.0 key semantics (GTModelTypeGeoKey 1 = projected, 2 = geographic;
// ProjectionGeoKey 16000 + zone = UTM north, 16100 + zone = south; EPSG 326zz/327zz = WGS 84
// UTM north/south) and UTM's definition: on the central meridian (105° E for zone 48) the
// easting is 500 000 m; north of the equator the northing of a south zone is the north zone's
// plus the 10 000 000 m false northing.

describe('crsFromGeoKeys', () => {
  it('reads WGS 84 lon/lat, UTM north and south zones by EPSG code', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 }, 'a.tif').epsg).toBe(4326);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32648 }, 'a.tif').name).toBe('WGS 84 / UTM zone 48N');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32748 }, 'a.tif').proj4).toContain('+south');
  });

  it('reads a user-defined WGS 84 lon/lat and a user-defined UTM zone (ProjectionGeoKey)', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 6326 }, 'a.tif').epsg).toBe(4326);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 16048, GeographicTypeGeoKey: 4326 }, 'a.tif').epsg).toBe(32648);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectionGeoKey: 16149, GeogGeodeticDatumGeoKey: 6326 }, 'a.tif').epsg).toBe(32749);
  });

  it('refuses other CRSs naming the file and the EPSG code, with a reprojection hint', () => {
    const cases: [Record<string, number>, RegExp][] = [
      [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3857 }, /^m\.tif: projected CRS EPSG:3857 \(WGS 84 \/ Pseudo-Mercator.*gdalwarp -t_srs EPSG:32648/],
      [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3405 }, /EPSG:3405 \(VN-2000 \/ UTM zone 48N\) is not supported/],
      [{ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4756 }, /geographic CRS EPSG:4756 \(VN-2000/],
      [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2154 }, /EPSG:2154 is not supported/],
      [{ GTModelTypeGeoKey: 3 }, /GTModelTypeGeoKey 3 \(geocentric\)/],
    ];
    for (const [keys, message] of cases) {
      let err: unknown;
      try { crsFromGeoKeys(keys, 'm.tif'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(RasterFileError);
      expect((err as RasterFileError).kind).toBe('unsupported-crs');
      expect((err as Error).message).toMatch(message);
    }
  });

  it('no keys at all: no-georeferencing', () => {
    expect(() => crsFromGeoKeys(null, 'x.tif')).toThrow(/^x\.tif: no coordinate reference system/);
  });
});

describe('gridToCrs / crsToGrid', () => {
  const out = new Float64Array(2);
  it('EPSG:4326: the central meridian of zone 48 is at easting 500 000 m; the equator at northing 0', () => {
    crsToGrid(crsForEpsg(4326)!)(105, 0, out);
    expect(out[0]).toBeCloseTo(500000, 6);
    expect(out[1]).toBeCloseTo(0, 6);
  });

  it('48S northing = 48N northing + 10 000 000 m; EPSG:32648 is the identity', () => {
    gridToCrs(crsForEpsg(32748)!)(605123, 1105678, out);
    expect(out[0]).toBeCloseTo(605123, 6);
    expect(out[1]).toBeCloseTo(11105678, 6);
    gridToCrs(crsForEpsg(32648)!)(1, 2, out);
    expect([out[0], out[1]]).toEqual([1, 2]);
  });

  it('round trip grid → zone 49N → grid under 1 mm', () => {
    const crs = crsForEpsg(32649)!;
    const back = new Float64Array(2);
    gridToCrs(crs)(620000, 1100000, out);
    crsToGrid(crs)(out[0], out[1], back);
    expect(Math.hypot(back[0] - 620000, back[1] - 1100000)).toBeLessThan(1e-3);
  });
});
