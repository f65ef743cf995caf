/**
 * The streaming CSV reader. Expected values: invariants (the same text cut into any pieces, or
 * read as a byte stream, gives the same points, problems and summary as read whole; batches add
 * up to the whole) and line numbers counted by hand on the texts below.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDelimiter, MeasurementCsvParser, readMeasurementStream, type MeasurementBatch } from './csv-stream.ts';
import { importMeasurementsCsv, importMeasurementStream } from './import.ts';
import { PointsBuilder } from './points.ts';

const TEXT = [
  '# a comment before the header',
  'lat,lon,rsrp_dbm,pci,cell_id,sinr',
  '10.25,105.97,-95.5,36,"A,1",12',
  '10.26,105.98,-96,37,"multi',
  'line id",3',
  '',
  '10.27,105.99,oops,38,B,4',
  '10.28,106.00,-97.25,,"say ""hi""",',
  '# a comment between rows',
  '10.29,106.01,-98,39,B,99',
].join('\n') + '\n';

function readInPieces(text: string, cuts: number[], batchSize = 2) {
  const builder = new PointsBuilder(4);
  const batches: MeasurementBatch[] = [];
  const parser = new MeasurementCsvParser('t.csv', { batchSize }, (b) => {
    batches.push(b);
    builder.append(b.points, b.newCellIds, b.cellIdBase);
  });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    parser.push(text.slice(at, c));
    at = c;
  }
  parser.push(text.slice(at));
  const summary = parser.end();
  return { summary, points: builder.finish(), cellIds: builder.cellIds, batches };
}

describe('MeasurementCsvParser', () => {
  it('counts lines by hand: comments, a quoted line break, a blank line', () => {
    const r = readInPieces(TEXT, []);
    // Line 1 comment, 2 header, 3 row, 4–5 one row (quoted break), 6 blank, 7 bad row, 8 row, 9 comment, 10 row.
    expect(Array.from(r.points.row)).toEqual([3, 4, 8, 10]);
    expect(r.summary.problems.map((p) => [p.row, p.column, p.message.key, p.dropped])).toEqual([
      [7, 'rsrp_dbm', 'measNotNumber', true],
      [10, 'sinr', 'measQualityRange', false],
    ]);
    expect(r.summary.rowsRead).toBe(5);
    // "B" of line 7 is not entered: that row is refused; it is first met on line 10.
    expect(r.cellIds).toEqual(['A,1', 'multi\nline id', 'say "hi"', 'B']);
    expect(Array.from(r.points.cellId)).toEqual([0, 1, 2, 3]);
  });
  it('gives the same result however the text is cut (property)', () => {
    const whole = readInPieces(TEXT, []);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: TEXT.length }), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (cuts, batchSize) => {
        const r = readInPieces(TEXT, cuts, batchSize);
        expect(r.points).toEqual(whole.points);
        expect(r.cellIds).toEqual(whole.cellIds);
        expect(r.summary).toEqual(whole.summary);
        // Batches add up to the whole and are never larger than asked.
        expect(r.batches.reduce((s, b) => s + b.points.count, 0)).toBe(whole.points.count);
        expect(r.batches.every((b) => b.points.count <= batchSize)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('reads CRLF and CR line ends like LF (property over cuts)', () => {
    const lf = readInPieces(TEXT, []);
    for (const nl of ['\r\n', '\r']) {
      const text = TEXT.replace(/\n/g, nl);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
          const r = readInPieces(text, cuts);
          expect(Array.from(r.points.row)).toEqual(Array.from(lf.points.row));
          expect(r.summary.problems.map((p) => p.row)).toEqual([7, 10]);
          expect(r.cellIds).toEqual(lf.cellIds.map((id) => id.replace(/\n/g, nl)));
        }),
        { numRuns: 100 },
      );
    }
  });
  it('drops a byte-order mark and reads a last line without a line end', () => {
    const r = readInPieces('\ufefflat,lon,rsrp\n10,106,-90', [1, 5]);
    expect(r.summary.columns.map((c) => c.column)).toEqual(['lat', 'lon', 'rsrp']);
    expect(Array.from(r.points.rsrpDbm)).toEqual([-90]);
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent of , ; tab outside quotes', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x,y,z";b;c')).toBe(';');
    expect(detectDelimiter('a;b,c')).toBe(',');
  });
});

/** A ReadableStream of the given chunks. */
function streamOf<T>(chunks: T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

describe('readMeasurementStream', () => {
  const utf8 = new TextEncoder().encode('lat,lon,rsrp,cell_id\n10.1,106.1,-90,Vĩnh Long 1\n10.2,106.2,-91,Trà Vinh 2\n');
  it('decodes UTF-8 split inside a character and matches the whole-text import', async () => {
    const whole = importMeasurementsCsv(new TextDecoder().decode(utf8), 's.csv');
    // Cut inside the two bytes of "ĩ" (it starts at byte 34).
    const at = utf8.indexOf(0xc4);
    const p = await importMeasurementStream(streamOf([utf8.slice(0, at + 1), utf8.slice(at + 1, at + 9), utf8.slice(at + 9)]), 's.csv');
    expect(p.points).toEqual(whole.points);
    expect(p.cellIds).toEqual(['Vĩnh Long 1', 'Trà Vinh 2']);
  });
  it('refuses bytes that are not UTF-8, naming the file', async () => {
    const latin1 = Uint8Array.from([...'lat,lon,rsrp,cell_id\n10,106,-90,Tr'].map((c) => c.charCodeAt(0)).concat([0xe0, 0x0a]));
    await expect(importMeasurementStream(streamOf([latin1]), 'l.csv')).rejects.toThrow(/^l\.csv: not UTF-8 text/);
  });
  it('stops with an AbortError when the signal is aborted, and hands out batches before', async () => {
    const ac = new AbortController();
    const rows = Array.from({ length: 50 }, (_, i) => `10.${i},106,-90\n`);
    const chunks = ['lat,lon,rsrp\n', ...rows];
    let batches = 0;
    const p = readMeasurementStream(streamOf(chunks), 'a.csv', { batchSize: 10 }, () => {
      batches++;
      if (batches === 2) ac.abort();
    }, ac.signal);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(2);
  });
});
