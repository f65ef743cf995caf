/**
 * Validity issues as data (validity.ts `ValidityIssue`): every model's English warnings are the
 * lines of its issues (a round trip over random inputs, in and far out of range), each range
 * issue names a declared range of the model and a value really outside it, and hand cases:
 * expected values from the spec §2 ranges of each model (the bounds in the model files, quoted in
 * the comments) and the sample network's footprint that raised `d2dM=16488 outside validity
 * range 10–5000 m` in the app (issue 15).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PATH_LOSS_MODELS, getPathLossModel } from './registry.ts';
import { describeIssues, type ValidityIssue } from '../validity.ts';

/** Inputs from 0 to far beyond every model's ranges (frequencies to 200 GHz, distances to 100 km, heights to 300 m). */
const anyLink = fc.record({
  freqMHz: fc.double({ min: 1, max: 200000, noNaN: true }),
  d2dM: fc.double({ min: 0, max: 100000, noNaN: true }),
  hBsM: fc.double({ min: 0, max: 300, noNaN: true }),
  hUtM: fc.double({ min: 0, max: 40, noNaN: true }),
});

describe('every model: warnings are the English lines of its issues', () => {
  for (const model of PATH_LOSS_MODELS) {
    it(model.id, () => {
      fc.assert(
        fc.property(anyLink, (l) => {
          const r = model.evaluate(l);
          expect(r.warnings).toEqual(describeIssues(r.issues));
          for (const i of r.issues) {
            if (i.kind === 'range') {
              // The issue's bounds are one of the model's declared ranges, and the value is out of it.
              expect(model.validity).toContainEqual({ field: i.field, min: i.min, max: i.max, unit: i.unit });
              expect(i.value < i.min || i.value > i.max).toBe(true);
            } else if (i.kind === 'floor') {
              expect(i.value).toBeLessThan(i.floorM);
            }
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('hand cases', () => {
  it('RMa expected at the sample footprint 16 488 m: one range issue on d2d (RMa NLOS d2d 10–5000 m)', () => {
    const r = getPathLossModel('38901-rma-expected')!.evaluate({ freqMHz: 1842.5, d2dM: 16488, hBsM: 40, hUtM: 1.5 });
    expect(r.issues).toEqual([{ kind: 'range', field: 'd2dM', value: 16488, min: 10, max: 5000, unit: 'm' }]);
    expect(r.warnings).toEqual(['d2dM=16488 outside validity range 10–5000 m']);
  });

  it('COST-231 at 2600 MHz: the frequency range (1500–2000 MHz) and the beyond-2-GHz note, one English line', () => {
    const r = getPathLossModel('cost231')!.evaluate({ freqMHz: 2600, d2dM: 2000, hBsM: 30, hUtM: 1.5 });
    expect(r.issues).toEqual<ValidityIssue[]>([
      { kind: 'range', field: 'freqMHz', value: 2600, min: 1500, max: 2000, unit: 'MHz' },
      { kind: 'note', code: 'cost231-beyond', values: { freqMHz: 2600 } },
    ]);
    expect(r.warnings).toHaveLength(1);
  });

  it('free space at 0 m: a floor issue on d3d (evaluated at 1 m), no range', () => {
    // hBs = hUt = 1.5 m, d2d = 0: d3d = 0 < 1 m.
    expect(getPathLossModel('fspl')!.evaluate({ freqMHz: 900, d2dM: 0, hBsM: 1.5, hUtM: 1.5 }).issues).toEqual([{ kind: 'floor', field: 'd3dM', value: 0, floorM: 1 }]);
  });

  it('UMa with a 1 m UE: below the UE range 1.5–22.5 m, and the no-breakpoint note (h − hE = 0 with hE = 1 m)', () => {
    const r = getPathLossModel('38901-uma-los')!.evaluate({ freqMHz: 3500, d2dM: 500, hBsM: 25, hUtM: 1 });
    expect(r.issues).toEqual<ValidityIssue[]>([
      { kind: 'range', field: 'hUtM', value: 1, min: 1.5, max: 22.5, unit: 'm' },
      { kind: 'note', code: 'no-breakpoint', values: { hBsM: 25, hUtM: 1 } },
    ]);
  });

  it('Hata large city at 250 MHz: the 200–400 MHz gap note with the 300 MHz split', () => {
    const r = getPathLossModel('hata-urban-large')!.evaluate({ freqMHz: 250, d2dM: 2000, hBsM: 40, hUtM: 5 });
    expect(r.issues).toEqual([{ kind: 'note', code: 'hata-large-city-gap', values: { freqMHz: 250, splitMHz: 300 } }]);
  });
});
