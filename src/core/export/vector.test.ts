import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { FeatureCollection } from 'geojson';
import type { Grid } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Site } from '../scenario/scenario.ts';
import { communeLabelGrid, communeLayerStats } from '../stats/commune-stats.ts';
import { coverageBands } from './bands.ts';
import {
  FORMULA_CELL,
  bandsKml, communeStatsColumns, communeStatsCsv, communeStatsGeoJson, CSV_BOM, geoJsonText, kmlColor, SITE_CSV_COLUMNS, sitesCsv,
  sitesGeoJson, thresholdSuffix, xmlEscape,
} from './vector.ts';

function utmRect(x0: number, y0: number, x1: number, y1: number, properties: Record<string, unknown>): BoundaryFeature {
  const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => utmToLonLat(x, y));
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

// 2 × 1 cells of 100 m: commune 0 = west cell (−95 dBm), commune 1 = east cell (no service).
const grid: Grid = { width: 2, height: 1, originX: 600000, originY: 1110000, cellSizeM: 100, crs: 'EPSG:32648' };
const communes = [
  utmRect(600000, 1109900, 600100, 1110000, { name: 'Xã Hòa Ninh', code: '29584', population: 1000 }),
  utmRect(600100, 1109900, 600200, 1110000, { name: 'Phường Phú Khương', code: '28756' }),
];
const stats = communeLayerStats(grid, communeLabelGrid(grid, communes), communes, Float64Array.from([-95, NaN]), {
  booleanLayers: { uplink: Uint8Array.from([1, 0]) },
});

describe('commune statistics CSV', () => {
  const text = communeStatsCsv(stats);
  it('starts with a UTF-8 BOM and has the documented columns', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(communeStatsColumns(stats)).toEqual([
      'code', 'name', 'cells', 'area_km2', 'served_share', 'share_ge_m100', 'share_ge_m110', 'share_ge_m120', 'median', 'p5',
      'share_uplink', 'population', 'pop_cov_ge_m100', 'pop_cov_ge_m110', 'pop_cov_ge_m120',
    ]);
  });
  it('round-trips through papaparse: Vietnamese names intact, unknown values empty (not 0)', () => {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.[0]).toBe('code'); // the BOM is not glued to the first header
    expect(parsed.data.map((r) => r.name)).toEqual(['Xã Hòa Ninh', 'Phường Phú Khương', 'Toàn tỉnh']);
    const [a, b, total] = parsed.data;
    expect(a).toMatchObject({ code: '29584', cells: '1', area_km2: '0.01', share_ge_m100: '1', median: '-95', population: '1000', pop_cov_ge_m100: '1000', share_uplink: '1' });
    expect(b).toMatchObject({ code: '28756', share_ge_m100: '0', median: '', p5: '', population: '', pop_cov_ge_m100: '' });
    expect(total).toMatchObject({ code: '', cells: '2', share_ge_m100: '0.5', share_uplink: '0.5', population: '' });
  });
  it('names threshold columns m100 / 2p5', () => {
    expect([thresholdSuffix(-100), thresholdSuffix(2.5), thresholdSuffix(-7.5)]).toEqual(['m100', '2p5', 'm7p5']);
  });
});

describe('commune statistics GeoJSON', () => {
  it('one feature per commune with the CSV columns as properties (null = unknown)', () => {
    const fc = communeStatsGeoJson(communes, stats);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[1].properties).toMatchObject({ name: 'Phường Phú Khương', population: null, median: null });
    expect(Object.keys(fc.features[0].properties)).toEqual(communeStatsColumns(stats));
  });
});

const site = (id: string, name: string, sectors: number): Site => ({
  id, name, lonDeg: 106.3670731, latDeg: 9.5713704, heightM: 40, kind: 'macro', status: 'existing',
  sectors: Array.from({ length: sectors }, (_, k) => ({
    id: `${id}-L${k + 1}`, carrierId: k === 2 ? 'nr3500' : 'lte1800', azimuthDeg: k * 120, mechanicalTiltDeg: 2, electricalTiltDeg: 3,
    txPowerDbm: 46, feederLossDb: 2, antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10 }, modelId: '38901-rma-expected',
  })),
});
const sites = [site('S001', 'Trạm mẫu S001 (Long Vĩnh, "ven sông")', 3), site('S002', '=HYPERLINK("x")', 0)];

describe('sites', () => {
  it('CSV: one row per sector, site fields repeated; a site without sectors keeps one row', () => {
    const text = sitesCsv(sites, { sample: true });
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...SITE_CSV_COLUMNS]);
    expect(parsed.data.map((r) => [r.site_id, r.sector_id, r.azimuth_deg])).toEqual([
      ['S001', 'S001-L1', '0'], ['S001', 'S001-L2', '120'], ['S001', 'S001-L3', '240'], ['S002', '', ''],
    ]);
    expect(parsed.data[0]).toMatchObject({ site_name: 'Trạm mẫu S001 (Long Vĩnh, "ven sông")', lon: '106.367073', lat: '9.57137', sample: 'true', front_to_back_db: '' });
    // Formula injection defused with a leading apostrophe.
    expect(parsed.data[3].site_name).toBe('\'=HYPERLINK("x")');
  });
  it('FORMULA_CELL: = + - @ TAB CR start a formula unless the cell is a plain number (OWASP CSV injection list)', () => {
    for (const f of ['=1+1', '+cmd|x', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x")\nsecond line', '-', '+']) expect(FORMULA_CELL.test(f), JSON.stringify(f)).toBe(true);
    for (const n of ['-7.5', '+1e3', '-.5', '12', 'Trạm 1', ' =1', '']) expect(FORMULA_CELL.test(n), JSON.stringify(n)).toBe(false);
    // papaparse's default pattern misses a formula followed by a line break; ours does not.
    const text = sitesCsv([site('S003', '=1+1\n2', 0), site('-5', '-7.5', 0)]);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.site_id, r.site_name])).toEqual([['S003', "'=1+1\n2"], ['-5', '-7.5']]);
  });
  it('GeoJSON: one point per site, sectors summarised', () => {
    const fc = sitesGeoJson(sites);
    expect(fc.features.map((f) => f.geometry.coordinates)).toEqual([[106.367073, 9.57137], [106.367073, 9.57137]]);
    expect(fc.features[0].properties).toMatchObject({ sector_count: 3, sector_ids: 'S001-L1;S001-L2;S001-L3', carrier_ids: 'lte1800;nr3500', azimuths_deg: '0;120;240', sample: false });
    expect(fc.features[1].properties).toMatchObject({ sector_count: 0, sector_ids: '' });
  });
  it('a site without a name (made from a template) is written with its id as its name, in CSV and GeoJSON', () => {
    const unnamed = [site('M001', '', 1)];
    const rows = Papa.parse<Record<string, string>>(sitesCsv(unnamed), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.site_id, r.site_name])).toEqual([['M001', 'M001']]);
    expect(sitesGeoJson(unnamed).features[0].properties).toMatchObject({ id: 'M001', name: 'M001' });
  });
});

describe('geoJsonText', () => {
  it('parses back to the same collection, one feature per line', () => {
    const fc: FeatureCollection = { type: 'FeatureCollection', bbox: [1, 2, 3, 4], features: sitesGeoJson(sites).features };
    const text = geoJsonText(fc);
    expect(JSON.parse(text)).toEqual(fc);
    expect(text.split('\n')).toHaveLength(2 + fc.features.length + 1);
    expect(JSON.parse(geoJsonText({ type: 'FeatureCollection', features: [] }))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('KML', () => {
  it('colours are aabbggrr', () => {
    // 0.6 × 255 = 153 = 0x99; #1a9850 → bb 50, gg 98, rr 1a.
    expect(kmlColor('#1a9850', 0.6)).toBe('9950981a');
    expect(() => kmlColor('green', 1)).toThrow(/rrggbb/);
  });
  it('escapes XML and writes one styled placemark per band', () => {
    expect(xmlEscape(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
    const g: Grid = { width: 3, height: 1, originX: 600000, originY: 1110000, cellSizeM: 100, crs: 'EPSG:32648' };
    const bands = coverageBands(g, [-75, -85, -85], { layer: 'rsrp <LTE & NR>', edges: [-80, -90] });
    const kml = bandsKml([bands], { name: 'Vĩnh Long & "mẫu"' });
    expect(kml).toContain('<kml xmlns="http://www.opengis.net/kml/2.2">');
    expect(kml).toContain('<name>Vĩnh Long &amp; &quot;mẫu&quot;</name>');
    expect(kml).toContain('rsrp &lt;LTE &amp; NR&gt;');
    expect(kml.match(/<Placemark>/g)).toHaveLength(2);
    expect(kml.match(/<Style id=/g)).toHaveLength(2);
    expect(kml).not.toMatch(/<[^>]*<|&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});
