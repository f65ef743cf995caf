/**
 * `npx tsx bench/ground.ts`: times the ground layers and the GeoTIFF writer on the real
 * province grid and prints figures (docs/ground.md quotes them).
 * - buildGround (communes → labels, WorldPop resampled by area, GSHHG water by majority,
 *   dasymetric population, rule-based clutter) at 100 m and 50 m cells, with the clutter class
 *   shares over the province;
 * - the GeoTIFF writer on a 50 m province grid (≈ 4.4 M cells): Float32 RSRP-like layer,
 *   Int32 best-server-like layer, Byte clutter map, Float32 population; median of 3;
 * - with `--landcover`: a SYNTHETIC WorldCover-like land-cover raster at 1/12 000° (10 m) over
 *   the water mask's box (15 000 × 12 000 = 180 M pixels, tiles of 512, made here) mapped to
 *   clutter on the 100 m and 50 m province grids, with the bytes read.
 * Exported as `benchGround()` (a BenchResult) for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BenchLine, BenchResult } from './pathloss-batch.ts';
import { gridForBBox, type Grid } from '../src/core/grid/grid.ts';
import { lonLatToUtm } from '../src/core/grid/projection.ts';
import { ringsOf, type BoundaryFeature } from '../src/core/boundaries/boundaries.ts';
import { communeLabelGrid } from '../src/core/stats/commune-stats.ts';
import { openGeoTiff } from '../src/core/raster/geotiff-reader.ts';
import { buildGround } from '../src/core/ground/ground.ts';
import { clutterShares } from '../src/core/ground/clutter-map.ts';
import { CLUTTER_TYPES } from '../src/core/clutter/p2108.ts';
import { categoryGeoTiff, float32GeoTiff, int32GeoTiff, populationGeoTiff } from '../src/core/export/geotiff.ts';
import { encodeGeoTiff } from '../src/core/raster/geotiff-writer.ts';
import { arrayBufferSource } from '../src/core/raster/byte-source.ts';
import { landCoverClutterMap } from '../src/core/ground/clutter-map.ts';

const DATA = 'public/data';

function provinceGrid(cellSizeM: number): Grid {
  const prov = JSON.parse(readFileSync(`${DATA}/vinh-long-province-2025.geojson`, 'utf8')) as { features: Feature<Polygon | MultiPolygon>[] };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of ringsOf(prov.features[0].geometry)) for (const p of r) {
    const [x, y] = lonLatToUtm(p[0], p[1]);
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return gridForBBox([minX, minY, maxX, maxY], cellSizeM);
}

function median3(f: () => unknown): number {
  const t: number[] = [];
  f();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[1];
}

export async function benchGround(log: (s: string) => void = () => {}, options: { landCover?: boolean } = {}): Promise<BenchResult> {
  const lines: BenchLine[] = [];
  const metrics: Record<string, number | string> = {};
  const communes = (JSON.parse(readFileSync(`${DATA}/vinh-long-communes-2025.geojson`, 'utf8')) as { features: BoundaryFeature[] }).features;
  const popBytes = readFileSync(`${DATA}/vinh-long-population-2020-1km.tif`);
  const waterBytes = readFileSync(`${DATA}/vinh-long-water-gshhg-3s.tif`);
  for (const cell of [100, 50]) {
    const grid = provinceGrid(cell);
    let t0 = performance.now();
    const labels = communeLabelGrid(grid, communes);
    const labelsMs = performance.now() - t0;
    t0 = performance.now();
    const ground = await buildGround({
      grid, communes, communesFileName: 'vinh-long-communes-2025.geojson', labels,
      population: await openGeoTiff(popBytes, 'vinh-long-population-2020-1km.tif'),
      water: await openGeoTiff(waterBytes, 'vinh-long-water-gshhg-3s.tif'),
    });
    const groundMs = performance.now() - t0;
    const shares = clutterShares(ground.clutter, labels);
    log(`${cell} m: ${grid.width} × ${grid.height} cells; labels ${labelsMs.toFixed(0)} ms; buildGround ${groundMs.toFixed(0)} ms; Σ people ${ground.population.total.toFixed(0)}`);
    log(`  clutter shares over the province: ${CLUTTER_TYPES.map((t) => `${t} ${(100 * shares[t]).toFixed(1)} %`).join(', ')}`);
    lines.push({ metric: `buildGround at ${cell} m (${grid.width * grid.height} cells, labels given)`, value: groundMs, unit: 'ms', note: `labels ${labelsMs.toFixed(0)} ms` });
    metrics[`ground_build_${cell}m_ms`] = Math.round(groundMs);
    for (const t of CLUTTER_TYPES) metrics[`ground_share_${cell}m_${t}`] = Number((100 * shares[t]).toFixed(2));
  }

  // Writer on a 50 m grid: RSRP falling with distance from a point, NaN outside the province.
  const grid = provinceGrid(50);
  const labels = communeLabelGrid(grid, communes);
  const n = grid.width * grid.height;
  const rsrp = new Float32Array(n), server = new Int32Array(n), clutter = new Uint8Array(n), people = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % grid.width, r = (i - c) / grid.width;
    const d = Math.hypot(c - grid.width / 2, r - grid.height / 2) + 1;
    rsrp[i] = labels[i] < 0 ? NaN : -60 - 35 * Math.log10(d) + 4 * Math.sin(c / 13) * Math.cos(r / 17);
    server[i] = labels[i] < 0 ? -1 : ((c >> 6) * 7 + (r >> 6)) % 500;
    clutter[i] = labels[i] < 0 ? 0 : (labels[i] + (c >> 4)) % 6;
    people[i] = labels[i] < 0 ? 0 : 20 + 10 * Math.sin(c / 9);
  }
  const cases: [string, () => ArrayBuffer][] = [
    ['Float32 (RSRP-like)', () => float32GeoTiff(grid, rsrp, { description: 'RSRP', unit: 'dBm' })],
    ['Int32 (best-server-like)', () => int32GeoTiff(grid, server)],
    ['Byte (clutter classes)', () => categoryGeoTiff(grid, clutter, CLUTTER_TYPES).tif],
    ['Float32 (population)', () => populationGeoTiff(grid, people)],
  ];
  for (const [label, f] of cases) {
    const ms = median3(f);
    const bytes = f().byteLength;
    log(`writer ${label}: ${ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(2)} MB (uncompressed ${(n * (label.startsWith('Byte') ? 1 : 4) / 1e6).toFixed(2)} MB)`);
    lines.push({ metric: `GeoTIFF writer, ${label}, ${n} cells, median of 3`, value: ms, unit: 'ms', note: `${(bytes / 1e6).toFixed(2)} MB` });
    metrics[`geotiff_write_${label.split(' ')[0].toLowerCase()}_${label.includes('population') ? 'pop' : 'layer'}_ms`] = Math.round(ms);
  }
  if (options.landCover) {
    const w = 15000, h = 12000;
    const px = new Uint8Array(w * h);
    const codes = [10, 20, 30, 40, 50, 60, 80, 90, 95];
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) px[r * w + c] = codes[((r >> 5) * 7 + (c >> 6) * 3 + ((r * c) & 3)) % 9];
    const tif = encodeGeoTiff({ width: w, height: h, type: 'uint8', values: px, noData: 0, tileSize: 512, level: 1, georeference: { epsg: 4326, originX: 105.6, originY: 10.45, pixelSizeX: 1 / 12000, pixelSizeY: 1 / 12000 } });
    for (const cell of [100, 50]) {
      const g = provinceGrid(cell);
      const inner = arrayBufferSource(tif);
      let bytesRead = 0;
      const src = { byteLength: inner.byteLength, read: async (o: number, l: number) => { const b = await inner.read(o, l); bytesRead += b.byteLength; return b; } };
      const t0 = performance.now();
      const res = await landCoverClutterMap(await openGeoTiff(src, 'synthetic-worldcover.tif'), g);
      const ms = performance.now() - t0;
      log(`land cover 10 m → ${cell} m clutter: ${ms.toFixed(0)} ms, ${res.samplesPerAxis}² samples per cell, ${(bytesRead / 1e6).toFixed(1)} of ${(tif.length / 1e6).toFixed(1)} MB read`);
      lines.push({ metric: `land cover (synthetic 10 m, 180 M px) → clutter at ${cell} m`, value: ms, unit: 'ms', note: `${res.samplesPerAxis}² samples per cell` });
      metrics[`ground_landcover_${cell}m_ms`] = Math.round(ms);
    }
  }
  return { lines, metrics };
}

if (process.argv[1]?.endsWith('ground.ts')) {
  const r = await benchGround((s) => console.log(s), { landCover: process.argv.includes('--landcover') });
  for (const l of r.lines) console.log(`${l.metric}: ${l.value.toFixed(0)} ${l.unit} (${l.note})`);
}
