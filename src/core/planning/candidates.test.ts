/**
 * Reading candidate files: expected rows, columns and messages are written out by hand from the
 * fixtures in this file (line numbers counted with the header as row 1, a quoted two-line field
 * counting from its first line), and data/examples/candidates.csv must read without a problem.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CandidateFileError, parseCandidates, problemText } from './candidates.ts';

describe('candidates from CSV', () => {
  it('reads ids, positions, optional columns and defaults; ignores unknown columns', () => {
    const csv = 'id,lon,lat,height_m,template,cost,name,owner\nA1,106.0,10.2,35,macro-lte700,2.5,"Trạm\nhai dòng",x\nB-2,105.9,10.1,,,,,y\n';
    const r = parseCandidates(csv, 'c.csv');
    expect(r.problems).toEqual([]);
    expect(r.ignoredColumns).toEqual(['owner']);
    expect(r.candidates).toEqual([
      { id: 'A1', name: 'Trạm\nhai dòng', lonDeg: 106, latDeg: 10.2, heightM: 35, template: 'macro-lte700', cost: 2.5, source: 'file' },
      { id: 'B-2', name: '', lonDeg: 105.9, latDeg: 10.1, heightM: null, template: null, cost: 1, source: 'file' },
    ]);
  });

  it('reports each bad row by file, row and column, and keeps the good rows', () => {
    const csv = [
      'id,lon,lat,height_m,template,cost', // row 1
      'G1,106.0,10.2,,,', // row 2: good
      ',106.0,10.2,,,', // row 3: no id
      'G1,106.1,10.3,,,', // row 4: duplicate of row 2
      'X y,106.0,10.2,,,', // row 5: space in id
      'S1,10.2,106.0,,,', // row 6: swapped
      'H1,106.0,10.2,3000,,', // row 7: height in mm?
      'T1,106.0,10.2,,macro-5g,', // row 8: unknown template
      'C1,106.0,10.2,,,-1', // row 9: negative cost
      'N1,abc,10.2,,,', // row 10: not a number
      'F1,106.0', // row 11: too few fields
    ].join('\n');
    const r = parseCandidates(csv, 'bad.csv');
    expect(r.candidates.map((c) => c.id)).toEqual(['G1']);
    const lines = r.problems.map((p) => problemText('bad.csv', p));
    expect(lines[0]).toBe('bad.csv: row 3, column id: required (1–64 letters, digits, ".", "_" or "-")');
    expect(lines[1]).toBe('bad.csv: row 4, column id: "G1" is already the id of row 2');
    expect(lines[2]).toMatch(/^bad\.csv: row 5, column id: "X y" must be 1–64 letters/);
    expect(lines[3]).toMatch(/^bad\.csv: row 6, column lat: latitude must be .* \(latitude and longitude look swapped\)$/);
    expect(lines[4]).toMatch(/^bad\.csv: row 7, column height_m: antenna height must be more than 0 and less than 300 m, got "3000"$/);
    expect(lines[5]).toMatch(/^bad\.csv: row 8, column template: unknown template "macro-5g" \(known: macro-lte1800-nr3500, /);
    expect(lines[6]).toBe('bad.csv: row 9, column cost: cost must be a number ≥ 0, got "-1"');
    expect(lines[7]).toMatch(/^bad\.csv: row 10, column lon: longitude must be a number/);
    expect(lines[8]).toBe('bad.csv: row 11, column (row): 2 fields, the header has 6');
    expect(lines).toHaveLength(9);
  });

  it('refuses files that are not candidate CSV, naming the file', () => {
    expect(() => parseCandidates('', 'e.csv')).toThrow(/^e\.csv: the file is empty/);
    expect(() => parseCandidates('id,lon\nA,106\n', 'm.csv')).toThrow(CandidateFileError);
    expect(() => parseCandidates('id,lon\nA,106\n', 'm.csv')).toThrow('m.csv: header row: column "lat" is missing (found: id, lon)');
    expect(() => parseCandidates('id;lon;lat\nA;106;10\n', 's.csv')).toThrow(/^s\.csv: header row: one column found/);
  });

  it('data/examples/candidates.csv reads without a problem', () => {
    const r = parseCandidates(readFileSync('data/examples/candidates.csv', 'utf8'), 'candidates.csv');
    expect(r.problems).toEqual([]);
    expect(r.candidates.map((c) => c.id)).toEqual(['CAND-001', 'CAND-002', 'CAND-003', 'CAND-004', 'CAND-005']);
  });
});

describe('candidates from GeoJSON', () => {
  it('reads Points (id from the properties or the feature), rows are feature numbers', () => {
    const fc = {
      type: 'FeatureCollection', features: [
        { type: 'Feature', id: 'F1', properties: { cost: 3 }, geometry: { type: 'Point', coordinates: [106, 10.2] } },
        { type: 'Feature', properties: { id: 'F2', name: 'Hai' }, geometry: { type: 'LineString', coordinates: [[106, 10.2], [106.1, 10.2]] } },
        { type: 'Feature', properties: { id: 'F3', template: 'small-cell-lte1800' }, geometry: { type: 'Point', coordinates: [105.95, 10.25] } },
      ],
    };
    const r = parseCandidates(JSON.stringify(fc), 'c.geojson');
    expect(r.candidates.map((c) => [c.id, c.cost, c.template])).toEqual([['F1', 3, null], ['F3', 1, 'small-cell-lte1800']]);
    expect(r.problems.map((p) => problemText('c.geojson', p))).toEqual(['c.geojson: row 2, column geometry: must be a Point [longitude, latitude]']);
    expect(() => parseCandidates('{"type":"Feature"}', 'x.geojson')).toThrow('x.geojson: expected a GeoJSON FeatureCollection of Point features');
    expect(() => parseCandidates('{', 'y.geojson')).toThrow(/^y\.geojson: not valid JSON/);
  });
});
