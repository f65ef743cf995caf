import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync, zipSync } from 'fflate';
import { RasterFileError } from './errors.ts';
import { hgtTileCorner, HGT_VOID, parseHgt } from './hgt.ts';

// Expected values: the SRTM format (big-endian int16, 1201² at 3″ / 3601² at 1″, −32768 void,
// name = south-west corner) and GDAL's SRTMHGT driver's georeferencing of the same fixture
// (`gdalinfo N09E105.hgt`: origin 104.999583333, 10.000416667, pixel 0.000833333), with the
// fixture's stated content z = 100 + col − row and its void block (data/make-synthetic-ground.ts).

const gz = readFileSync('tests/fixtures/ground/synthetic-N09E105.hgt.gz');
const zip = readFileSync('tests/fixtures/ground/synthetic-N09E105.hgt.zip');

describe('parseHgt', () => {
  it('plain, gzipped and zipped tiles give the same georeferencing as GDAL and the stated heights', async () => {
    const raw = gunzipSync(new Uint8Array(gz));
    for (const [bytes, name] of [[raw, 'synthetic-N09E105.hgt'], [gz, 'synthetic-N09E105.hgt.gz'], [zip, 'tile.zip']] as const) {
      const t = parseHgt(bytes, name);
      expect(t.info).toMatchObject({ width: 1201, height: 1201, noData: HGT_VOID, sampleType: 'int16' });
      expect(t.info.originX).toBeCloseTo(104.999583333333, 11);
      expect(t.info.originY).toBeCloseTo(10.000416666667, 11);
      expect(t.info.pixelSizeX).toBeCloseTo(0.000833333333, 11);
      const w = await t.readWindow(298, 599, 302, 601);
      // Rows 599–600, cols 298–301: 100 + col − row, void from (600, 300).
      expect(Array.from(w)).toEqual([-201, -200, -199, -198, -202, -201, HGT_VOID, HGT_VOID]);
    }
  });

  it('corner from the name: N09E105 → (105, 9); S08W035 → (−35, −8); none → null', () => {
    expect(hgtTileCorner('x/y/synthetic-N09E105.hgt')).toEqual([105, 9]);
    expect(hgtTileCorner('S08W035.hgt.zip')).toEqual([-35, -8]);
    expect(hgtTileCorner('dem.hgt')).toBeNull();
  });

  it('refuses a wrong size (naming both SRTM sizes), a name without a corner, a zip without one .hgt', () => {
    const err = (f: () => unknown) => { try { f(); } catch (e) { return e as RasterFileError; } return null; };
    const e1 = err(() => parseHgt(new Uint8Array(1000), 'N09E105.hgt'));
    expect(e1?.kind).toBe('bad-hgt');
    expect(e1?.message).toBe('N09E105.hgt: 1000 bytes is not an SRTM tile (1″: 3601² × 2 = 25934402 bytes; 3″: 1201² × 2 = 2884802 bytes)');
    expect(() => parseHgt(gunzipSync(new Uint8Array(gz)), 'dem.hgt')).toThrow(/^dem\.hgt: the name does not give the tile corner/);
    const two = zipSync({ 'N09E105.hgt': new Uint8Array(4), 'N10E105.hgt': new Uint8Array(4) });
    expect(() => parseHgt(two, 'tiles.zip')).toThrow(/^tiles\.zip: the zip must hold exactly one \.hgt file, found 2 \(N09E105\.hgt, N10E105\.hgt\)$/);
  });
});
