/**
 * Measurement import on the files of tests/fixtures/measurements (their README says where each
 * header comes from). Expected values are read off the fixture files by hand: line numbers,
 * columns and reasons are those of the file as written; times are computed in the comments from
 * the well-known epoch of 2024-01-01T00:00Z = 1,704,067,200 s.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importMeasurements, importMeasurementsCsv, importMeasurementsGeoJson } from './import.ts';
import { MeasurementFileError } from './messages.ts';
import { ABSENT } from './points.ts';

const read = (name: string) => readFileSync(new URL(`../../../tests/fixtures/measurements/${name}`, import.meta.url), 'utf8');
const problems = (p: { problems: readonly { row: number; column: string | null; message: { key: string }; dropped: boolean }[] }) => p.problems.map((q) => [q.row, q.column, q.message.key, q.dropped]);

// 2024-05-01T00:00Z = 1,704,067,200 + (31 + 29 + 31 + 30) days × 86,400 s = 1,714,521,600 s.
const MAY_1_2024_MS = 1714521600000;
const hms = (h: number, m: number, s: number) => ((h * 60 + m) * 60 + s) * 1000;

describe('Network Survey LTE export (comment lines, neighbour rows)', () => {
  const p = importMeasurements(read('network-survey-lte.csv'), 'network-survey-lte.csv');
  it('maps its columns and skips the two # lines (header on line 3)', () => {
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(',');
    expect(p.columns).toEqual([
      { field: 'lat', column: 'latitude' }, { field: 'lon', column: 'longitude' }, { field: 'rsrp', column: 'rsrp' }, { field: 'pci', column: 'pci' },
      { field: 'cellId', column: 'eci' }, { field: 'earfcn', column: 'earfcn' }, { field: 'time', column: 'deviceTime' }, { field: 'sinr', column: 'snr' },
      { field: 'rsrq', column: 'rsrq' }, { field: 'serving', column: 'servingCell' },
    ]);
    expect(p.ignoredColumns).toContain('signalStrength');
  });
  it('keeps lines 4 and 6, skips the neighbour row (line 5), refuses line 7 (no RSRP)', () => {
    expect(p.rowsRead).toBe(4);
    expect(p.neighbourRowsSkipped).toBe(1);
    expect(p.pointsKept).toBe(2);
    expect(problems(p)).toEqual([[7, 'rsrp', 'measRequired', true]]);
    expect(Array.from(p.points.row)).toEqual([4, 6]);
    expect(Array.from(p.points.rsrpDbm)).toEqual([-97, -112]);
    expect(Array.from(p.points.rsrqDb)).toEqual([-9, -13.5]);
    expect(Array.from(p.points.sinrDb)).toEqual([11.5, 4]);
    expect(Array.from(p.points.pci)).toEqual([36, 36]);
    expect(Array.from(p.points.earfcn)).toEqual([1300, 1300]);
    expect(p.cellIds).toEqual(['12345678']);
    expect(Array.from(p.points.cellId)).toEqual([0, 0]);
    // 17:23:45.5 at +07:00 = 10:23:45.5 UTC.
    expect(p.points.timeMs[0]).toBe(MAY_1_2024_MS + hms(10, 23, 45) + 500);
  });
});

describe('G-NetTrack-style log (tab-separated, Level / Qual / SNR / ARFCN)', () => {
  const p = importMeasurements(read('gnettrack-style.txt'), 'gnettrack-style.txt');
  it('finds the tab, reads Level as RSRP, Qual as RSRQ, SNR as SINR, ARFCN as EARFCN, CellID over CGI', () => {
    expect(p.delimiter).toBe('\t');
    expect(p.columns.map((c) => `${c.field}=${c.column}`)).toEqual(['lat=Latitude', 'lon=Longitude', 'rsrp=Level', 'cellId=CellID', 'earfcn=ARFCN', 'time=Timestamp', 'sinr=SNR', 'rsrq=Qual']);
    expect(p.ignoredColumns).toContain('CGI');
    expect(p.problems).toEqual([]);
    expect(Array.from(p.points.rsrpDbm)).toEqual([-95, -96]);
    expect(Array.from(p.points.latDeg)).toEqual([10.2501234, 10.250199]);
    expect(Array.from(p.points.pci)).toEqual([ABSENT, ABSENT]);
    // 2024.05.01_10.23.45, no zone: read as UTC.
    expect(Array.from(p.points.timeMs)).toEqual([MAY_1_2024_MS + hms(10, 23, 45), MAY_1_2024_MS + hms(10, 23, 46)]);
  });
});

describe('TEMS-style export (semicolons, decimal commas, CRLF, units in brackets)', () => {
  const p = importMeasurements(read('tems-style-semicolon.csv'), 'tems-style-semicolon.csv');
  it('reads "Serving Cell RSRP (dBm)" and "-95,5" as −95.5', () => {
    expect(p.delimiter).toBe(';');
    expect(p.columns.map((c) => `${c.field}=${c.column}`)).toEqual(['lat=Latitude', 'lon=Longitude', 'rsrp=Serving Cell RSRP (dBm)', 'pci=Serving Cell PCI', 'earfcn=EARFCN', 'time=Time', 'sinr=SINR (dB)', 'rsrq=Serving Cell RSRQ (dB)']);
    expect(p.problems).toEqual([]);
    expect(Array.from(p.points.rsrpDbm)).toEqual([-95.5, -96.25]);
    expect(Array.from(p.points.lonDeg)).toEqual([105.9712345, 105.9713001]);
    expect(Array.from(p.points.sinrDb)).toEqual([12.5, -3.5]);
    expect(Array.from(p.points.row)).toEqual([2, 3]);
  });
});

describe('bad-rows.csv (the CLI contract columns, one problem per line)', () => {
  const bbox = [105.5, 9.5, 106.8, 10.5] as const;
  const p = importMeasurementsCsv(read('bad-rows.csv'), 'bad-rows.csv', { expectedBBoxDeg: bbox });
  it('lists every bad row with its line, column and reason, keeps the valid ones', () => {
    expect(problems(p)).toEqual([
      [3, 'rsrp_dbm', 'measNotNumber', true],
      [4, 'rsrp_dbm', 'measNaN', true],
      [5, 'rsrp_dbm', 'measRsrpRange', true],
      [6, 'rsrp_dbm', 'measRsrpSign', true],
      [7, 'lat', 'measLatLonSwapped', true],
      [8, 'rsrp_dbm', 'measRequired', true],
      [9, 'lat', 'measNoFix', true],
      [10, 'pci', 'measPciRange', false],
      [12, null, 'measFieldCount', true],
      [13, null, 'measFieldCount', true],
      [15, 'lat', 'measOutsideBBox', true],
    ]);
    expect(p.rowsRead).toBe(14); // lines 2–16 less the blank line 11
    expect(Array.from(p.points.row)).toEqual([2, 10, 14, 16]);
    expect(Array.from(p.points.pci)).toEqual([36, ABSENT, 38, ABSENT]);
    expect(p.cellIds).toEqual(['C1', 'C3, north']);
  });
  it('says the reason in English and Vietnamese-ready form', () => {
    const sign = p.problems.find((q) => q.row === 6);
    expect(sign?.reason).toBe('RSRP 95 dBm is outside -160…-20 dBm: a missing minus sign (-95 dBm)?');
    expect(sign?.message).toEqual({ key: 'measRsrpSign', params: { value: 95, min: -160, max: -20, negated: -95 } });
  });
  it('without the expected box, line 15 (106.97 °E) is kept', () => {
    const q = importMeasurementsCsv(read('bad-rows.csv'), 'bad-rows.csv');
    expect(Array.from(q.points.row)).toEqual([2, 10, 14, 15, 16]);
  });
  it('an inside test refuses points outside the study area', () => {
    const q = importMeasurementsCsv(read('bad-rows.csv'), 'bad-rows.csv', { inside: (lon) => lon < 105.9712 });
    expect(problems(q).filter((x) => x[2] === 'measOutsideArea').map((x) => x[0])).toEqual([14, 15, 16]);
  });
});

describe('GeoJSON points', () => {
  const p = importMeasurementsGeoJson(read('points.geojson'), 'points.geojson');
  it('takes lat/lon from the geometry, names features by position', () => {
    expect(p.format).toBe('geojson');
    expect(problems(p)).toEqual([
      [2, 'geometry', 'measNotPoint', true],
      [3, 'rsrp', 'measRsrpRange', true],
    ]);
    expect(Array.from(p.points.row)).toEqual([1, 4]);
    expect(Array.from(p.points.lonDeg)).toEqual([105.9712345, 105.9714]);
    expect(Array.from(p.points.latDeg)).toEqual([10.2501234, 10.2503]);
    expect(Array.from(p.points.pci)).toEqual([36, ABSENT]);
    expect(p.cellIds).toEqual(['C1', 'C2']);
    expect(p.points.timeMs[0]).toBe(MAY_1_2024_MS + hms(10, 23, 45));
    // The lat/lon properties of feature 4 are not read: the geometry wins.
    expect(p.ignoredColumns).toEqual(expect.arrayContaining(['lat', 'lon']));
  });
  it('refuses what is not a FeatureCollection, naming the file', () => {
    expect(() => importMeasurementsGeoJson('{"type":"Feature"}', 'f.geojson')).toThrow(/^f\.geojson: expected a GeoJSON FeatureCollection, found type "Feature"$/);
    expect(() => importMeasurementsGeoJson('{', 'f.geojson')).toThrow(MeasurementFileError);
  });
});

describe('whole-file problems name the file', () => {
  it('empty, header only, required column missing (with the accepted names)', () => {
    expect(() => importMeasurementsCsv('', 'e.csv')).toThrow(/^e\.csv: the file is empty/);
    expect(() => importMeasurementsCsv('lat,lon,rsrp\n', 'h.csv')).toThrow(/^h\.csv: no data rows after the header$/);
    expect(() => importMeasurementsCsv('lat,lon,signal\n10,106,-90\n', 'm.csv')).toThrow(/^m\.csv: header row: required column missing: rsrp \(RSRP of the serving cell, dBm; accepted names: rsrp, rsrpdbm/);
  });
  it('an explicit mapping reads a column the aliases do not know', () => {
    const p = importMeasurementsCsv('lat,lon,signal\n10,106,-90\n', 'm.csv', { columns: { rsrp: 'Signal' } });
    expect(Array.from(p.points.rsrpDbm)).toEqual([-90]);
    expect(() => importMeasurementsCsv('lat,lon,rsrp\n10,106,-90\n', 'm.csv', { columns: { pci: 'PhysId' } })).toThrow(/^m\.csv: header row: column "PhysId" given for pci is not in the header/);
  });
  it('a quoted field never closed: the line where it opens', () => {
    expect(() => importMeasurementsCsv('lat,lon,rsrp,cell_id\n10,106,-90,A\n10,106,-91,"B\n10,106,-92,C\n', 'q.csv')).toThrow(/^q\.csv: line 3: a quoted field is never closed/);
  });
  it('NUL bytes: not a text file', () => {
    expect(() => importMeasurementsCsv('lat,lon,rsrp\n\u0000\u0001', 'b.csv')).toThrow(/^b\.csv: not a text file/);
  });
});

describe('the time column', () => {
  it('is switched off, with a note, when its first value is not a time', () => {
    const p = importMeasurementsCsv('lat,lon,rsrp,time\n10,106,-90,12:00:01\n10,106,-91,12:00:02\n', 't.csv');
    expect(p.notes).toEqual(['column time: "12:00:01" is not a date and time this import reads (ISO 8601, or seconds / milliseconds since 1970); the column is ignored']);
    expect(p.problems).toEqual([]);
    expect(Array.from(p.points.timeMs).every(Number.isNaN)).toBe(true);
  });
  it('reports a later unreadable time on its row and keeps the point', () => {
    const p = importMeasurementsCsv('lat,lon,rsrp,time\n10,106,-90,1714559025\n10,106,-91,soon\n', 't.csv');
    expect(problems(p)).toEqual([[3, 'time', 'measTime', false]]);
    expect(Array.from(p.points.timeMs)).toEqual([MAY_1_2024_MS + hms(10, 23, 45), NaN]);
  });
});
