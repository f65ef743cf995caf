import { describe, expect, it } from 'vitest';
import { InputError } from '../core/validity.ts';
import { formatResult, runBatch, type BatchSpec } from './batch.ts';
import { parseCsvText } from './csv.ts';
import { DataError } from './errors.ts';

/**
 * A toy model for the batch machinery: loss = a + b (b optional, default 10), a "b above 100"
 * warning, and InputError on a = 13 (so that the mapping of model errors to columns is seen).
 */
const TOY: BatchSpec = {
  columns: [
    { name: 'a_m', field: 'aM', required: true, kind: 'non-negative', description: 'a' },
    { name: 'b_m', field: 'bM', required: false, kind: 'non-negative', description: 'b' },
    { name: 'angle_deg', field: 'angleDeg', required: false, kind: 'number', description: 'angle' },
    { name: 'kind', field: 'kind', required: false, kind: 'choice', choices: ['urban', 'open-rural'], description: 'kind' },
  ],
  outputColumns: ['loss_db', 'warning'],
  evaluate(v) {
    const a = v.aM as number;
    if (a === 13) throw new InputError('aM', 'aM must not be 13');
    const b = (v.bM as number | undefined) ?? 10;
    const warnings = b > 100 ? ['bM=' + b + ' outside validity range 0–100 m', 'second warning'] : [];
    return [formatResult(a + b, 6, 'loss_db'), warnings.join('; ')];
  },
};

function run(text: string): string {
  return runBatch(parseCsvText(text, 'cases.csv'), TOY);
}

function errorOf(text: string): string {
  try {
    run(text);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as DataError).message;
  }
  throw new Error('expected a DataError');
}

describe('runBatch', () => {
  it('passes every input column through in order and appends the results', () => {
    // Hand values: 1 + 2 = 3; 4.5 + default 10 = 14.5; 0 + 200 = 200 with two warnings.
    const out = run('id,b_m,note,a_m\nx,2,"Vĩnh Long, Trà Vinh",1\ny,,plain,4.5\nz,200,"say ""hi""",0\n');
    expect(out).toBe(
      'id,b_m,note,a_m,loss_db,warning\n' +
        'x,2,"Vĩnh Long, Trà Vinh",1,3.000000,\n' +
        'y,,plain,4.5,14.500000,\n' +
        'z,200,"say ""hi""",0,200.000000,bM=200 outside validity range 0–100 m; second warning\n',
    );
  });

  it('accepts column names in any case and with spaces, keeping the header as written', () => {
    expect(run(' A_M ,B_m\n1,2\n')).toBe(' A_M ,B_m,loss_db,warning\n1,2,3.000000,\n');
  });

  it('writes a header-only output for a header-only input', () => {
    expect(run('a_m,b_m\n')).toBe('a_m,b_m,loss_db,warning\n');
  });

  it.each([
    ['a_m,b_m\n1,2\n2,abc\n', 'cases.csv row 2 (header not counted), column b_m: "abc" is not a number'],
    ['a_m,b_m\n1,1,5\n', 'cases.csv row 1 (header not counted), column #3 (beyond the header): the row has 3 fields, the header has 2 (a decimal comma? use "." as decimal point, or quote the field): "5"'],
    ['a_m,b_m\n"1,5",2\n', 'cases.csv row 1 (header not counted), column a_m: "1,5" is not a number (use "." as decimal point)'],
    ['a_m,b_m\n1,2\n\n-3,2\n', 'cases.csv row 3 (header not counted), column a_m: -3 is negative (must be ≥ 0)'],
    ['a_m,b_m\nInfinity,2\n', 'cases.csv row 1 (header not counted), column a_m: "Infinity" is not a finite number'],
    ['a_m,b_m\n1e999,2\n', 'cases.csv row 1 (header not counted), column a_m: "1e999" is not a finite number'],
    ['a_m,b_m\nNaN,2\n', 'cases.csv row 1 (header not counted), column a_m: "NaN" is not a finite number'],
    ['a_m,b_m\n0x10,2\n', 'cases.csv row 1 (header not counted), column a_m: "0x10" is not a number'],
    ['a_m,b_m\n,2\n', 'cases.csv row 1 (header not counted), column a_m: the cell is empty (a value is required)'],
    ['a_m,kind\n1,city\n', 'cases.csv row 1 (header not counted), column kind: "city" is not one of urban, open-rural'],
    ['a_m,b_m\n13,2\n', 'cases.csv row 1 (header not counted), column a_m: aM must not be 13'],
    ['b_m,c\n1,2\n', 'cases.csv header row, column a_m: required column is missing (the header has: b_m, c; needed: a_m)'],
    ['a_m,b_m,A_M\n1,2,3\n', 'cases.csv header row, column a_m: the column appears twice (columns 1 and 3)'],
    ['a_m,loss_db\n1,2\n', 'cases.csv header row, column loss_db: the input already has this output column (column 2); rename or remove it'],
  ])('rejects %j with one line naming row and column', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('accepts negative angles, signs, exponents, spaces and upper-case choices', () => {
    // 1e1 + 2.5 = 12.5
    expect(run('a_m,b_m,angle_deg,kind\n1e1, +2.5 ,-7.5, Urban \n')).toBe('a_m,b_m,angle_deg,kind,loss_db,warning\n1e1, +2.5 ,-7.5, Urban ,12.500000,\n');
  });
});

describe('formatResult', () => {
  it('rounds to the given decimals, never writes -0 and refuses non-finite values', () => {
    expect(formatResult(101.23456789, 6, 'pl_db')).toBe('101.234568');
    expect(formatResult(-1e-9, 6, 'pl_db')).toBe('0.000000');
    expect(() => formatResult(-Infinity, 6, 'pl_db')).toThrow(/no finite value/);
  });
});
