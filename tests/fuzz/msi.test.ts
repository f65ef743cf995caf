/**
 * Fuzzing the MSI antenna-pattern reader (src/core/antenna/msi.ts): line-level mutations of the
 * synthetic fixtures (tests/fixtures/antenna: a sector, an omni without vertical cut, a file
 * with a unitless gain). Expected: only MsiParseError is thrown, its message naming the file
 * and a line that exists; an accepted pattern has 360 finite, non-negative losses per cut.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { MsiParseError, parseMsi } from '../../src/core/antenna/msi.ts';
import { FUZZ_RUNS, nastyText, onlyNamedErrors, textMutations } from './fuzz-helpers.ts';

const files = ['synthetic-sector.msi', 'synthetic-omni-dbi-no-vertical.msi', 'synthetic-unitless-gain.msi'].map((f) => readFileSync(new URL(`../fixtures/antenna/${f}`, import.meta.url), 'utf8'));

/** A file with lines replaced, deleted, duplicated or one number altered. */
const lineMutations = fc.tuple(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'duplicate', 'number'), nastyText, fc.double({ noNaN: true })), { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
  const lines = text.split(/\r?\n/);
  for (const [at, kind, t, x] of edits) {
    const i = at % lines.length;
    if (kind === 'replace') lines[i] = t;
    else if (kind === 'delete') lines.splice(i, 1);
    else if (kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else lines[i] = lines[i].replace(/-?\d+(\.\d+)?/, String(x));
  }
  return lines.join('\n');
});

describe('fuzz: MSI antenna files', () => {
  it(`${FUZZ_RUNS} mutated MSI files → MsiParseError naming file and line, or a complete pattern`, () => {
    fc.assert(
      fc.property(fc.oneof(lineMutations, fc.constantFrom(...files).chain((t) => textMutations(t))), (text) => {
        let error: MsiParseError | null = null;
        const p = onlyNamedErrors(() => {
          try {
            return parseMsi(text, 'ant.msi');
          } catch (e) {
            if (e instanceof MsiParseError) error = e;
            throw e;
          }
        }, [MsiParseError]);
        if (error !== null) {
          const e: MsiParseError = error;
          expect(e.message.startsWith('ant.msi line ')).toBe(true);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
        }
        if (!p) return;
        for (const cut of [p.horizontalLossDb, p.verticalLossDb]) {
          if (!cut) continue;
          expect(cut.length).toBe(360);
          for (const v of cut) expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
