import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenario, type Carrier, type Site } from './scenario.ts';
import {
  BANDS, checkAzimuthDeg, checkBand, checkBandwidthMHz, checkFreqMHz, checkHeightM, checkId, checkLonLat, checkModelId, checkNumberField, checkScsKHz,
  checkTiltDeg, checkTxPowerDbm, enforceFieldRules, FIELD_SPECS, findBand, formatValidationMessage, readNumber, validateCarrier, validateSite,
  VALIDATION_MESSAGES, type NumberFieldSpec, type ValidationMessageKey,
} from './fields.ts';

const sampleText = readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8');
const sample = parseScenario(sampleText, 'sample-network.json').scenario;
const en = (r: { ok: boolean; message?: { key: ValidationMessageKey; params: Record<string, string | number> } }) => (r.ok ? 'ok' : formatValidationMessage(r.message!, 'en'));

describe('numbers typed by a user', () => {
  it.each([
    ['46', 46], [' -2.5 ', -2.5], ['1e3', 1000], ['2,5', 2.5], ['.5', 0.5], [17, 17], ['', null], [null, null], [undefined, null],
    ['abc', 'invalid'], ['NaN', 'invalid'], ['Infinity', 'invalid'], [Number.NaN, 'invalid'], ['10°', 'invalid'], ['1.000,5', 'invalid'], ['1,2,3', 'invalid'], [true, 'invalid'],
  ] as const)('%j → %j', (raw, expected) => {
    expect(readNumber(raw)).toBe(expected);
  });
});

describe('range rules of the editor', () => {
  it('antenna height: 0 < h < 300 m, with a cm/mm hint above', () => {
    expect(checkHeightM('0.1')).toEqual({ ok: true, value: 0.1 });
    expect(checkHeightM(299.9)).toEqual({ ok: true, value: 299.9 });
    expect(en(checkHeightM(0))).toBe('must be greater than 0 and less than 300 m, got 0');
    expect(en(checkHeightM(-5))).toBe('must be greater than 0 and less than 300 m, got -5');
    expect(en(checkHeightM(30000))).toBe('30000 m is not a plausible antenna height (must be less than 300 m): was it entered in centimetres (300 m) or millimetres (30 m)?');
    expect(en(checkHeightM(''))).toBe('a value is required');
  });
  it('azimuth 0 ≤ az < 360, tilts −10…20°, power 0…60 dBm', () => {
    expect(checkAzimuthDeg(0).ok).toBe(true);
    expect(checkAzimuthDeg(359.99).ok).toBe(true);
    expect(en(checkAzimuthDeg(360))).toBe('must be at least 0 and less than 360°, got 360');
    expect(checkAzimuthDeg(-0.01).ok).toBe(false);
    expect(checkTiltDeg(-10).ok).toBe(true);
    expect(checkTiltDeg(20).ok).toBe(true);
    expect(en(checkTiltDeg(20.5))).toBe('must be from -10 to 20°, got 20.5');
    expect(checkTxPowerDbm(0).ok).toBe(true);
    expect(checkTxPowerDbm(60).ok).toBe(true);
    expect(en(checkTxPowerDbm('61'))).toBe('must be from 0 to 60 dBm, got 61');
    expect(en(checkTxPowerDbm('46 dBm'))).toBe('"46 dBm" is not a number');
    // Optional sector fields fall back to their default when left empty.
    expect(checkNumberField('feederLossDb', '')).toEqual({ ok: true, value: 0 });
  });
  it('every numeric spec accepts exactly the values inside its bounds (property)', () => {
    const specs = Object.entries(FIELD_SPECS).filter(([, s]) => s.kind === 'number') as [string, NumberFieldSpec][];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.double({ min: -1e4, max: 1e4, noNaN: true }), ([name, spec], v) => {
        const inside = (spec.minExclusive ? v > spec.min : v >= spec.min) && (spec.maxExclusive ? v < spec.max : v <= spec.max);
        const r = name === 'heightM' ? checkHeightM(v) : checkNumberField(name as Parameters<typeof checkNumberField>[0], v);
        expect(r.ok).toBe(inside);
        if (r.ok) expect(r.value).toBe(v);
        // A number typed as text gives the same verdict.
        expect(checkNumberField(name as Parameters<typeof checkNumberField>[0], String(v)).ok).toBe(inside);
      }),
      { numRuns: 2000 },
    );
  });
  it('ids: letters (Vietnamese too), digits, . _ - ; no spaces', () => {
    expect(checkId(' S001-L1 ')).toEqual({ ok: true, value: 'S001-L1' });
    expect(checkId('Trạm_1').ok).toBe(true);
    expect(en(checkId('S 1'))).toBe('id "S 1" must be 1–64 letters, digits, "-", "_" or "." (no spaces)');
    expect(checkId('x'.repeat(65)).ok).toBe(false);
  });
  it('path-loss model must be in the registry', () => {
    expect(checkModelId('38901-uma-expected').ok).toBe(true);
    expect(checkModelId('hata-urban-small').ok).toBe(true);
    expect(en(checkModelId('okumura'))).toMatch(/^unknown path-loss model "okumura" \(known: fspl, two-ray, /);
  });
});

describe('bands and carriers', () => {
  it('band table: downlink ranges of TS 36.101 Table 5.5-1 and TS 38.101-1 Table 5.2-1', () => {
    // Values copied from the two tables (DL "F_DL_low – F_DL_high").
    const expected: Record<string, [number, number]> = {
      B1: [2110, 2170], B3: [1805, 1880], B7: [2620, 2690], B8: [925, 960], B28: [758, 803], B40: [2300, 2400],
      n1: [2110, 2170], n3: [1805, 1880], n28: [758, 803], n41: [2496, 2690], n77: [3300, 4200], n78: [3300, 3800], n79: [4400, 5000],
    };
    expect(Object.fromEntries(BANDS.map((b) => [b.band, [b.dlLowMHz, b.dlHighMHz]]))).toEqual(expected);
    for (const b of BANDS) expect(b.tech).toBe(b.band.startsWith('B') ? 'LTE' : 'NR');
  });
  it('band names are normalised and checked against the technology', () => {
    expect(findBand('b3')?.band).toBe('B3');
    expect(findBand('N78')?.band).toBe('n78');
    expect(en(checkBand('B20'))).toMatch(/^band "B20" is not in the band table \(B1, B3, /);
    expect(en(checkBand('n78', 'LTE'))).toBe('band n78 is an NR band, not usable for an LTE carrier');
  });
  it('centre frequency inside the band, whole channel too, GHz hint', () => {
    const n78 = findBand('n78')!;
    const b3 = findBand('B3')!;
    expect(checkFreqMHz(1842.5, b3, 20).ok).toBe(true);
    expect(en(checkFreqMHz(1900, b3))).toBe('centre frequency 1900 MHz is outside the downlink range of band B3 (1805–1880 MHz)');
    // 1720 MHz is in B3's uplink range, not its downlink.
    expect(checkFreqMHz(1720, b3).ok).toBe(false);
    expect(en(checkFreqMHz(3.5, n78))).toBe('centre frequency 3.5 MHz is outside band n78 (3300–3800 MHz): was it entered in GHz (3500 MHz)?');
    expect(checkFreqMHz(3780, n78).ok).toBe(true);
    expect(en(checkFreqMHz(3790, n78, 40))).toBe('a 40 MHz channel centred at 3790 MHz spans 3770–3810 MHz, beyond band n78 (3300–3800 MHz)');
    expect(checkFreqMHz(3750, n78, 100).ok).toBe(true);
  });
  it('bandwidth valid for tech and SCS (TS 36.101 Table 5.6-1, TS 38.101-1 Table 5.3.2-1)', () => {
    expect(checkBandwidthMHz(1.4, 'LTE', 15).ok).toBe(true);
    expect(en(checkBandwidthMHz(25, 'LTE', 15))).toBe('25 MHz is not a valid LTE channel bandwidth at 15 kHz subcarrier spacing (valid: 1.4, 3, 5, 10, 15, 20 MHz)');
    expect(checkBandwidthMHz(100, 'NR', 30).ok).toBe(true);
    expect(checkBandwidthMHz(60, 'NR', 15).ok).toBe(false); // N/A in Table 5.3.2-1
    expect(checkBandwidthMHz(5, 'NR', 60).ok).toBe(false); // N/A
    expect(checkBandwidthMHz(50, 'NR', 15).ok).toBe(true);
  });
  it('numerology: LTE 15 kHz, NR FR1 15/30/60 kHz (μ 0, 1, 2)', () => {
    expect(checkScsKHz(15, 'LTE').ok).toBe(true);
    expect(en(checkScsKHz(30, 'LTE'))).toBe('LTE subcarrier spacing must be 15 kHz, got 30');
    for (const scs of [15, 30, 60]) expect(checkScsKHz(scs, 'NR').ok).toBe(true);
    expect(en(checkScsKHz(120, 'NR'))).toBe('NR subcarrier spacing must be 15, 30, 60 kHz, got 120');
  });
  it('the sample network carriers are valid; broken ones are named field by field', () => {
    for (const c of sample.carriers) expect(validateCarrier(c)).toEqual([]);
    const bad: Carrier = { id: 'x', tech: 'NR', band: 'n78', freqMHz: 3900, bandwidthMHz: 60, scsKHz: 15 };
    expect(validateCarrier(bad).map((p) => [p.field, p.carrierId])).toEqual([['bandwidthMHz', 'x'], ['freqMHz', 'x']]);
  });
});

describe('validateSite', () => {
  const good = sample.sites[0];
  it('passes every site of the sample network', () => {
    for (const s of sample.sites) expect(validateSite(s, { carriers: sample.carriers }), s.id).toEqual([]);
  });
  it('names the field and the sector of each problem', () => {
    const s: Site = {
      ...good,
      heightM: 3000,
      sectors: [
        { ...good.sectors[0], azimuthDeg: 400 },
        { ...good.sectors[1], electricalTiltDeg: 25, carrierId: 'nope' },
        { ...good.sectors[2], id: good.sectors[1].id, modelId: 'x', antenna: { ...good.sectors[2].antenna, vBeamwidthDeg: 0 } },
      ],
    };
    const problems = validateSite(s, { carriers: sample.carriers });
    expect(problems.map((p) => [p.sectorId ?? null, p.field, p.message.key])).toEqual([
      [null, 'heightM', 'valHeightUnits'],
      [good.sectors[0].id, 'azimuthDeg', 'valRangeHalfOpen'],
      [good.sectors[1].id, 'carrierId', 'valUnknownCarrier'],
      [good.sectors[1].id, 'electricalTiltDeg', 'valRangeClosed'],
      [good.sectors[1].id, 'id', 'valDuplicateId'],
      [good.sectors[1].id, 'modelId', 'valUnknownModel'],
      [good.sectors[1].id, 'vBeamwidthDeg', 'valRangeOpenClosed'],
    ]);
  });
  it('refuses a site without sectors, non-numeric fields and NaN', () => {
    expect(validateSite({ ...good, sectors: [] }).map((p) => p.message.key)).toEqual(['valNoSectors']);
    const noKind = { ...good, kind: undefined, status: 'built', sectors: [{ ...good.sectors[0], antenna: { maxGainDbi: 17 } }] } as unknown as Site;
    expect(validateSite(noKind).map((p) => [p.field, p.message.key])).toEqual([['kind', 'valRequired'], ['status', 'valNotOneOf'], ['antennaType', 'valRequired']]);
    const s = { ...good, latDeg: Number.NaN, sectors: [{ ...good.sectors[0], txPowerDbm: '46' as unknown as number }] };
    expect(validateSite(s).map((p) => [p.field, p.message.key])).toEqual([['latDeg', 'valNotNumber'], ['txPowerDbm', 'valNotNumber']]);
  });
  it('detects swapped coordinates, with and without an inside test', () => {
    const box = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;
    expect(checkLonLat(10.2, 106.0).pair).toMatchObject({ ok: false, message: { key: 'valLatLonSwapped' } });
    const tiny = (lon: number, lat: number) => lon > 40 && lon < 50 && lat > 10 && lat < 20;
    expect(checkLonLat(15, 45, tiny).pair).toMatchObject({ ok: false, message: { key: 'valSwappedInside' } });
    expect(checkLonLat(104.2, 10, box).pair).toMatchObject({ ok: false, message: { key: 'valOutsideProvince' } });
    expect(checkLonLat(106, 10, box).pair).toEqual({ ok: true, value: [106, 10] });
  });
  it('enforceFieldRules drops what parseScenario lets through (tilt 30°, carrier outside its band)', () => {
    const json = JSON.parse(sampleText);
    json.sites[0].sectors[0].mechanicalTiltDeg = 30;
    json.carriers[2].freqMHz = 3900; // pn3700 → the two private sites lose their carrier
    const loose = parseScenario(JSON.stringify(json), 'f.json');
    expect(loose.problems).toEqual([]);
    const strict = enforceFieldRules(loose, 'f.json');
    expect(strict.scenario.sites.length).toBe(loose.scenario.sites.length - 3);
    expect(strict.problems[0]).toBe('f.json: carrier pn3700, field freqMHz: centre frequency 3900 MHz is outside the downlink range of band n78 (3300–3800 MHz)');
    expect(strict.problems[1]).toBe(`f.json: site ${json.sites[0].id}, sector ${json.sites[0].sectors[0].id}, field mechanicalTiltDeg: must be from -10 to 20°, got 30`);
    expect(strict.problems.slice(2)).toEqual(['f.json: site P1, sector P1-N1, field carrierId: no carrier "pn3700" in the scenario', 'f.json: site P2, sector P2-N1, field carrierId: no carrier "pn3700" in the scenario']);
  });
});

describe('message dictionary', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it('every key has Vietnamese and English text with the same placeholders', () => {
    const keys = Object.keys(VALIDATION_MESSAGES.vi) as ValidationMessageKey[];
    expect(Object.keys(VALIDATION_MESSAGES.en).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(placeholders(VALIDATION_MESSAGES.vi[k]), k).toEqual(placeholders(VALIDATION_MESSAGES.en[k]));
      expect(VALIDATION_MESSAGES.vi[k], k).not.toBe(VALIDATION_MESSAGES.en[k]);
    }
  });
  it('messages from the rules fill every placeholder in both languages (property)', () => {
    // Inputs without braces: a typed value is quoted in the message as it is (next test).
    const anyInput = fc.oneof(fc.double(), fc.string().filter((x) => !x.includes('{')), fc.constantFrom('', '1e9', '-0', '12,5', 'n78'));
    fc.assert(
      fc.property(anyInput, (raw) => {
        const results = [checkHeightM(raw), checkAzimuthDeg(raw), checkTiltDeg(raw), checkTxPowerDbm(raw), checkBand(raw, 'NR'), checkId(raw), checkFreqMHz(raw, BANDS[0], 20), checkBandwidthMHz(raw, 'NR', 30)];
        for (const r of results) {
          if (r.ok) continue;
          for (const lang of ['vi', 'en'] as const) expect(formatValidationMessage(r.message, lang)).not.toMatch(/\{\w+\}/);
        }
      }),
    );
  });
  it('a typed value that looks like a placeholder is quoted as typed, never substituted', () => {
    const r = checkHeightM('{max}');
    expect(r.ok).toBe(false);
    if (!r.ok) for (const lang of ['vi', 'en'] as const) expect(formatValidationMessage(r.message, lang)).toContain('"{max}"');
  });
  it('Vietnamese text for the editor', () => {
    const r = checkAzimuthDeg(400);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatValidationMessage(r.message, 'vi')).toBe('phải lớn hơn hoặc bằng 0 và nhỏ hơn 360°, nhận được 400');
  });
});
