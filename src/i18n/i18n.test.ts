/**
 * The dictionary machinery: plural forms (CLDR plural categories through Intl.PluralRules:
 * English "one" for exactly 1, Vietnamese only "other"), number formats of each language
 * (vi-VN: "." groups thousands and "," marks decimals; en-GB the reverse), and invariants of
 * the two dictionaries (the same placeholders in both, every plural block resolved for any
 * count, every registered model named in both, no model id shown). Expected strings are written
 * out by hand from those rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dictionary, formatMessage, formatNumber, formatPercent, setLang, t, type MessageKey } from './i18n.ts';
import { PATH_LOSS_MODEL_IDS } from '../core/propagation/registry.ts';

afterEach(() => setLang('vi'));

describe('formatMessage: plural forms', () => {
  const sites = '{n, plural, one {# site} other {# sites}} in {name}';
  it('English: one for 1, other for 0, 2 and 1.5; # is the number formatted for the language', () => {
    expect(formatMessage(sites, { n: 1, name: 'Long Hồ' }, 'en')).toBe('1 site in Long Hồ');
    expect(formatMessage(sites, { n: 0, name: 'x' }, 'en')).toBe('0 sites in x');
    expect(formatMessage(sites, { n: 2, name: 'x' }, 'en')).toBe('2 sites in x');
    expect(formatMessage(sites, { n: 1234, name: 'x' }, 'en')).toBe('1,234 sites in x');
  });
  it('Vietnamese: the other branch whatever the count', () => {
    expect(formatMessage('{n, plural, one {# trạm?} other {# trạm}}', { n: 1 }, 'vi')).toBe('1 trạm');
    expect(formatMessage('{n, plural, one {# trạm?} other {# trạm}}', { n: 1234 }, 'vi')).toBe('1.234 trạm');
  });
  it('exact matches (=0) first; placeholders inside a branch; several blocks; text around them kept', () => {
    const m = '{n, plural, =0 {no gap} one {the gap of {a} km²} other {# gaps, {a} km²}}; {k, plural, one {# file} other {# files}}.';
    expect(formatMessage(m, { n: 0, a: 1.5, k: 1 }, 'en')).toBe('no gap; 1 file.');
    expect(formatMessage(m, { n: 1, a: 1.5, k: 2 }, 'en')).toBe('the gap of 1.5 km²; 2 files.');
    expect(formatMessage(m, { n: 3, a: 1.5, k: 2 }, 'vi')).toBe('3 gaps, 1,5 km²; 2 files.');
  });
  it('a count given as formatted text still chooses a branch (1 → one; "1,234" → other) and is shown as given', () => {
    expect(formatMessage(sites, { n: '1', name: 'x' }, 'en')).toBe('1 site in x');
    expect(formatMessage(sites, { n: '1,234', name: 'x' }, 'en')).toBe('1,234 sites in x');
  });
  it('unknown placeholders stay; numbers get at most 2 decimals', () => {
    expect(formatMessage('{a} {b}', { a: 2 / 3 }, 'en')).toBe('0.67 {b}');
  });
});

describe('numbers and percentages in the current language', () => {
  it('vi-VN and en-GB', () => {
    setLang('vi');
    expect(formatNumber(1842.5, 1)).toBe('1.842,5');
    expect(formatPercent(0.4532)).toBe('45,3%');
    expect(formatPercent(null)).toBe('—');
    setLang('en');
    expect(formatNumber(1842.5, 1)).toBe('1,842.5');
    expect(formatPercent(0.4532)).toBe('45.3%');
  });
});

describe('the two dictionaries', () => {
  const vi = dictionary('vi'), en = dictionary('en');
  const keys = Object.keys(vi) as MessageKey[];
  /** Placeholder names of a message, plural blocks included. */
  const names = (s: string) => new Set([...s.matchAll(/\{([A-Za-z0-9_]+)(?:,\s*plural,|\})/g)].map((m) => m[1]));

  it('the same keys and, per key, the same placeholders (a translation drops or invents none)', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    const differ = keys.filter((k) => [...names(vi[k])].sort().join() !== [...names(en[k])].sort().join());
    expect(differ).toEqual([]);
  });

  it('every plural block resolves for 0, 1, 2 and 1000, in both languages (no syntax left in the text)', () => {
    for (const k of keys) {
      for (const l of ['vi', 'en'] as const) {
        if (!/plural,/.test(dictionary(l)[k])) continue;
        const params = Object.fromEntries([...names(dictionary(l)[k])].map((n) => [n, 0]));
        for (const n of [0, 1, 2, 1000]) {
          const out = formatMessage(dictionary(l)[k], Object.fromEntries(Object.keys(params).map((p) => [p, n])), l);
          expect(out, `${l}.${k} for ${n}`).not.toMatch(/plural,|\{#|\bone \{|\bother \{/);
        }
      }
    }
  });

  it('every registered model has a readable name in both languages, not its id', () => {
    for (const id of PATH_LOSS_MODEL_IDS) {
      for (const l of ['vi', 'en'] as const) {
        const name = dictionary(l)[`model-${id}` as MessageKey];
        expect(name, `${l} model-${id}`).toBeTruthy();
        expect(name).not.toContain(id);
      }
    }
  });

  it('t() follows the language switch', () => {
    setLang('en');
    expect(t('networkSummary', { name: 'x', n: 1, m: 3, c: 1 })).toBe('x: 1 site, 3 sectors on 1 carrier');
    setLang('vi');
    expect(t('networkSummary', { name: 'x', n: 1, m: 3, c: 1 })).toBe('x: 1 trạm, 3 cell trên 1 lớp sóng');
  });
});
