/**
 * ITM input validation (NTIA/itm v1.4 ranges and return codes, `ERRORS_AND_WARNINGS.md` of
 * that repository), the ground impedance by hand, and the code tables.
 *
 * Sources: the ranges and code numbers are NTIA's published table (ERRORS_AND_WARNINGS.md);
 * the impedance is computed by hand below (TN101 / Algorithm eq. 3.6).
 */
import { describe, expect, it } from 'vitest';
import { ItmError, itmErrorField, itmErrorMessage, itmSucceeded, itmWarningHex, itmWarningMessages, ItmWarning } from './codes.ts';
import { effectiveCurvature, itmRadio, surfaceRefractivity, validateItmInputs, type ItmParams } from './params.ts';

const OK: ItmParams = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50 };

describe('validateItmInputs — NTIA error codes (ERRORS_AND_WARNINGS.md)', () => {
  it('accepts an ordinary set of inputs', () => expect(validateItmInputs(30, 1.5, OK)).toEqual({ code: 0, warnings: 0 }));
  it.each([
    ['hTx 0.4 m', 0.4, 1.5, {}, ItmError.TX_TERMINAL_HEIGHT],
    ['hTx 3001 m', 3001, 1.5, {}, ItmError.TX_TERMINAL_HEIGHT],
    ['hRx 0.49 m', 30, 0.49, {}, ItmError.RX_TERMINAL_HEIGHT],
    ['hRx NaN', 30, NaN, {}, ItmError.RX_TERMINAL_HEIGHT],
    ['climate 0', 30, 1.5, { climate: 0 }, ItmError.RADIO_CLIMATE],
    ['climate 8', 30, 1.5, { climate: 8 }, ItmError.RADIO_CLIMATE],
    ['climate 2.5', 30, 1.5, { climate: 2.5 }, ItmError.RADIO_CLIMATE],
    ['N0 249', 30, 1.5, { n0: 249 }, ItmError.REFRACTIVITY],
    ['N0 401', 30, 1.5, { n0: 401 }, ItmError.REFRACTIVITY],
    ['f 19 MHz', 30, 1.5, { freqMHz: 19 }, ItmError.FREQUENCY],
    ['f 20001 MHz', 30, 1.5, { freqMHz: 20001 }, ItmError.FREQUENCY],
    ['pol 2', 30, 1.5, { polarization: 2 }, ItmError.POLARIZATION],
    ['epsilon 0.9', 30, 1.5, { epsilon: 0.9 }, ItmError.EPSILON],
    ['sigma 0', 30, 1.5, { sigmaSPerM: 0 }, ItmError.SIGMA],
    ['mdvar 4', 30, 1.5, { mdvar: 4 }, ItmError.MDVAR],
    ['mdvar 34', 30, 1.5, { mdvar: 34 }, ItmError.MDVAR],
    ['mdvar −1', 30, 1.5, { mdvar: -1 }, ItmError.MDVAR],
    ['situation 0 %', 30, 1.5, { situationPct: 0 }, ItmError.SITUATION],
    ['time 100 %', 30, 1.5, { timePct: 100 }, ItmError.TIME],
    ['location −5 %', 30, 1.5, { locationPct: -5 }, ItmError.LOCATION],
  ])('%s → error', (_name, hTx, hRx, over, code) => {
    const r = validateItmInputs(hTx, hRx, { ...OK, ...over });
    expect(r.code).toBe(code);
    expect(itmSucceeded(r.code)).toBe(false);
  });
  it.each([0, 1, 2, 3, 10, 13, 20, 23, 30, 33])('mdvar %i is valid', (mdvar) => expect(validateItmInputs(30, 1.5, { ...OK, mdvar }).code).toBe(0));
  it('checks in NTIA order: situation before time before location', () => {
    expect(validateItmInputs(30, 1.5, { ...OK, timePct: 0, situationPct: 0, locationPct: 0 }).code).toBe(ItmError.SITUATION);
    expect(validateItmInputs(30, 1.5, { ...OK, timePct: 0, locationPct: 0 }).code).toBe(ItmError.TIME);
  });
  it('warns (without failing) outside the fitted ranges: heights 1–1000 m, frequency 40–10000 MHz', () => {
    expect(validateItmInputs(0.8, 1.5, OK)).toEqual({ code: 0, warnings: ItmWarning.TX_TERMINAL_HEIGHT });
    expect(validateItmInputs(30, 1200, OK)).toEqual({ code: 0, warnings: ItmWarning.RX_TERMINAL_HEIGHT });
    expect(validateItmInputs(30, 1.5, { ...OK, freqMHz: 30 })).toEqual({ code: 0, warnings: ItmWarning.FREQUENCY });
    expect(validateItmInputs(30, 1.5, { ...OK, freqMHz: 12000 })).toEqual({ code: 0, warnings: ItmWarning.FREQUENCY });
  });
});

describe('code tables', () => {
  it('every NTIA error code 1000–1022 (except the unused 1015 slot it still names) has a meaning and a field', () => {
    for (const code of Object.values(ItmError)) {
      expect(itmErrorMessage(code)).not.toMatch(/unknown/);
      expect(itmErrorField(code)).toBeDefined();
    }
    expect(itmErrorMessage(999)).toBe('unknown ITM code 999');
  });
  it('warning masks in words, in bit order; hex as NTIA prints it', () => {
    expect(itmWarningMessages(0)).toEqual([]);
    const words = itmWarningMessages(0x0600);
    expect(words).toHaveLength(2);
    expect(words[0]).toMatch(/^transmitter horizon closer than 1\/10/);
    expect(words[1]).toMatch(/^receiver horizon closer than 1\/10/);
    expect(itmWarningMessages(0x7fff)).toHaveLength(15);
    expect(itmWarningHex(0x0400)).toBe('0x0400');
    expect(itmWarningHex(0x2000)).toBe('0x2000');
  });
});

describe('itmRadio, surface refractivity and effective curvature — by hand', () => {
  it('ground impedance, ε 15, σ 0.005 S/m, 100 MHz', () => {
    // εr' = 15 + j·18000·0.005/100 = 15 + 0.9j; εr' − 1 = 14 + 0.9j, |·| = 14.028899.
    // √: re = √((14.028899 + 14)/2) = 3.743588, im = √((14.028899 − 14)/2) = 0.120206.
    const h = itmRadio({ ...OK, freqMHz: 100, polarization: 0 });
    expect(h.zgRe).toBeCloseTo(3.743588, 6);
    expect(h.zgIm).toBeCloseTo(0.120206, 6);
    // Vertical: divided by εr': (3.743588 + 0.120206j)/(15 + 0.9j)
    //   = ((3.743588·15 + 0.120206·0.9) + j(0.120206·15 − 3.743588·0.9))/(225 + 0.81)
    //   = (56.262005 − 1.566139j)/225.81 = 0.249156 − 0.006936j.
    const v = itmRadio({ ...OK, freqMHz: 100, polarization: 1 });
    expect(v.zgRe).toBeCloseTo(0.249156, 6);
    expect(v.zgIm).toBeCloseTo(-0.006936, 5);
    expect(v.waveNumber).toBeCloseTo(100 / 47.7, 12);
  });
  it('Ns = N0·exp(−h/9460) and γe = 157e-9·(1 − 0.04665·exp(Ns/179.3)) (TN101 eqs. 4.3, 4.4)', () => {
    expect(surfaceRefractivity(301, 0)).toBe(301);
    // 301·exp(−946/9460) = 301·0.904837 = 272.356.
    expect(surfaceRefractivity(301, 946)).toBeCloseTo(272.356, 3);
    // exp(301/179.3) = 5.358857; 1 − 0.04665·5.358857 = 0.750009; ·157e-9 = 1.177515e-7 (ae = 8492 km ≈ 4/3 earth).
    expect(effectiveCurvature(301)).toBeCloseTo(1.177515e-7, 12);
  });
});
