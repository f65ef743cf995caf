/**
 * Test helper shared by the golden tests (engine.test.ts, src/compute/client.test.ts): every
 * layer of the engine against a direct per-cell evaluation (reference.ts), cell by cell.
 * dB layers within 1e-6 dB, throughput within 1e-4 relative, coverage probability within 1e-4 %,
 * server and overlap exactly.
 */
import { expect } from 'vitest';
import { forEachLayer, type CarrierLayers } from './layer-registry.ts';
import { newCoverageLayers, type CoverageLayers } from './layers.ts';
import type { Scene } from './scene.ts';

export function expectLayersClose(got: CarrierLayers, want: CarrierLayers, label: string): void {
  const n = want.rsrpDbm.length;
  let compared = 0;
  for (let i = 0; i < n; i++) {
    for (const [name, a, b, tol] of [
      ['rsrp', got.rsrpDbm, want.rsrpDbm, 1e-6], ['sinr', got.sinrDb, want.sinrDb, 1e-6], ['indoor', got.indoorDbm, want.indoorDbm, 1e-6],
      ['uplink', got.ulMarginDb, want.ulMarginDb, 1e-6], ['throughput', got.throughputMbps, want.throughputMbps, 1e-4],
      // Float32 storage: 1e-4 of a percent.
      ['probability', got.coverageProbabilityPct, want.coverageProbabilityPct, 1e-4],
    ] as const) {
      const x = a[i], y = b[i];
      if (Number.isNaN(y)) {
        if (!Number.isNaN(x)) throw new Error(`${label} ${name} cell ${i}: engine ${x}, reference NaN`);
        continue;
      }
      if (!(Math.abs(x - y) <= tol * Math.max(1, name === 'throughput' ? Math.abs(y) : 1))) throw new Error(`${label} ${name} cell ${i}: engine ${x}, reference ${y}`);
      compared++;
    }
    if (got.server[i] !== want.server[i]) throw new Error(`${label} server cell ${i}: engine ${got.server[i]}, reference ${want.server[i]}`);
    if (got.overlap[i] !== want.overlap[i]) throw new Error(`${label} overlap cell ${i}: engine ${got.overlap[i]}, reference ${want.overlap[i]}`);
  }
  expect(compared).toBeGreaterThan(1000);
}


/** A copy of computed layers (to merge edits into while the original stays as computed). */
export function copyLayers(scene: Scene, l: CoverageLayers): CoverageLayers {
  const out = newCoverageLayers(scene);
  out.carriers.forEach((c, ci) => forEachLayer(l.carriers[ci], (def, values) => (c[def.field] as { set(a: ArrayLike<number>): void }).set(values)));
  return out;
}
