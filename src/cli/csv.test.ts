import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCsvField, formatCsvLine, parseCsvText } from './csv.ts';
import { DataError } from './errors.ts';

/** The one-line message of the DataError thrown by `fn`. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as DataError).message;
  }
  throw new Error('expected a DataError');
}

describe('parseCsvText', () => {
  it('drops a UTF-8 BOM, accepts CRLF and keeps cell text exactly as written', () => {
    const t = parseCsvText('\ufeffname,freq_mhz\r\nVĩnh Long, 1800.0\r\nTrà Vinh,035\r\n', 'a.csv');
    expect(t.header).toEqual(['name', 'freq_mhz']);
    expect(t.rows).toEqual([
      ['Vĩnh Long', ' 1800.0'],
      ['Trà Vinh', '035'],
    ]);
    expect(t.rowNumbers).toEqual([1, 2]);
  });

  it('reads RFC 4180 quoted fields: comma, doubled quote, line break', () => {
    const t = parseCsvText('a,b\n"x,y","say ""hi"""\n"two\nlines",3\n', 'q.csv');
    expect(t.rows).toEqual([
      ['x,y', 'say "hi"'],
      ['two\nlines', '3'],
    ]);
  });

  it('skips blank lines but counts them, so row N is line N + 1 of the file', () => {
    const t = parseCsvText('a,b\n1,2\n\n3,4\n\n', 'b.csv');
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.rowNumbers).toEqual([1, 3]);
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => parseCsvText('', 'e.csv'))).toMatch(/^e\.csv: the file is empty/);
    expect(errorOf(() => parseCsvText('\ufeff \r\n', 'e.csv'))).toMatch(/^e\.csv: the file is empty/);
  });

  it('names a ;-separated file in one line', () => {
    const msg = errorOf(() => parseCsvText('freq_mhz;d2d_m;h_bs_m;h_ut_m\n1800;100;30;1.5\n', 's.csv'));
    expect(msg).toMatch(/^s\.csv header row: .*looks ;-separated/);
    expect(msg).not.toContain('\n');
  });

  it('names row and column of a row with too few or too many fields', () => {
    expect(errorOf(() => parseCsvText('a,b,c\n1,2,3\n4,5\n', 'f.csv'))).toBe('f.csv row 2 (header not counted), column c: missing: the row has 2 fields, the header has 3');
    expect(errorOf(() => parseCsvText('a,b\n1,2\n3,4,5\n', 'f.csv'))).toMatch(/^f\.csv row 2 \(header not counted\), column #3 \(beyond the header\): the row has 3 fields, the header has 2/);
  });

  it('names the row of an unterminated quoted field', () => {
    expect(errorOf(() => parseCsvText('a,b\n1,2\n3,"4\n', 'u.csv'))).toMatch(/^u\.csv row 2 \(header not counted\): a quoted field is never closed/);
  });
});

describe('formatCsvField / formatCsvLine', () => {
  it('quotes only fields with comma, quote, CR or LF (RFC 4180 §2.6–2.7)', () => {
    expect(formatCsvField('plain 1.5')).toBe('plain 1.5');
    expect(formatCsvField('a,b')).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('x\r\ny')).toBe('"x\r\ny"');
    expect(formatCsvLine(['a', '', 'b,c'])).toBe('a,,"b,c"\n');
  });

  it('round-trips any table of strings through write → read (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ĩ', ' ', ',', '"', '\n', '\r', '1', '.') , maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 5 }), (width, raw) => {
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const rows = raw.map((r) => r.slice(0, width));
        const text = [header, ...rows].map(formatCsvLine).join('');
        const t = parseCsvText(text, 'p.csv');
        expect(t.header).toEqual(header);
        expect(t.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
