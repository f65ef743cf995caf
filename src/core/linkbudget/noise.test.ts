import { describe, expect, it } from 'vitest';
import { noisePerPrbDbm, noisePerReDbm, THERMAL_NOISE_DBM_PER_HZ, thermalNoiseDbm } from './noise.ts';
import { InputError } from '../validity.ts';

describe('thermal noise — hand calculations', () => {
  it('−174 dBm/Hz is kT₀ at 290 K rounded: 10·log10(1.380649e−23 · 290 · 1000) = −173.975', () => {
    expect(10 * Math.log10(1.380649e-23 * 290 * 1000)).toBeCloseTo(-173.975, 3);
    expect(THERMAL_NOISE_DBM_PER_HZ).toBe(-174);
  });
  it('per RE, 15 kHz, NF 7 dB: −174 + 10·log10(15000) + 7 = −174 + 41.760913 + 7 = −125.239087 dBm', () => {
    expect(noisePerReDbm(15, 7)).toBeCloseTo(-125.239087, 5);
  });
  it('per RE, 30 kHz, NF 5 dB: −174 + 44.771213 + 5 = −124.228787 dBm', () => {
    expect(noisePerReDbm(30, 5)).toBeCloseTo(-124.228787, 5);
  });
  it('per PRB, 15 kHz (180 kHz), NF 5 dB: −174 + 52.552725 + 5 = −116.447275 dBm', () => {
    expect(noisePerPrbDbm(15, 5)).toBeCloseTo(-116.447275, 5);
  });
  it('over 20 MHz, NF 9 dB: −174 + 73.010300 + 9 = −91.989700 dBm', () => {
    expect(thermalNoiseDbm(20e6, 9)).toBeCloseTo(-91.9897, 5);
  });
  it('rejects zero bandwidth and a non-finite noise figure, naming the field', () => {
    expect(() => thermalNoiseDbm(0, 5)).toThrow(InputError);
    expect(() => noisePerReDbm(15, NaN)).toThrow('noiseFigureDb');
    expect(() => noisePerPrbDbm(-15, 5)).toThrow('scsKHz');
  });
});
