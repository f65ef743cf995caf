/**
 * Header matching. Expected values: the normalised forms worked out by hand from the rule
 * (lower case, diacritics off, one trailing bracketed unit off, a–z0–9 kept), and the header
 * rows of published exports: Network Survey's LTE CSV (networksurvey.app manual, "CSV Files")
 * and NR constants (ssRsrp, narfcn, nci), a router site-survey log (Time, Latitude, Longitude,
 * Cell ID, RSRP, RSRQ, SINR), and the CLI contract of issue 14 (lat, lon, rsrp_dbm, pci, cell_id).
 */
import { describe, expect, it } from 'vitest';
import { MEASUREMENT_FIELDS, normalizeHeader, resolveColumns } from './columns.ts';

const fieldsOf = (header: string[], mapping = {}) => resolveColumns(header, 'f.csv', mapping).used.map((u) => `${u.field}=${u.column}`);

describe('normalizeHeader', () => {
  it('folds case, punctuation, units and Vietnamese diacritics', () => {
    expect(normalizeHeader('Serving Cell RSRP (dBm)')).toBe('servingcellrsrp');
    expect(normalizeHeader('SS-RSRP')).toBe('ssrsrp');
    expect(normalizeHeader('ss_rsrp')).toBe('ssrsrp');
    expect(normalizeHeader('ssRsrp')).toBe('ssrsrp');
    expect(normalizeHeader('NR-ARFCN')).toBe('nrarfcn');
    expect(normalizeHeader('rsrp_dbm')).toBe('rsrpdbm');
    expect(normalizeHeader(' Cell ID ')).toBe('cellid');
    expect(normalizeHeader('SINR [dB]')).toBe('sinr');
    expect(normalizeHeader('Vĩ độ')).toBe('vido');
    expect(normalizeHeader('Kinh Độ')).toBe('kinhdo');
  });
  it('every alias is already in normal form, and no alias belongs to two fields', () => {
    const seen = new Map<string, string>();
    for (const f of MEASUREMENT_FIELDS) {
      for (const a of f.aliases) {
        expect(normalizeHeader(a)).toBe(a);
        expect(seen.get(a), a).toBeUndefined();
        seen.set(a, f.field);
      }
    }
  });
});

describe('resolveColumns on published headers', () => {
  it('Network Survey NR', () => {
    expect(fieldsOf(['deviceTime', 'latitude', 'longitude', 'mcc', 'mnc', 'tac', 'nci', 'narfcn', 'pci', 'ssRsrp', 'ssRsrq', 'ssSinr', 'csiRsrp', 'servingCell'])).toEqual([
      'lat=latitude', 'lon=longitude', 'rsrp=ssRsrp', 'pci=pci', 'cellId=nci', 'nrArfcn=narfcn', 'time=deviceTime', 'sinr=ssSinr', 'rsrq=ssRsrq', 'serving=servingCell',
    ]);
  });
  it('router site survey and the CLI contract', () => {
    expect(fieldsOf(['Time', 'Latitude', 'Longitude', 'Carrier', 'Cell ID', 'Band', 'RSSI', 'SINR', 'RSRP', 'RSRQ'])).toEqual(['lat=Latitude', 'lon=Longitude', 'rsrp=RSRP', 'cellId=Cell ID', 'time=Time', 'sinr=SINR', 'rsrq=RSRQ']);
    expect(fieldsOf(['lat', 'lon', 'rsrp_dbm', 'pci', 'cell_id'])).toEqual(['lat=lat', 'lon=lon', 'rsrp=rsrp_dbm', 'pci=pci', 'cellId=cell_id']);
  });
  it('prefers the earlier alias and lists the other as ignored', () => {
    const r = resolveColumns(['Lat', 'Lon', 'Level', 'RSRP'], 'f.csv');
    expect(r.used.find((u) => u.field === 'rsrp')?.column).toBe('RSRP');
    expect(r.ignored).toEqual(['Level']);
  });
  it('an explicit mapping wins, and null switches a field off', () => {
    expect(fieldsOf(['Lat', 'Lon', 'Level', 'RSRP'], { rsrp: 'level' })).toEqual(['lat=Lat', 'lon=Lon', 'rsrp=Level']);
    expect(fieldsOf(['lat', 'lon', 'rsrp', 'time'], { time: null })).toEqual(['lat=lat', 'lon=lon', 'rsrp=rsrp']);
  });
});

describe('a header without a required column', () => {
  it('the refusal carries the header and the missing fields (for a column-mapping form)', async () => {
    const { MeasurementFileError } = await import('./messages.ts');
    try {
      resolveColumns(['Thoi gian', 'Y', 'X', 'Muc thu'], 'log.csv');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(MeasurementFileError);
      const err = e as InstanceType<typeof MeasurementFileError>;
      expect(err.header).toEqual(['Thoi gian', 'Y', 'X', 'Muc thu']);
      expect(err.missing).toEqual(['lat', 'lon', 'rsrp']);
      expect(err.message).toMatch(/^log\.csv: header row: required columns missing: lat/);
    }
    // then mapped by the user: the same header reads
    expect(fieldsOf(['Thoi gian', 'Y', 'X', 'Muc thu'], { lat: 'Y', lon: 'X', rsrp: 'Muc thu' })).toEqual(['lat=Y', 'lon=X', 'rsrp=Muc thu']);
  });
});
