import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { CsvStreamParser, formatCsvField, formatCsvLine, formatSafeCsvField, formatSafeCsvLine, MAX_RECORD_CHARS, parseCsvText, readCsvFile } from './csv.ts';
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

describe('streaming (CsvStreamParser, streamCsvFile)', () => {
  // Invariant: however the text is cut into pieces, the rows and row numbers are those of the
  // whole text read at once (parseCsvText).
  const cell = fc.string({ unit: fc.constantFrom('x', 'ĩ', ' ', ',', '"', '\n', '\r', '1'), maxLength: 5 });
  const field = fc.oneof(cell.map((c) => `"${c.replace(/"/g, '""')}"`), fc.constantFrom('', '1', 'ab', '2.5'));
  const collect = (text: string, cuts: number[]) => {
    const rows: string[][] = [];
    const numbers: number[] = [];
    const parser = new CsvStreamParser('w.csv', { header: () => undefined, row: (f, n) => void (rows.push([...f]), numbers.push(n)) });
    let at = 0;
    for (const p of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y).concat(text.length)) {
      parser.push(text.slice(at, p));
      at = p;
    }
    parser.end();
    return { rows, numbers };
  };
  it('rows do not depend on where the text is cut (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 12 }), (rows, eol, cuts) => {
        const text = ['a,b,c', ...rows.map((r) => r.join(','))].join(eol) + eol;
        const whole = parseCsvText(text, 'w.csv');
        const got = collect(text, cuts);
        expect(got.rows).toEqual(whole.rows);
        expect(got.numbers).toEqual(whole.rowNumbers);
      }),
      { numRuns: 400 },
    );
  });
  it('a file of more than a megabyte read in pieces gives the rows of the whole text', () => {
    const text = 'a,b,c\r\n' + '1,2,3\r\n'.repeat(150_000) + '"x","y\r\nz","""q"""\r\n';
    const whole = parseCsvText(text, 'w.csv');
    const got = collect(text, [5, 700_000, 1_050_010, 1_050_012]);
    expect(got.rows.length).toBe(150_001);
    expect(got.rows[150_000]).toEqual(['x', 'y\r\nz', '"q"']);
    // JSON text comparison: 150,000 rows compare in milliseconds (toEqual takes a second).
    expect(JSON.stringify(got.rows) === JSON.stringify(whole.rows)).toBe(true);
  });
  it('a UTF-8 character cut by a read is decoded whole; a file is read the same as its text', () => {
    const d = mkdtempSync(join(tmpdir(), 'phusong-csv-'));
    try {
      // 'ĩ' is 2 bytes (C4 A9); put it across the 256 KiB read boundary.
      const head = 'name,v\n';
      const filler = 'x,1\n'.repeat(Math.floor((256 * 1024 - head.length - 1) / 4));
      const pad = 'y'.repeat(256 * 1024 - head.length - filler.length - 1);
      const text = `${head}${filler}${pad}ĩ,2\n`;
      expect(Buffer.byteLength(`${head}${filler}${pad}`)).toBe(256 * 1024 - 1);
      writeFileSync(join(d, 'u.csv'), text);
      const t = readCsvFile(join(d, 'u.csv'));
      expect(t.rows[t.rows.length - 1]).toEqual([`${pad}ĩ`, '2']);
      expect(JSON.stringify(t) === JSON.stringify(parseCsvText(text, join(d, 'u.csv')))).toBe(true);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
  it('a quote never closed in a big file is refused once the record passes MAX_RECORD_CHARS', () => {
    const text = 'a,b\n1,2\n3,"' + 'z'.repeat(MAX_RECORD_CHARS + 10);
    expect(errorOf(() => parseCsvText(text, 'q.csv'))).toMatch(/^q\.csv row 2 \(header not counted\): a (record runs over more than \d+ characters: a )?quoted field is never closed/);
    const parser = new CsvStreamParser('q.csv', { header: () => undefined, row: () => undefined });
    parser.push('a,b\n1,2\n3,"');
    expect(errorOf(() => {
      for (let i = 0; i < 8; i++) parser.push('z'.repeat(1024 * 1024));
    })).toBe(`q.csv row 2 (header not counted): a record runs over more than ${MAX_RECORD_CHARS} characters: a quoted field is never closed (missing ")`);
  });
});

describe('formatSafeCsvField', () => {
  it('escapes formula cells with papaparse (quoted, apostrophe), leaves numbers and text alone', () => {
    expect(formatSafeCsvField('=1+1')).toBe('"\'=1+1"');
    expect(formatSafeCsvField('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(formatSafeCsvField('-7.5')).toBe('-7.5');
    expect(formatSafeCsvField('a,b')).toBe('"a,b"');
    // Read back by papaparse: the apostrophe is part of the value.
    expect(Papa.parse<string[]>(formatSafeCsvLine(['=A1', '+1', '-x'])).data[0]).toEqual(["'=A1", '+1', "'-x"]);
  });
});
