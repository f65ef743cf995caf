/**
 * Names in the current language: administrative units with their type word in each language's
 * order (English: "Long Châu Ward", a numbered ward "Ward 8"; the files' Vietnamese as written),
 * the communes' `merged_from` lists (a row of ../shared/data/vinh-long/vinh-long-communes-2025.csv,
 * Phú Khương), names the app makes for unnamed sites and proposals, carrier labels.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from './i18n.ts';
import { candidateName, carrierLabel, featureTitle, siteName, splitUnitName, unitListText, unitName, unitTypeKey } from './names.ts';

afterEach(() => setLang('vi'));

describe('administrative units', () => {
  it('type words from the files (type_vi, the type field) and their keys', () => {
    expect(unitTypeKey('Phường')).toBe('unit-phuong');
    expect(unitTypeKey('phuong')).toBe('unit-phuong');
    expect(unitTypeKey('thành phố')).toBe('unit-thanh-pho');
    expect(unitTypeKey('Thị xã')).toBe('unit-thi-xa');
    expect(unitTypeKey('quận')).toBeNull();
    expect(splitUnitName('Phường 8')).toEqual({ type: 'Phường', name: '8' });
    expect(splitUnitName('Thị trấn Cái Nhum')).toEqual({ type: 'Thị trấn', name: 'Cái Nhum' });
  });
  it('a name with its type word in each language', () => {
    setLang('vi');
    expect(unitName('Phường', 'Long Châu')).toBe('Phường Long Châu');
    setLang('en');
    expect(unitName('Phường', 'Long Châu')).toBe('Long Châu Ward');
    expect(unitName('Phường', '8')).toBe('Ward 8');
    expect(featureTitle({ name: 'Giao Long', type_vi: 'Xã', name_full: 'Xã Giao Long' })).toBe('Giao Long Commune');
    expect(featureTitle({ name: 'Vĩnh Long', type_vi: 'Thành phố', name_full: 'Thành phố Vĩnh Long' })).toBe('Vĩnh Long City');
  });
  it('merged_from of Phú Khương: each former unit, its parent in parentheses', () => {
    const merged = 'Phường 8 (thành phố Bến Tre), Phường Phú Khương, Xã Phú Hưng, Xã Nhơn Thạnh';
    setLang('en');
    expect(unitListText(merged)).toBe('Ward 8 (Bến Tre City), Phú Khương Ward, Phú Hưng Commune, Nhơn Thạnh Commune');
    setLang('vi');
    expect(unitListText(merged)).toBe(merged);
  });
});

describe('names the app makes', () => {
  it('a site or proposal without a name is named from its id in the current language; a name of its own is kept', () => {
    setLang('vi');
    expect(siteName({ id: 'M001', name: '' })).toBe('Trạm M001');
    expect(candidateName({ id: 'GAP-0001', name: '', gapPeople: 1 })).toBe('Đề xuất GAP-0001 (vùng lõm, 1 người)');
    setLang('en');
    expect(siteName({ id: 'M001', name: '  ' })).toBe('Site M001');
    expect(siteName({ id: 'S001', name: 'Long Vĩnh 1' })).toBe('Long Vĩnh 1');
    expect(candidateName({ id: 'GAP-0001', name: '', gapPeople: 1 })).toBe('Proposal GAP-0001 (gap, 1 person)');
    expect(candidateName({ id: 'GRID-0002', name: '' })).toBe('Proposal GRID-0002');
  });
  it('carrier labels with the language\'s number format', () => {
    const c = { tech: 'LTE' as const, band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20 };
    setLang('vi');
    expect(carrierLabel(c)).toBe('LTE B3 · 1.842,5 MHz · 20 MHz');
    setLang('en');
    expect(carrierLabel(c)).toBe('LTE B3 · 1,842.5 MHz · 20 MHz');
  });
});
