/**
 * Fuzzing the command line's CSV reader and batch (src/cli/csv.ts `CsvStreamParser`,
 * src/cli/batch.ts `batchSink`) with the `pathloss` FSPL spec: mutations of a valid input
 * (cells replaced by hostile text, quotes, line breaks, formulas, odd numbers), text cuts, and
 * the same text delivered in random pieces. Expected: only DataError, whose message is one line
 * starting with the file name; on success every output line is read back by papaparse (an
 * independent reader) with the input's columns plus pl_db and warning, and no cell starts with
 * a formula character unless it is a number or was escaped with "'".
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvStreamParser } from '../../src/cli/csv.ts';
import { batchSink } from '../../src/cli/batch.ts';
import { DataError } from '../../src/cli/errors.ts';
import { pathlossSpec } from '../../src/cli/commands/pathloss.ts';
import { getPathLossModel } from '../../src/core/propagation/registry.ts';
import { FORMULA_CELL } from '../../src/core/export/vector.ts';
import { FUZZ_RUNS, nastyText, onlyNamedErrors, textMutations } from './fuzz-helpers.ts';

const spec = pathlossSpec(getPathLossModel('fspl')!);
const table = [['id', 'freq_mhz', 'd2d_m', 'h_bs_m', 'h_ut_m', 'note'], ['a', '1800', '100', '25', '1.5', 'x'], ['b', '3500', '2000', '30', '1.5', 'Vĩnh Long, "A"'], ['c', '700', '15000', '40', '1.5', '']];
const valid = Papa.unparse(table, { newline: '\n' }) + '\n';

describe('fuzz: command-line CSV', () => {
  it(`${FUZZ_RUNS} mutated inputs in random pieces → DataError (one line, naming the file) or a readable output`, () => {
    const edits = fc.array(fc.tuple(fc.nat({ max: table.length - 1 }), fc.nat({ max: table[0].length - 1 }), nastyText), { minLength: 1, maxLength: 3 });
    const byCells = fc.tuple(edits, fc.constantFrom('\n', '\r\n')).map(([cellEdits, newline]) => {
      const rows = table.map((r) => [...r]);
      for (const [r, c, v] of cellEdits) rows[r][c] = v;
      return Papa.unparse(rows, { newline });
    });
    fc.assert(
      fc.property(fc.oneof(byCells, textMutations(valid)), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        let out = '';
        const parser = new CsvStreamParser('cases.csv', batchSink('cases.csv', spec, (t) => void (out += t)));
        let error: DataError | null = null;
        onlyNamedErrors(() => {
          try {
            let at = 0;
            for (const p of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y).concat(text.length)) {
              parser.push(text.slice(at, p));
              at = p;
            }
            parser.end();
          } catch (e) {
            if (e instanceof DataError) error = e;
            throw e;
          }
        }, [DataError]);
        if (error !== null) {
          const message = (error as DataError).message;
          expect(message.startsWith('cases.csv')).toBe(true);
          expect(message).not.toMatch(/[\r\n]/);
          return;
        }
        const back = Papa.parse<string[]>(out, { delimiter: ',', skipEmptyLines: false });
        const header = back.data[0];
        expect(header.slice(-2)).toEqual(['pl_db', 'warning']);
        for (const row of back.data.slice(1)) {
          if (row.length === 1 && row[0] === '') continue; // the final line end
          expect(row.length).toBe(header.length);
          for (const cell of row) expect(FORMULA_CELL.test(cell)).toBe(false);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
