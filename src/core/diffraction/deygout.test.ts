/**
 * Deygout three-edge diffraction (deygout.ts; ITU-R P.452-14 §4.2.1 construction on the
 * P.526-15 §4.1 knife edge). Sources: hand calculations written out below with
 * k = 4/3 → 2·ae = 16 989 333.33 m, λ = 299 792 458 / 900e6 = 0.33310273 m,
 * J(ν) = 6.9 + 20·log10(√((ν − 0.1)² + 1) + ν − 0.1) for ν > −0.78, else 0,
 * L = L_m + (1 − exp(−L_m/6))·(L_t + L_r + 10 + 0.04·d_km).
 */
import { describe, expect, it } from 'vitest';
import { deygoutDiffractionDb } from './deygout.ts';

describe('deygoutDiffractionDb — by hand', () => {
  it('one edge: L_t = L_r = 0, only the correction term adds', () => {
    // 10 km, ground 0 m, Tx 20 m, Rx 10 m, edge 40 m at 4 km (the bullington.test.ts case):
    // height above the line 40 + 1.412651 − 16 = 25.412651 m, ν = 1.271072, J = 15.562625 dB.
    // L = 15.562625 + (1 − exp(−2.593771))·(10 + 0.4) = 15.562625 + 0.925262·10.4 = 25.185353 dB.
    expect(deygoutDiffractionDb([0, 4000, 10_000], [0, 40, 0], 3, 20, 10, 900, 4 / 3)).toBeCloseTo(25.185353, 5);
  });
  it('three edges: main, transmitter side and receiver side', () => {
    // Points every 2 km, heights 0, 30, 50, 10, 35, 0 m; Tx 20 m, Rx 10 m above the end points.
    // Main edge (heights above the Tx–Rx line, bulge included):
    //   2 km: 30 + 0.941767 − 18 = 12.941767 m → ν 0.792792;  4 km: 50 + 1.412651 − 16 = 35.412651 m → ν 1.771245;
    //   6 km: 10 + 1.412651 − 14 = −2.587349 m → ν −0.129412;  8 km: 35 + 0.941767 − 12 = 23.941767 m → ν 1.466635.
    //   → main edge at 4 km, L_m = J(1.771245) = 18.071348 dB.
    // Tx side (Tx 20 m at 0 → main edge terrain 50 m at 4 km): 2 km: 30 + 0.235442 − 35 = −4.764558 m →
    //   ν −0.369189 → L_t = 2.961078 dB.
    // Rx side (50 m at 4 km → Rx 10 m at 10 km): 6 km: 10 + 0.470884 − 36.666667 = −26.195783 m → ν −1.757875;
    //   8 km: 35 + 0.470884 − 23.333333 = 12.137550 m → ν 0.814493 → L_r = J(0.814493) = 12.671770 dB.
    // L = 18.071348 + (1 − exp(−18.071348/6))·(2.961078 + 12.671770 + 10.4) = 42.823419 dB.
    const d = [0, 2000, 4000, 6000, 8000, 10_000];
    const h = [0, 30, 50, 10, 35, 0];
    expect(deygoutDiffractionDb(d, h, 6, 20, 10, 900, 4 / 3)).toBeCloseTo(42.823419, 5);
  });
  it('a clear path (every ν ≤ −0.78) and a two-point profile give 0 dB', () => {
    expect(deygoutDiffractionDb([0, 500, 1000], [0, 0, 0], 3, 30, 30, 900, 4 / 3)).toBe(0);
    expect(deygoutDiffractionDb([0, 1000], [0, 0], 2, 30, 30, 900, 4 / 3)).toBe(0);
  });
  it('uses only the first `count` points (the rest of the arrays is ignored)', () => {
    const d = [0, 4000, 10_000, 12_000];
    const h = [0, 40, 0, 500];
    expect(deygoutDiffractionDb(d, h, 3, 20, 10, 900, 4 / 3)).toBeCloseTo(25.185353, 5);
  });
});
