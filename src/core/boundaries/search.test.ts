/**
 * Commune search against the published data (public/data, copied from ../shared by
 * `npm run data`): codes, names and former units are those of vinh-long-communes-2025.csv and
 * vinh-long-commune-crosswalk-2025.csv (e.g. code 29551 = Phường Long Châu, formed from
 * Phường 1, Phường 9 and Phường Trường An of the old Thành phố Vĩnh Long).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { CommuneSearch, foldText, formerUnitsFrom, withoutTypeWord } from './search.ts';

const csv = (name: string) => Papa.parse<string[]>(readFileSync(new URL(`../../../public/data/${name}`, import.meta.url), 'utf8'), { skipEmptyLines: true }).data;
const [head, ...rows] = csv('vinh-long-communes-2025.csv');
const col = (n: string) => head.indexOf(n);
const communes = rows.map((r, index) => ({ index, code: r[col('code')], name: r[col('name')], nameFull: r[col('name_full')] }));
const search = new CommuneSearch(communes, formerUnitsFrom(csv('vinh-long-commune-crosswalk-2025.csv')));
const first = (q: string) => communes[search.find(q)[0]?.index ?? -1]?.nameFull;

describe('commune search', () => {
  it('folds diacritics, đ, case and punctuation; drops a leading type word but keeps "Phường 9"', () => {
    expect(foldText('  Phường  Long-Châu ')).toBe('phuong long chau');
    expect(foldText('Đồng Phú')).toBe('dong phu');
    expect(withoutTypeWord('phuong long chau')).toBe('long chau');
    expect(withoutTypeWord('xa an binh')).toBe('an binh');
    expect(withoutTypeWord('phuong 9')).toBe('phuong 9');
  });

  it('finds Phường Long Châu by its full name, without diacritics, without the type word and by code', () => {
    expect(communes).toHaveLength(124);
    for (const q of ['Phường Long Châu', 'phuong long chau', 'PHƯỜNG LONG CHÂU', 'long chau', 'Long Châu', '29551']) {
      expect(first(q), q).toBe('Phường Long Châu');
    }
    expect(search.find('29551')[0].kind).toBe('code');
  });

  it('finds a unit by a former name, saying which', () => {
    const m = search.find('Trường An');
    expect(communes[m[0].index].nameFull).toBe('Phường Long Châu');
    expect(m[0]).toMatchObject({ kind: 'former', via: 'Phường Trường An' });
    // "Phường 9" existed in several old towns: every unit it went into is listed.
    const nine = search.find('phường 9').filter((x) => x.kind === 'former');
    expect(nine.map((x) => communes[x.index].nameFull)).toContain('Phường Long Châu');
    expect(nine.length).toBeGreaterThan(1);
  });

  it('"vinh long" finds the units of the old Thành phố Vĩnh Long (by district) after any named so', () => {
    const m = search.find('vinh long');
    expect(m.length).toBeGreaterThan(0);
    expect(m.some((x) => x.kind === 'district' && x.via === 'Thành phố Vĩnh Long' && communes[x.index].nameFull === 'Phường Long Châu')).toBe(true);
  });

  it('the name ranks before the former name; nonsense and an empty query find nothing', () => {
    const m = search.find('an binh');
    expect(communes[m[0].index].nameFull).toBe('Xã An Bình');
    expect(search.find('zzqx not a place')).toEqual([]);
    expect(search.find('   ')).toEqual([]);
  });
});
