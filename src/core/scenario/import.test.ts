import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { parseScenario, type Scenario, type Site } from './scenario.ts';
import { validateSite } from './fields.ts';
import { applyImport, decodeImportBytes, ImportFileError, importSites, importSitesCsv, importSitesGeoJson } from './import.ts';
import { newSiteFromTemplate, SITE_TEMPLATES } from './templates.ts';

const root = new URL('../../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const sample = parseScenario(read('data/scenarios/sample-network.json'), 'sample-network.json').scenario;
const empty: Scenario = { ...sample, name: 'empty', sample: false, carriers: [], sites: [], privateNetworks: [] };
const province = JSON.parse(read('public/data/vinh-long-province-2025.geojson')).features[0] as Feature<Polygon | MultiPolygon>;
const inside = (lon: number, lat: number) => booleanPointInPolygon([lon, lat], province);

const HEADER = 'site_id,site_name,lat,lon,height_m,kind,status,sector_id,carrier_id,band,freq_mhz,bandwidth_mhz,azimuth_deg,mech_tilt_deg,elec_tilt_deg,tx_power_dbm,feeder_loss_db,antenna_gain_dbi,model';
/** A good sector row of site `id` at Phường Thanh Đức (inside the province); `patch` replaces cells by column. */
function row(id: string, sector: string, patch: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    site_id: id, site_name: `Trạm ${id}`, lat: '10.23514', lon: '106.00279', height_m: '30', kind: 'macro', status: 'candidate', sector_id: sector,
    carrier_id: '', band: 'B3', freq_mhz: '1842.5', bandwidth_mhz: '20', azimuth_deg: '0', mech_tilt_deg: '2', elec_tilt_deg: '4', tx_power_dbm: '46',
    feeder_loss_db: '2', antenna_gain_dbi: '17', model: '38901-uma-expected', ...patch,
  };
  return HEADER.split(',').map((c) => cells[c]).join(',');
}
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const summary = (p: ReturnType<typeof importSitesCsv>) => p.problems.map((q) => [q.row, q.column, q.message.key]);

describe('example files in data/examples', () => {
  it('sites.csv: 6 SYNTHETIC sites inside the province, 19 sector rows, no problems', () => {
    const p = importSitesCsv(read('data/examples/sites.csv'), 'sites.csv', sample, { inside });
    expect(p.problems).toEqual([]);
    expect(p.rowsRead).toBe(19);
    expect(p.sites.map((s) => [s.id, s.sectors.length])).toEqual([['SYN01', 6], ['SYN02', 3], ['SYN03', 3], ['SYN04', 3], ['SYN05', 3], ['SYN06', 1]]);
    for (const s of p.sites) {
      expect(s.name).toMatch(/^SYNTHETIC /);
      expect(inside(s.lonDeg, s.latDeg)).toBe(true);
    }
    // lte1800 / nr3500 are the sample's own carriers; only the 700 MHz one is new.
    expect(p.newCarriers).toEqual([{ id: 'lte700', tech: 'LTE', band: 'B28', freqMHz: 778, bandwidthMHz: 10, scsKHz: 15 }]);
    expect(importSitesCsv(read('data/examples/sites.csv'), 'sites.csv', empty).newCarriers.map((c) => c.id)).toEqual(['lte1800', 'nr3500', 'lte700']);
  });
  it('sites-with-errors.csv: exactly one bad row (line 4, azimuth_deg = 400), site SYN01 refused whole', () => {
    const p = importSitesCsv(read('data/examples/sites-with-errors.csv'), 'sites-with-errors.csv', sample, { inside });
    expect(p.problems).toEqual([
      { row: 4, column: 'azimuth_deg', reason: 'must be at least 0 and less than 360°, got 400', message: { key: 'valRangeHalfOpen', params: { min: 0, max: 360, unit: '°', value: 400 } }, siteId: 'SYN01' },
    ]);
    expect(p.refusedSites).toEqual([{ siteId: 'SYN01', rows: [2, 3, 4, 5, 6, 7], badRows: [4] }]);
    expect(p.sites.map((s) => s.id)).toEqual(['SYN02', 'SYN03', 'SYN04', 'SYN05', 'SYN06']);
  });
  it('sites.geojson holds the same sites as sites.csv', () => {
    const g = importSitesGeoJson(read('data/examples/sites.geojson'), 'sites.geojson', sample, { inside });
    const c = importSitesCsv(read('data/examples/sites.csv'), 'sites.csv', sample, { inside });
    expect(g.problems).toEqual([]);
    expect(g.format).toBe('geojson');
    expect(g.rowsRead).toBe(19);
    expect(g.sites).toEqual(c.sites);
    expect(g.newCarriers).toEqual(c.newCarriers);
    expect(importSites(read('data/examples/sites.geojson'), 'sites.geojson', sample).sites).toEqual(c.sites);
  });
});

describe('bad rows: row = line number, column, reason', () => {
  it('names each bad cell and refuses only the sites concerned', () => {
    const text = csv(
      row('A', 'A-1'), // 2 good
      row('B', 'B-1', { tx_power_dbm: 'abc' }), // 3
      row('C', 'C-1', { antenna_gain_dbi: '' }), // 4
      row('D', 'D-1', { lat: '106.00279', lon: '10.23514' }), // 5 swapped
      row('E', 'E-1', { lat: '21.0285', lon: '105.8542' }), // 6 Hà Nội: outside the province
      row('F', 'F-1', { azimuth_deg: 'NaN' }), // 7
      row('G', 'G-1', { height_m: '30000' }), // 8 millimetres
      row('H', 'H-1', { band: 'B20' }), // 9 not in the band table
      row('I', 'I-1', { band: 'n78', freq_mhz: '3.5', bandwidth_mhz: '100' }), // 10 GHz
      row('S001', 'S001-x'), // 11 exists in the sample
      row('J', 'J-1', { model: 'okumura' }), // 12
      row('A', 'A-2', { azimuth_deg: '120' }), // 13 good second sector of A
    );
    const p = importSitesCsv(text, 'f.csv', sample, { inside });
    expect(summary(p)).toEqual([
      [3, 'tx_power_dbm', 'valNotNumber'],
      [4, 'antenna_gain_dbi', 'valRequired'],
      [5, 'lat', 'valLatLonSwapped'],
      [6, 'lat', 'valOutsideProvince'],
      [7, 'azimuth_deg', 'valNotNumber'],
      [8, 'height_m', 'valHeightUnits'],
      [9, 'band', 'valUnknownBand'],
      [10, 'freq_mhz', 'valFreqLooksGHz'],
      [11, 'site_id', 'valIdExists'],
      [12, 'model', 'valUnknownModel'],
    ]);
    expect(p.problems[2].reason).toBe('latitude 106.00279 and longitude 10.23514 look swapped');
    expect(p.problems[4].reason).toBe('"NaN" is not a number');
    expect(p.problems[5].reason).toBe('30000 m is not a plausible antenna height (must be less than 300 m): was it entered in centimetres (300 m) or millimetres (30 m)?');
    expect(p.sites.map((s) => [s.id, s.sectors.map((x) => x.id)])).toEqual([['A', ['A-1', 'A-2']]]);
    expect(p.refusedSites.map((r) => r.siteId)).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'S001', 'J']);
    expect(p.rowsRead).toBe(12);
  });
  it('swapped coordinates that the inside test would accept', () => {
    const box = (lon: number, lat: number) => lon > 40 && lon < 50 && lat > 10 && lat < 20;
    const p = importSitesCsv(csv(row('A', 'A-1', { lat: '45', lon: '15' })), 'f.csv', empty, { inside: box });
    expect(p.problems.map((q) => [q.row, q.column, q.reason])).toEqual([[2, 'lat', '(45, 15) is outside the province; with latitude and longitude swapped it would be inside']]);
  });
  it('one bad sector refuses its whole site, naming the row', () => {
    const p = importSitesCsv(csv(row('A', 'A-1'), row('A', 'A-2', { elec_tilt_deg: '25' }), row('A', 'A-3')), 'f.csv', empty);
    expect(summary(p)).toEqual([[3, 'elec_tilt_deg', 'valRangeClosed']]);
    expect(p.sites).toEqual([]);
    expect(p.refusedSites).toEqual([{ siteId: 'A', rows: [2, 3, 4], badRows: [3] }]);
  });
  it('site columns must agree between rows of one site (or be left empty); sector ids unique', () => {
    const p = importSitesCsv(
      csv(row('A', 'A-1'), row('A', 'A-2', { lat: '10.3', height_m: '30.0' }), row('B', 'B-1'), row('B', 'B-1', { site_name: '', lat: '', lon: '', height_m: '' })),
      'f.csv', empty,
    );
    expect(summary(p)).toEqual([[3, 'lat', 'valInconsistentSite'], [5, 'sector_id', 'valDuplicateId']]);
    expect(p.problems[0].reason).toBe('site A is defined on row 2 with lat = "10.23514", here "10.3"');
  });
  it('carriers: by id, defined in the file, or by band; conflicts and unknown ids are named', () => {
    const p = importSitesCsv(
      csv(
        row('A', 'A-1', { carrier_id: 'lte1800', band: '', freq_mhz: '', bandwidth_mhz: '' }), // 2 the sample's carrier
        row('B', 'B-1', { carrier_id: 'mine', band: 'n78', freq_mhz: '3600', bandwidth_mhz: '40' }), // 3 new, named
        row('C', 'C-1', { carrier_id: 'mine', band: '', freq_mhz: '', bandwidth_mhz: '' }), // 4 refers to row 3
        row('D', 'D-1', { carrier_id: 'lte1800', band: 'B3', freq_mhz: '1850', bandwidth_mhz: '20' }), // 5 clash
        row('E', 'E-1', { carrier_id: 'ghost', band: '', freq_mhz: '', bandwidth_mhz: '' }), // 6 unknown
        row('F', 'F-1', { band: '', freq_mhz: '', bandwidth_mhz: '' }), // 7 nothing
        row('G', 'G-1', { band: 'B3', freq_mhz: '1842.5', bandwidth_mhz: '20' }), // 8 equal to lte1800
        row('H', 'H-1', { band: 'n78', freq_mhz: '3400', bandwidth_mhz: '60' }), // 9 new, unnamed (NR default SCS 30)
      ),
      'f.csv', sample,
    );
    expect(summary(p)).toEqual([[5, 'carrier_id', 'valCarrierConflict'], [6, 'carrier_id', 'valUnknownCarrier'], [7, 'carrier_id', 'valCarrierMissing']]);
    expect(p.sites.map((s) => [s.id, s.sectors[0].carrierId])).toEqual([['A', 'lte1800'], ['B', 'mine'], ['C', 'mine'], ['G', 'lte1800'], ['H', 'nr-n78-3400']]);
    expect(p.newCarriers).toEqual([
      { id: 'mine', tech: 'NR', band: 'n78', freqMHz: 3600, bandwidthMHz: 40, scsKHz: 30 },
      { id: 'nr-n78-3400', tech: 'NR', band: 'n78', freqMHz: 3400, bandwidthMHz: 60, scsKHz: 30 },
    ]);
  });
  it('line numbers count blank lines and fields spanning lines; BOM and CRLF accepted; extra empty fields tolerated', () => {
    const lines = [HEADER, row('A', 'A-1', { site_name: '"Trạm\r\nhai dòng"' }), '', row('B', 'B-1', { azimuth_deg: '-1' }), row('C', 'C-1') + ',,', row('D', 'D-1') + ',x', 'E,1'];
    const p = importSitesCsv('\ufeff' + lines.join('\r\n'), 'f.csv', empty);
    expect(summary(p)).toEqual([[5, 'azimuth_deg', 'valRangeHalfOpen'], [7, null, 'valFieldCount'], [8, null, 'valFieldCount']]);
    expect(p.sites.map((s) => [s.id, s.name])).toEqual([['A', 'Trạm\r\nhai dòng'], ['C', 'Trạm C']]);
    expect(p.rowsRead).toBe(5);
  });
  it('defaults: status candidate, kind macro, tilts and feeder 0, sector ids numbered, 3GPP panel; omni needs no azimuth', () => {
    const header = 'site_id,lat,lon,height_m,band,freq_mhz,bandwidth_mhz,azimuth_deg,tx_power_dbm,antenna_gain_dbi,model,antenna_type,unknown_col';
    const text = `${header}\nA,10.2,106,25,B3,1842.5,20,90,43,16,fspl,,z\nA,,,,B3,1842.5,20,200,43,16,fspl,,z\nO,10.21,106.01,8,n78,3500,100,,30,5,fspl,omni,\n`;
    const p = importSitesCsv(text, 'f.csv', empty);
    expect(p.problems).toEqual([]);
    expect(p.ignoredColumns).toEqual(['unknown_col']);
    const [a, o] = p.sites;
    expect(a).toEqual({
      id: 'A', name: 'A', lonDeg: 106, latDeg: 10.2, heightM: 25, kind: 'macro', status: 'candidate',
      sectors: [1, 2].map((k) => ({
        id: `A-${k}`, carrierId: 'lte-B3-1842.5', azimuthDeg: k === 1 ? 90 : 200, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 43, feederLossDb: 0,
        antenna: { type: '3gpp-sector', maxGainDbi: 16, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 }, modelId: 'fspl',
      })),
    } satisfies Site);
    expect(o.sectors[0]).toMatchObject({ azimuthDeg: 0, antenna: { type: 'omni', maxGainDbi: 5 } });
  });
});

describe('whole-file problems throw, naming the file', () => {
  it.each([
    ['', /^e\.csv: the file is empty/],
    ['  \n\n', /^e\.csv: the file is empty/],
    [HEADER.replaceAll(',', ';') + '\nA;B\n', /^e\.csv: header row: only one column found and it contains a semicolon: the file looks semicolon-separated/],
    [HEADER.replaceAll(',', '\t') + '\n', /tab-separated/],
    [HEADER + '\n', /^e\.csv: no data rows after the header$/],
    ['{"type": "FeatureCollection"}', /^e\.csv: header row: required columns missing: site_id, lat, lon, .* \(the header has: \{"type": "FeatureCollection"\}\)$/],
    ['site_id,lat,lon,height_m,azimuth_deg,tx_power_dbm,antenna_gain_dbi,model\nA,1,2,3,4,5,6,fspl\n', /required column missing: carrier_id \(or band, freq_mhz and bandwidth_mhz\)/],
    [HEADER + ',Site_ID\n', /header row: column site_id appears twice/],
    [csv(row('A', 'A-1', { site_name: '"unclosed' })), /^e\.csv: line 2: .*quote/],
    ['a,b\u0000c', /not a text file/],
  ])('%j', (text, message) => {
    expect(() => importSitesCsv(text, 'e.csv', empty)).toThrow(ImportFileError);
    expect(() => importSitesCsv(text, 'e.csv', empty)).toThrow(message);
  });
  it('GeoJSON: not JSON, not a FeatureCollection, no features; a feature without a point is a row problem', () => {
    expect(() => importSitesGeoJson('{', 'g.geojson', empty)).toThrow(/^g\.geojson: not valid JSON/);
    expect(() => importSitesGeoJson('{"type":"Feature"}', 'g.geojson', empty)).toThrow('g.geojson: expected a GeoJSON FeatureCollection, found type "Feature"');
    expect(() => importSitesGeoJson('{"type":"FeatureCollection","features":[]}', 'g.geojson', empty)).toThrow('g.geojson: the FeatureCollection has no features');
    const good = JSON.parse(read('data/examples/sites.geojson'));
    good.features[18].geometry = { type: 'LineString', coordinates: [[106, 10], [106.1, 10]] };
    good.features[6].geometry.coordinates = [9.91963, 106.34245];
    const p = importSitesGeoJson(JSON.stringify(good), 'g.geojson', empty, { inside });
    expect(p.problems.map((q) => [q.row, q.column, q.message.key])).toEqual([[7, 'geometry', 'valLatLonSwapped'], [19, 'geometry', 'valNotPoint']]);
    expect(p.refusedSites.map((r) => r.siteId)).toEqual(['SYN02', 'SYN06']);
  });
  it('bytes that are not UTF-8 are refused; a BOM is dropped', () => {
    expect(() => decodeImportBytes(new Uint8Array([0x73, 0x69, 0x74, 0xe9, 0x0a]), 'latin1.csv')).toThrow(/^latin1\.csv: not UTF-8 text/);
    expect(decodeImportBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa0]), 'x.csv')).toBe('aà');
  });
});

describe('applyImport', () => {
  it('adds exactly the valid sites and the carriers they need; the scenario stays valid; the input is unchanged', () => {
    const before = JSON.stringify(sample);
    const preview = importSitesCsv(read('data/examples/sites-with-errors.csv'), 'sites-with-errors.csv', sample, { inside });
    const next = applyImport(sample, preview);
    expect(JSON.stringify(sample)).toBe(before);
    expect(next.sites.length).toBe(sample.sites.length + 5);
    expect(next.sites.slice(sample.sites.length)).toEqual(preview.sites);
    expect(next.carriers.map((c) => c.id)).toEqual(['lte1800', 'nr3500', 'pn3700', 'lte700']);
    const reparsed = parseScenario(JSON.stringify(next), 'next.json', inside);
    expect(reparsed.problems).toEqual([]);
    for (const s of next.sites) expect(validateSite(s, { carriers: next.carriers })).toEqual([]);
  });
  it('refuses a preview whose ids were taken since', () => {
    const preview = importSitesCsv(read('data/examples/sites.csv'), 'sites.csv', empty);
    const once = applyImport(empty, preview);
    expect(() => applyImport(once, preview)).toThrow('sites.csv: site ids already in the scenario: SYN01, SYN02, SYN03, SYN04, SYN05, SYN06 (import the file again)');
  });
});

// --- Round trip: sites written as CSV by this test's own writer are read back unchanged. ---

const COLUMNS = ['site_id', 'site_name', 'lat', 'lon', 'height_m', 'kind', 'status', 'sector_id', 'carrier_id', 'tech', 'band', 'freq_mhz', 'bandwidth_mhz', 'scs_khz', 'azimuth_deg', 'mech_tilt_deg', 'elec_tilt_deg', 'tx_power_dbm', 'feeder_loss_db', 'antenna_type', 'antenna_gain_dbi', 'h_beamwidth_deg', 'v_beamwidth_deg', 'front_to_back_db', 'side_lobe_db', 'model'];
const quote = (v: string | number | undefined) => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function writeCsv(sites: readonly Site[], scenario: Scenario): string {
  const lines = [COLUMNS.join(',')];
  for (const s of sites) {
    for (const x of s.sectors) {
      const c = scenario.carriers.find((k) => k.id === x.carrierId)!;
      const a = x.antenna;
      const v = [s.id, s.name, s.latDeg, s.lonDeg, s.heightM, s.kind, s.status, x.id, c.id, c.tech, c.band, c.freqMHz, c.bandwidthMHz, c.scsKHz, x.azimuthDeg, x.mechanicalTiltDeg, x.electricalTiltDeg, x.txPowerDbm, x.feederLossDb, a.type, a.maxGainDbi, a.hBeamwidthDeg, a.vBeamwidthDeg, a.frontToBackDb, a.sideLobeDb, x.modelId];
      lines.push(v.map(quote).join(','));
    }
  }
  return lines.join('\n');
}

describe('CSV round trip (property)', () => {
  const box = (lon: number, lat: number) => lon >= 105.7 && lon <= 106.7 && lat >= 9.6 && lat <= 10.3;
  // −0 + 0 = 0: text has no negative zero.
  const num = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((v) => v + 0);
  const siteArb = fc.record({
    template: fc.constantFrom(...SITE_TEMPLATES.map((t) => t.id)),
    lon: num(105.7, 106.7),
    lat: num(9.6, 10.3),
    name: fc.string({ maxLength: 30 }),
    azimuth: num(0, 359.999),
    tilt: num(-10, 20),
    power: fc.integer({ min: 0, max: 60 }),
  });
  function build(specs: { template: string; lon: number; lat: number; name: string; azimuth: number; tilt: number; power: number }[]) {
    let scenario = empty;
    for (const sp of specs) {
      const { site, newCarriers } = newSiteFromTemplate(sp.template as (typeof SITE_TEMPLATES)[number]['id'], [sp.lon, sp.lat], scenario.sites.map((s) => s.id), scenario.carriers);
      const edited: Site = { ...site, name: sp.name.trim(), sectors: site.sectors.map((x, i) => (i === 0 ? { ...x, azimuthDeg: sp.azimuth, electricalTiltDeg: sp.tilt, txPowerDbm: sp.power } : x)) };
      scenario = { ...scenario, carriers: [...scenario.carriers, ...newCarriers], sites: [...scenario.sites, edited] };
    }
    return scenario;
  }
  it('any valid sites → CSV → import gives the same sites and carriers', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { minLength: 1, maxLength: 6 }), (specs) => {
        const scenario = build(specs);
        const p = importSitesCsv(writeCsv(scenario.sites, scenario), 'rt.csv', empty, { inside: box });
        expect(p.problems).toEqual([]);
        expect(p.sites).toEqual(scenario.sites.map((s) => ({ ...s, name: s.name === '' ? s.id : s.name })));
        expect(p.newCarriers).toEqual(scenario.carriers);
      }),
      { numRuns: 150 },
    );
  });
  it('one corrupted cell refuses exactly its site and is reported at its line and column', () => {
    const corruptions: [string, string][] = [['azimuth_deg', '360'], ['tx_power_dbm', 'x'], ['height_m', '0'], ['band', 'B99'], ['model', ''], ['mech_tilt_deg', '-11']];
    fc.assert(
      fc.property(fc.array(siteArb, { minLength: 2, maxLength: 5 }), fc.nat(), fc.constantFrom(...corruptions), (specs, pick, [column, value]) => {
        // One line per row here, so that the test can edit the text line by line.
        const scenario = build(specs.map((sp) => ({ ...sp, name: sp.name.replace(/[\r\n]/g, ' ') })));
        const lines = writeCsv(scenario.sites, scenario).split('\n');
        const dataLine = 2 + (pick % (lines.length - 1)); // 1-based line of a data row
        const cells = splitLine(lines[dataLine - 1]);
        const ci = COLUMNS.indexOf(column);
        // height_m is read on a site's first row only; corrupt it only there.
        const siteId = cells[0];
        const firstLine = 2 + lines.slice(1).findIndex((l) => splitLine(l)[0] === siteId);
        const line = column === 'height_m' ? firstLine : dataLine;
        const target = splitLine(lines[line - 1]);
        target[ci] = value;
        lines[line - 1] = target.map(quote).join(',');
        const p = importSitesCsv(lines.join('\n'), 'c.csv', empty, { inside: box });
        expect(p.problems.map((q) => [q.row, q.column])).toEqual([[line, column]]);
        expect(p.refusedSites.map((r) => r.siteId)).toEqual([siteId]);
        expect(p.sites.map((s) => s.id)).toEqual(scenario.sites.map((s) => s.id).filter((id) => id !== siteId));
      }),
      { numRuns: 150 },
    );
  });
});

/** Splits one CSV line written by {@link writeCsv} (quoted fields without line breaks). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('cells that cannot be values (issue 16)', () => {
  // Expected: the row and column of the cell, and the message keys of fields.ts; the other
  // sites of the file load (a bad cell refuses only its site).
  it('a NUL character in a data cell is a problem of its row and column, not of the file', () => {
    const p = importSitesCsv(csv(row('A', 'A1'), row('B', 'B1', { site_name: 'Tr\u0000m' })), 'n.csv', empty);
    expect(summary(p)).toEqual([[3, 'site_name', 'valNulChar']]);
    expect(p.problems[0].reason).toBe('contains a NUL character (U+0000): binary data, not text');
    expect(p.sites.map((s) => s.id)).toEqual(['A']);
  });
  it('NUL characters in the header: the file is refused naming the line and column (UTF-16 read as UTF-8)', () => {
    const utf16 = Buffer.from(csv(row('A', 'A1')), 'utf16le').toString('latin1');
    expect(() => importSitesCsv(utf16, 'u.csv', empty)).toThrow(/^u\.csv: header row \(line 1\), column 1: contains NUL characters \(U\+0000\): not a text file/);
  });
  it('a GeoJSON property that is an object, a list or holds a NUL names the feature and the column', () => {
    const feature = (props: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [106.00279, 10.23514] }, properties: { site_id: 'G', height_m: 30, band: 'B3', freq_mhz: 1842.5, bandwidth_mhz: 20, azimuth_deg: 0, tx_power_dbm: 46, antenna_gain_dbi: 17, model: '38901-uma-expected', ...props } });
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      feature({ site_id: 'G1' }),
      feature({ site_id: 'G2', site_name: JSON.parse('{"toString": 1}') }),
      feature({ site_id: 'G3', azimuth_deg: [0] }),
      feature({ site_id: 'G4', model: 'fspl\u0000' }),
    ] });
    const p = importSitesGeoJson(text, 'g.geojson', empty);
    expect(p.problems.map((q) => [q.row, q.column, q.message.key, q.siteId])).toEqual([
      [2, 'site_name', 'valNotScalar', 'G2'],
      [3, 'azimuth_deg', 'valNotScalar', 'G3'],
      [4, 'model', 'valNulChar', 'G4'],
    ]);
    expect(p.sites.map((s) => s.id)).toEqual(['G1']);
  });
  it('site names are sanitised (no bidi override), and the importer never exceeds the scenario limits', () => {
    const p = importSitesCsv(csv(row('A', 'A1', { site_name: 'Tr\u202Eạm A' })), 'b.csv', empty);
    expect(p.sites[0].name).toBe('Trạm A');
    const lines = Array.from({ length: 33 }, (_, k) => row('A', `A${k}`));
    const q = importSitesCsv(csv(...lines), 'many.csv', empty);
    expect(summary(q)).toEqual([[34, 'sector_id', 'valTooManySectors']]);
  });
});
