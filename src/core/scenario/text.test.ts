/**
 * Display-text sanitiser (text.ts). Expected values: the Unicode general categories of the
 * characters involved (UnicodeData.txt: U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE,
 * U+2066 LEFT-TO-RIGHT ISOLATE, U+FEFF ZERO WIDTH NO-BREAK SPACE, U+00AD SOFT HYPHEN and
 * U+E0041 TAG LATIN CAPITAL LETTER A are Cf; U+0000 and U+0085 are Cc; U+0303 COMBINING TILDE is
 * Mn), and invariants: idempotence, no Cf left, visible text unchanged.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeValue, hasNul, quoteShort, sanitizeText } from './text.ts';

describe('sanitizeText', () => {
  it('removes format characters (bidi controls, zero-width, BOM, soft hyphen, tags)', () => {
    expect(sanitizeText('gnoL h\u202Enĩ\u200BV')).toBe('gnoL hnĩV');
    expect(sanitizeText('\uFEFFa\u2066b\u2069c\u00ADd\u{E0041}e\u200D')).toBe('abcde');
  });
  it('turns controls into spaces but keeps TAB, LF and CR', () => {
    expect(sanitizeText('a\u0000b\u0085c\u007Fd')).toBe('a b c d');
    expect(sanitizeText('Trạm\r\nhai\tdòng')).toBe('Trạm\r\nhai\tdòng');
  });
  it('composes to NFC: "n" + U+0303 is "ñ" (U+00F1); Vietnamese letters kept', () => {
    expect(sanitizeText('n\u0303')).toBe('\u00F1');
    expect(sanitizeText('Vĩnh Long, Trà Vinh, Bến Tre')).toBe('Vĩnh Long, Trà Vinh, Bến Tre');
  });
  it('is idempotent and leaves no format character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const once = sanitizeText(s);
        expect(sanitizeText(once)).toBe(once);
        expect(/\p{Cf}/u.test(once)).toBe(false);
        expect(hasNul(once)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('describeValue / quoteShort', () => {
  it('names the JSON kind without calling toString on objects', () => {
    // A JSON object with a toString member makes String(v) throw.
    const hostile = JSON.parse('{"toString": 1, "valueOf": 2}');
    expect(() => String(hostile)).toThrow(TypeError);
    expect(describeValue(hostile)).toBe('an object');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(123)).toBe('the number 123');
    expect(describeValue('x\u202Ey')).toBe('the text "xy"');
  });
  it('shortens long text to the given length, with "..."', () => {
    expect(quoteShort('a'.repeat(100), 10)).toBe('"aaaaaaa..."');
  });
});
