import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutLossDb, DBD_TO_DBI_DB, MsiParseError, MsiPattern, msiPatternFromText, parseMsi } from './msi.ts';
import { gainTowardDbi } from './types.ts';

const FIXTURES = new URL('../../../tests/fixtures/antenna/', import.meta.url);

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, FIXTURES)), 'utf8');
}

function parseError(name: string): MsiParseError {
  try {
    parseMsi(fixture(name), name);
  } catch (e) {
    if (e instanceof MsiParseError) return e;
    throw e;
  }
  throw new Error(`${name} parsed without error`);
}

/** A minimal valid file built in the test: flat horizontal cut, header lines given. */
function flatFile(headerLines: string[]): string {
  const rows: string[] = [];
  for (let a = 0; a < 360; a++) rows.push(`${a} 0`);
  return [...headerLines, 'HORIZONTAL 360', ...rows].join('\n');
}

// Fixture values (tests/fixtures/antenna/README.md): synthetic-sector.msi, horizontal row a on
// line 12 + a, vertical row a on line 373 + a.
describe('parseMsi — synthetic-sector.msi header', () => {
  const f = parseMsi(fixture('synthetic-sector.msi'), 'synthetic-sector.msi');
  it('reads the header fields', () => {
    expect(f.name).toBe('SYNTHETIC-SECTOR-65-T6');
    expect(f.make).toBe('phusong synthetic fixture (not a real antenna)');
    expect(f.frequencyMHz).toBe(1800);
    expect(f.hBeamwidthDeg).toBe(65);
    expect(f.vBeamwidthDeg).toBe(10);
    expect(f.frontToBackDb).toBe(25);
    expect(f.polarization).toBe('+45');
    expect(f.tiltType).toBe('electrical');
    expect(f.tiltDeg).toBe(6);
    expect(f.warnings).toEqual([]);
  });
  it('GAIN 15.85 dBd → 15.85 + 2.15 = 18.00 dBi', () => {
    expect(f.gainValue).toBe(15.85);
    expect(f.gainUnit).toBe('dBd');
    expect(DBD_TO_DBI_DB).toBe(2.15);
    expect(f.maxGainDbi).toBeCloseTo(18.0, 10);
  });
  it('vertical peak: row "6 0.00" (line 379) is the least loss within ±90°', () => {
    expect(f.verticalPeakDeg).toBe(6);
  });
});

describe('MsiPattern — gain at the sample angles equals the file values', () => {
  const p = msiPatternFromText(fixture('synthetic-sector.msi'), 'synthetic-sector.msi');
  it('line 42 "30 2.56" with line 379 "6 0.00": 18.00 − 2.56 − 0.00 = 15.44 dBi', () => {
    // Hand check of the fixture row: 12·(30/65)² = 12·0.213018 = 2.556213 → 2.56.
    expect(p.gainDbi(30, 6)).toBeCloseTo(15.44, 10);
  });
  it('line 12 "0 0.00" with line 373 "0 4.32": 18.00 − 4.32 = 13.68 dBi (12·(−6/10)² = 4.32)', () => {
    expect(p.gainDbi(0, 0)).toBeCloseTo(13.68, 10);
  });
  it('−30° reads row 330 (line 342 "330 2.56"): the same 15.44 dBi', () => {
    expect(p.gainDbi(-30, 6)).toBeCloseTo(15.44, 10);
  });
  it('every integer angle returns the file row exactly (rows read straight from the text, lines 12–371 and 373–732)', () => {
    const lines = fixture('synthetic-sector.msi').split('\n');
    for (let a = 0; a < 360; a++) {
      const [hAngle, hLoss] = lines[12 + a - 1].split(' ').map(Number);
      const [vAngle, vLoss] = lines[373 + a - 1].split(' ').map(Number);
      expect(hAngle).toBe(a);
      expect(vAngle).toBe(a);
      // Vertical row 6 is 0.00 and horizontal row 0 is 0.00: each cut alone.
      expect(Math.abs(p.gainDbi(a, 6) - (18 - hLoss))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(p.gainDbi(0, a) - (18 - Math.min(vLoss, 25)))).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('MsiPattern — interpolation linear in dB', () => {
  const p = msiPatternFromText(fixture('synthetic-sector.msi'), 'synthetic-sector.msi');
  it('midway 30.5°: mean of rows 30 (2.56) and 31 (2.73) = 2.645 dB → 15.355 dBi', () => {
    // Row 31: 12·(31/65)² = 12·0.227456 = 2.729467 → 2.73.
    expect(p.gainDbi(30.5, 6)).toBeCloseTo(15.355, 10);
  });
  it('a quarter of the way 30.25°: 2.56 + 0.25·0.17 = 2.6025 dB', () => {
    expect(cutLossDb(p.horizontalLossDb, 30.25)).toBeCloseTo(2.6025, 10);
  });
  it('wraps 359 → 0 in the vertical cut: ψ = −0.5° is the mean of rows 359 (5.88) and 0 (4.32) = 5.10 dB', () => {
    // Row 359: s = −1, 12·(−7/10)² = 5.88. Gain at φ = 0 (row 0 = 0.00): 18 − 5.10 = 12.90 dBi.
    expect(p.gainDbi(0, -0.5)).toBeCloseTo(12.9, 10);
    expect(p.gainDbi(0, 359.5)).toBeCloseTo(12.9, 10);
  });
  it('combined loss is capped at the deepest sample: φ = 180 (25.00) + ψ = 90 (20.00) → 25 dB, 18 − 25 = −7 dBi', () => {
    expect(p.capDb).toBe(25);
    expect(p.gainDbi(180, 90)).toBeCloseTo(-7, 10);
  });
  it('property: gain ≤ max gain and ≥ max gain − cap everywhere', () => {
    fc.assert(
      fc.property(fc.double({ min: -720, max: 720, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (az, el) => {
        const g = p.gainDbi(az, el);
        return g <= p.maxGainDbi + 1e-12 && g >= p.maxGainDbi - p.capDb - 1e-12;
      }),
    );
  });
  it('property: an interpolated loss lies between its two neighbouring samples', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 359.999, noNaN: true }), (a) => {
        const i0 = Math.floor(a);
        const l0 = p.horizontalLossDb[i0];
        const l1 = p.horizontalLossDb[(i0 + 1) % 360];
        const l = cutLossDb(p.horizontalLossDb, a);
        return l >= Math.min(l0, l1) - 1e-12 && l <= Math.max(l0, l1) + 1e-12;
      }),
    );
  });
});

describe('MsiPattern — built-in electrical tilt and the mounting', () => {
  const p = msiPatternFromText(fixture('synthetic-sector.msi'), 'synthetic-sector.msi');
  it('TILT ELECTRICAL 6 is the built-in tilt', () => {
    expect(p.builtInTiltDeg).toBe(6);
  });
  it('sector electrical tilt 6 (= file): the cut is not shifted; toward 6° below on boresight → 18 dBi', () => {
    const mounting = { azimuthDeg: 120, mechanicalTiltDeg: 0, electricalTiltDeg: 6, heightM: 30 };
    expect(gainTowardDbi(p, mounting, 120, 6)).toBeCloseTo(18, 10);
  });
  it('sector electrical tilt 8: cut shifted by 8 − 6 = 2°; 6° below reads ψ = 4 (line 377 "4 0.48") → 17.52 dBi', () => {
    const mounting = { azimuthDeg: 120, mechanicalTiltDeg: 0, electricalTiltDeg: 8, heightM: 30 };
    expect(gainTowardDbi(p, mounting, 120, 6)).toBeCloseTo(17.52, 10);
  });
  it('mechanical tilt 3 with electrical 6: 6° below reads ψ = 3 (line 376 "3 1.08") → 16.92 dBi', () => {
    const mounting = { azimuthDeg: 120, mechanicalTiltDeg: 3, electricalTiltDeg: 6, heightM: 30 };
    expect(gainTowardDbi(p, mounting, 120, 6)).toBeCloseTo(16.92, 10);
  });
});

describe('parseMsi — other synthetic files', () => {
  it('bare name on line 1, GAIN in dBi, CRLF and tabs, no VERTICAL block (flat, with a warning)', () => {
    const f = parseMsi(fixture('synthetic-omni-dbi-no-vertical.msi'), 'synthetic-omni-dbi-no-vertical.msi');
    expect(f.name).toBe('SYNTHETIC OMNI 2DBI');
    expect(f.gainUnit).toBe('dBi');
    expect(f.maxGainDbi).toBe(2);
    expect(f.verticalLossDb).toBeNull();
    expect(f.warnings.some((w) => w.includes('no VERTICAL block'))).toBe(true);
    const p = new MsiPattern(f);
    // Row a = 0.01·(a mod 10): row 7 = 0.07; 7.5° → (0.07 + 0.08)/2 = 0.075; 9.5° → (0.09 + 0.00)/2 = 0.045.
    expect(p.gainDbi(7, 40)).toBeCloseTo(2 - 0.07, 10);
    expect(p.gainDbi(7.5, -40)).toBeCloseTo(2 - 0.075, 10);
    expect(p.gainDbi(9.5, 0)).toBeCloseTo(2 - 0.045, 10);
  });
  it('GAIN without unit is dBd (10 + 2.15 = 12.15 dBi, warned); TILT ELECTRICAL without value → vertical peak 6°; rows in any order', () => {
    const f = parseMsi(fixture('synthetic-unitless-gain.msi'), 'synthetic-unitless-gain.msi');
    expect(f.gainUnit).toBe('dBd');
    expect(f.maxGainDbi).toBeCloseTo(12.15, 10);
    expect(f.warnings.some((w) => w.includes('GAIN has no unit'))).toBe(true);
    expect(f.tiltDeg).toBeNull();
    expect(f.warnings.some((w) => w.includes('TILT ELECTRICAL without a value'))).toBe(true);
    const p = new MsiPattern(f);
    expect(p.builtInTiltDeg).toBe(6);
    // Same rows as the sector file: row 30 = 2.56, vertical row 6 = 0.00.
    expect(p.gainDbi(30, 6)).toBeCloseTo(12.15 - 2.56, 10);
  });
  it('lower-case keys, unit glued to the value, ELECTRICAL_TILT, FREQUENCY in GHz or as a range, vendor keys', () => {
    const a = parseMsi(flatFile(['name Test A', 'gain 17.5dBi', 'frequency 1.8 GHz', 'ELECTRICAL_TILT 4', 'VENDOR_X abc']), 'a.msi');
    expect(a.name).toBe('Test A');
    expect(a.maxGainDbi).toBe(17.5);
    expect(a.frequencyMHz).toBe(1800);
    expect(a.tiltDeg).toBe(4);
    expect(a.tiltType).toBe('electrical');
    expect(a.otherFields).toEqual({ VENDOR_X: 'abc' });
    const b = parseMsi(flatFile(['NAME B', 'GAIN 15 dBd', 'FREQUENCY 1710-1880']), 'b.msi');
    expect(b.frequencyMHz).toBeNull();
    expect(b.frequencyText).toBe('1710-1880');
    expect(b.name).toBe('B');
  });
  it('no TILT line but a vertical peak off the horizon: the peak is the built-in tilt, with a warning', () => {
    // Vertical rows: 0 dB at 4°, 1 dB everywhere else.
    const rows: string[] = [];
    for (let a = 0; a < 360; a++) rows.push(`${a} ${a === 4 ? 0 : 1}`);
    const f = parseMsi(flatFile(['NAME P', 'GAIN 10 dBi']) + '\nVERTICAL 360\n' + rows.join('\n'), 'p.msi');
    expect(f.verticalPeakDeg).toBe(4);
    expect(new MsiPattern(f).builtInTiltDeg).toBe(4);
    expect(f.warnings.some((w) => w.includes('no TILT value') && w.includes('4°'))).toBe(true);
  });
  it('falls back to the file name when there is no name at all', () => {
    expect(parseMsi(flatFile(['GAIN 0 dBi']), 'nameless.msi').name).toBe('nameless.msi');
  });
});

describe('parseMsi — malformed files throw MsiParseError naming file and line', () => {
  const cases: Array<[string, number, string]> = [
    ['malformed-bad-row.msi', 17, 'expected "<angle> <loss>", got "5 abc"'],
    ['malformed-missing-horizontal.msi', 371, 'no HORIZONTAL block'],
    ['malformed-short-horizontal.msi', 371, 'HORIZONTAL block (line 11) ended after 359 of 360 rows'],
    ['malformed-extra-row.msi', 372, 'HORIZONTAL block (line 11) declares 360 rows but another row follows: "12 1.00"'],
    ['malformed-angle-out-of-range.msi', 371, 'HORIZONTAL angle 360 outside 0–359°'],
    ['malformed-duplicate-angle.msi', 23, 'duplicate HORIZONTAL angle 10 (first given on line 22)'],
    ['malformed-negative-loss.msi', 393, 'VERTICAL loss -3.00 dB is negative'],
    ['malformed-no-gain.msi', 731, 'no GAIN line'],
    ['malformed-half-degree.msi', 24, 'HORIZONTAL angle 12.5 is not a whole degree'],
    ['malformed-row-count.msi', 11, 'expected "HORIZONTAL 360" (one row per degree), got "HORIZONTAL 720"'],
    ['malformed-gain.msi', 7, 'expected "GAIN <value> [dBd|dBi]", got "GAIN high dBi"'],
    ['malformed-truncated-vertical.msi', 472, 'VERTICAL block (line 372) ended after 100 of 360 rows at end of file'],
  ];
  for (const [name, line, text] of cases) {
    it(`${name} → line ${line}: ${text}`, () => {
      const e = parseError(name);
      expect(e.fileName).toBe(name);
      expect(e.line).toBe(line);
      expect(e.detail).toContain(text);
      expect(e.message.startsWith(`${name} line ${line}: `)).toBe(true);
    });
  }
  it('the message reads like the brief example: "sector.msi line 17: expected "<angle> <loss>", got "5 abc""', () => {
    try {
      parseMsi(fixture('malformed-bad-row.msi'), 'sector.msi');
      expect.unreachable();
    } catch (e) {
      expect(e instanceof MsiParseError && e.message).toBe('sector.msi line 17: expected "<angle> <loss>", got "5 abc"');
    }
  });
  it('a second HORIZONTAL block and a GAIN given twice are rejected with both line numbers', () => {
    const twice = flatFile(['NAME T', 'GAIN 1 dBi']) + '\nHORIZONTAL 360\n';
    expect(() => parseMsi(twice, 't.msi')).toThrow('t.msi line 364: second HORIZONTAL block (the first starts on line 3)');
    expect(() => parseMsi(flatFile(['GAIN 1 dBi', 'GAIN 2 dBi']), 'g.msi')).toThrow('g.msi line 2: GAIN given twice (first on line 1)');
  });
  it('empty text: no HORIZONTAL block, line 1', () => {
    expect(() => parseMsi('', 'empty.msi')).toThrow('empty.msi line 1: no HORIZONTAL block');
  });
});
