/**
 * Model-validity problems worded in each language from the core's data (src/core/validity.ts):
 * the quantity in words, its value and unit (km from 1 km on), the range, numbers in the
 * language's format. Expected sentences written out by hand from the dictionaries' templates;
 * the values are those of the sample network's RMa footprint that the app showed as
 * `d2dM=16488 outside validity range 10–5000 m` (issue 15) and of a 1842.5 MHz carrier under
 * Okumura–Hata (150–1500 MHz).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from './i18n.ts';
import { modelName, sceneValidityText, sectorModelName, validityIssueText } from './validity.ts';
import { getPathLossModel } from '../core/propagation/registry.ts';
import type { ValidityIssue } from '../core/validity.ts';

afterEach(() => setLang('vi'));

const d2d: ValidityIssue = { kind: 'range', field: 'd2dM', value: 16488, min: 10, max: 5000, unit: 'm' };
const freq: ValidityIssue = { kind: 'range', field: 'freqMHz', value: 1842.5, min: 150, max: 1500, unit: 'MHz' };

describe('validityIssueText', () => {
  it('a distance out of range, in km (16 488 m → 16,5 km; 10–5000 m → 0,01–5 km)', () => {
    setLang('vi');
    expect(validityIssueText(d2d)).toBe('khoảng cách 16,5 km ngoài phạm vi 0,01–5 km của mô hình');
    setLang('en');
    expect(validityIssueText(d2d)).toBe('distance 16.5 km outside the model\'s range 0.01–5 km');
  });
  it('a frequency out of range, in MHz with the language\'s separators', () => {
    setLang('vi');
    expect(validityIssueText(freq)).toBe('tần số 1.842,5 MHz ngoài phạm vi 150–1.500 MHz của mô hình');
    setLang('en');
    expect(validityIssueText(freq)).toBe('frequency 1,842.5 MHz outside the model\'s range 150–1,500 MHz');
  });
  it('a height below its range stays in m; a floor is said with its value', () => {
    setLang('en');
    expect(validityIssueText({ kind: 'range', field: 'hBsM', value: 10, min: 30, max: 200, unit: 'm' })).toBe('site antenna height 10 m outside the model\'s range 30–200 m');
    expect(validityIssueText({ kind: 'floor', field: 'd3dM', value: 0.5, floorM: 1 })).toBe('slant distance 0.5 m below 1 m: computed at 1 m');
  });
  it('the issues a model really returns are worded without field names or English in Vietnamese', () => {
    setLang('vi');
    const r = getPathLossModel('hata-urban-small')!.evaluate({ freqMHz: 1842.5, d2dM: 30000, hBsM: 10, hUtM: 1.5 });
    const text = r.issues.map(validityIssueText).join('; ');
    expect(text).toBe('tần số 1.842,5 MHz ngoài phạm vi 150–1.500 MHz của mô hình; độ cao anten trạm 10 m ngoài phạm vi 30–200 m của mô hình; khoảng cách 30 km ngoài phạm vi 1–20 km của mô hình');
    expect(text).not.toMatch(/d2dM|freqMHz|hBsM|outside/);
  });
});

describe('model names', () => {
  it('names by id in the current language; terrain modes named with the model', () => {
    setLang('vi');
    expect(modelName('38901-rma-expected')).toBe('3GPP RMa (nông thôn, theo xác suất LOS)');
    expect(modelName('nope')).toBe('mô hình không có trong danh sách (nope)');
    setLang('en');
    expect(modelName('38901-rma-expected')).toBe('3GPP RMa (rural, LOS-probability weighted)');
    expect(sectorModelName('38901-uma-expected', { mode: 'empirical-diffraction', diffraction: 'deygout' })).toBe('3GPP UMa (urban macro, LOS-probability weighted) + Deygout diffraction over the terrain profile');
    expect(sectorModelName('38901-uma-expected', { mode: 'itm' })).toBe('ITM (Longley-Rice) over the terrain profile');
  });
  it('one line of the warnings box: model, sectors (plural in English), frequency, height, footprint, problems', () => {
    const g = { modelId: '38901-rma-expected', sectors: 1, freqMHz: 1842.5, heightM: 40, footprintM: 16488, issues: [d2d] };
    setLang('en');
    expect(sceneValidityText(g)).toBe('3GPP RMa (rural, LOS-probability weighted) — 1 sector, 1,842.5 MHz, antenna 40 m, footprint to 16.5 km: distance 16.5 km outside the model\'s range 0.01–5 km');
    setLang('vi');
    expect(sceneValidityText({ ...g, sectors: 531 })).toBe('3GPP RMa (nông thôn, theo xác suất LOS) — 531 cell, 1.842,5 MHz, anten cao 40 m, vùng phủ tới 16,5 km: khoảng cách 16,5 km ngoài phạm vi 0,01–5 km của mô hình');
  });
});
