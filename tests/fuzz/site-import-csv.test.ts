/**
 * Fuzzing the site CSV import (src/core/scenario/import.ts `importSitesCsv`): cell and text
 * mutations of data/examples/sites.csv. Expectations: see site-import-shared.ts.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { ImportFileError, importSitesCsv } from '../../src/core/scenario/import.ts';
import { FUZZ_RUNS, nastyText, onlyNamedErrors, textMutations } from './fuzz-helpers.ts';
import { checkPreview, current, inside, read } from './site-import-shared.ts';

describe('fuzz: site import, CSV', () => {
  // Header + sites SYN02, SYN03 (3 sectors each) and SYN06 (omni): 7 rows keep a run under 1 ms.
  const full = Papa.parse<string[]>(read('data/examples/sites.csv'), { skipEmptyLines: true }).data;
  const table = [full[0], ...full.filter((r) => ['SYN02', 'SYN03', 'SYN06'].includes(r[0]))];
  const csvText = Papa.unparse(table, { newline: '\n' });
  it(`CSV: ${FUZZ_RUNS} mutated files → ImportFileError or a preview whose sites the gate accepts`, () => {
    const cellEdits = fc.array(fc.tuple(fc.nat({ max: table.length - 1 }), fc.nat({ max: table[0].length - 1 }), nastyText), { minLength: 1, maxLength: 4 });
    const byCells = fc.tuple(cellEdits, fc.array(fc.nat({ max: table.length - 1 }), { maxLength: 2 })).map(([edits, dropped]) => {
      const rows = table.map((r) => [...r]);
      for (const [r, c, v] of edits) rows[r][c] = v;
      return Papa.unparse(rows.filter((_, i) => !dropped.includes(i)));
    });
    fc.assert(
      fc.property(fc.oneof(byCells, textMutations(csvText)), (text) => {
        const p = onlyNamedErrors(() => importSitesCsv(text, 'sites.csv', current, { inside }), [ImportFileError]);
        if (p) checkPreview(p);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
