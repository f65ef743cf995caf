/**
 * MSI / Planet antenna pattern files (spec §4): parser and interpolating pattern.
 *
 * Format (ASCII, one item per line, label and value separated by white space):
 *
 *   NAME <name>            (some vendors put the bare name on the first line)
 *   MAKE <manufacturer>
 *   FREQUENCY <MHz>
 *   H_WIDTH <deg>          V_WIDTH <deg>          FRONT_TO_BACK <dB>
 *   GAIN <value> [dBd|dBi] (dBd when no unit is given; dBi = dBd + 2.15)
 *   TILT [ELECTRICAL|MECHANICAL] [<deg>]           (also ELECTRICAL_TILT <deg>)
 *   POLARIZATION <text>    COMMENT <text>
 *   HORIZONTAL 360         then 360 rows "<angle> <loss>", angle 0…359
 *   VERTICAL 360           then 360 rows "<angle> <loss>", angle 0…359
 *
 * Losses are attenuation in dB below the maximum gain, written as positive numbers. Horizontal
 * angles run clockwise (seen from above) from boresight; vertical angles run from the horizon
 * in front (0°) downward (90° = nadir, 180° = horizon behind, 270° = zenith). The vertical cut
 * already contains the electrical tilt the file was measured at.
 *
 * 3-D gain from the two cuts: `G(φ, ψ) = G_max − min(L_H(φ) + L_V(ψ), L_cap)`, the same
 * separable sum the 3GPP sector uses (TR 38.901 Table 7.3-1: A = −min(−(A_H + A_V), Am)), with
 * the cap `L_cap` = the largest loss sampled in either cut (the pattern is never attenuated more
 * than the file's own deepest value). Between the 1° samples the loss is interpolated linearly
 * in dB, wrapping 359° → 0°.
 *
 * Reading the file (bytes → text) is the caller's job; this module is pure.
 */
import { requireFinite } from '../validity.ts';
import type { AntennaPattern } from './types.ts';

/** dBi = dBd + 2.15 (gain of a half-wave dipole over isotropic). */
export const DBD_TO_DBI_DB = 2.15;

/** Rows per cut: one per whole degree 0…359. */
const CUT_ROWS = 360;

export type GainUnit = 'dBd' | 'dBi';

/** A malformed MSI file: the message names the file and the 1-based line, e.g. `sector.msi line 17: …`. */
export class MsiParseError extends Error {
  readonly fileName: string;
  /** 1-based line number. */
  readonly line: number;
  /** The message without the `file line n:` prefix. */
  readonly detail: string;
  constructor(fileName: string, line: number, detail: string) {
    super(`${fileName} line ${line}: ${detail}`);
    this.name = 'MsiParseError';
    this.fileName = fileName;
    this.line = line;
    this.detail = detail;
  }
}

/** Everything read from one MSI file. Plain data (typed arrays), safe to post to a worker. */
export interface AntennaPatternFile {
  readonly fileName: string;
  /** NAME, else the bare first line, else the file name. */
  readonly name: string;
  readonly make: string | null;
  /** FREQUENCY as written (may be a range such as `1710-1880`). */
  readonly frequencyText: string | null;
  /** FREQUENCY in MHz when it is a single number (optionally with `MHz` / `GHz`), else null. */
  readonly frequencyMHz: number | null;
  readonly hBeamwidthDeg: number | null;
  readonly vBeamwidthDeg: number | null;
  readonly frontToBackDb: number | null;
  /** GAIN as written. */
  readonly gainValue: number;
  readonly gainUnit: GainUnit;
  /** Maximum gain, dBi (GAIN converted from dBd when needed). */
  readonly maxGainDbi: number;
  readonly tiltType: 'electrical' | 'mechanical' | null;
  /** Tilt value from TILT / ELECTRICAL_TILT, degrees downward; null when the file gives none. */
  readonly tiltDeg: number | null;
  /**
   * Angle of the least vertical loss within ±90° of the front horizon, degrees below horizontal
   * (the measured beam's tilt); null without a VERTICAL block.
   */
  readonly verticalPeakDeg: number | null;
  readonly polarization: string | null;
  readonly comment: string | null;
  /** 360 losses (dB ≥ 0), index = horizontal angle in degrees. */
  readonly horizontalLossDb: Float64Array;
  /** 360 losses (dB ≥ 0), index = vertical angle in degrees; null when the file has no VERTICAL block. */
  readonly verticalLossDb: Float64Array | null;
  /** Other `KEY value` lines (vendor extensions), by upper-case key. */
  readonly otherFields: Readonly<Record<string, string>>;
  /** Things the parser assumed (unit-less GAIN, missing VERTICAL block, …). */
  readonly warnings: readonly string[];
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_NUMBER_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/;
const KNOWN_KEYS = new Set([
  'NAME', 'MAKE', 'FREQUENCY', 'H_WIDTH', 'V_WIDTH', 'FRONT_TO_BACK', 'GAIN', 'TILT', 'ELECTRICAL_TILT',
  'POLARIZATION', 'COMMENT', 'HORIZONTAL', 'VERTICAL',
]);

function isNumberToken(s: string): boolean {
  return NUMBER_RE.test(s);
}

interface OpenBlock {
  readonly kind: 'HORIZONTAL' | 'VERTICAL';
  readonly headerLine: number;
  readonly loss: Float64Array;
  /** Line on which each angle was given (0 = not yet). */
  readonly lineOfAngle: Int32Array;
  rows: number;
}

/**
 * Parses the text of an MSI / Planet antenna file.
 * @param text - the whole file as text
 * @param fileName - used in error messages and kept in the result
 * @throws MsiParseError naming the file and line for malformed rows, angles outside 0–359 or not
 *   whole degrees, duplicate angles, negative losses, a block with the wrong number of rows, a
 *   missing HORIZONTAL block or a missing / unreadable GAIN.
 */
export function parseMsi(text: string, fileName: string): AntennaPatternFile {
  const lines = text.split(/\r\n|\n|\r/);
  const warnings: string[] = [];
  const otherFields: Record<string, string> = {};
  let name: string | null = null;
  let bareFirstLine: string | null = null;
  let make: string | null = null;
  let frequencyText: string | null = null;
  let frequencyMHz: number | null = null;
  let hBeamwidthDeg: number | null = null;
  let vBeamwidthDeg: number | null = null;
  let frontToBackDb: number | null = null;
  let gainValue: number | null = null;
  let gainUnit: GainUnit = 'dBd';
  let gainLine = 0;
  let tiltType: 'electrical' | 'mechanical' | null = null;
  let tiltDeg: number | null = null;
  let polarization: string | null = null;
  let comment: string | null = null;
  let horizontal: OpenBlock | null = null;
  let vertical: OpenBlock | null = null;
  let open: OpenBlock | null = null;
  /** The block that just completed, to name it when surplus rows follow. */
  let lastClosed: OpenBlock | null = null;
  let sawContent = false;
  let lastLine = 1;

  function fail(line: number, detail: string): never {
    throw new MsiParseError(fileName, line, detail);
  }
  const optionalNumber = (key: string, value: string, lineNo: number): number | null => {
    const m = LEADING_NUMBER_RE.exec(value);
    if (!m) {
      warnings.push(`line ${lineNo}: ${key} "${value}" is not a number; ignored`);
      return null;
    }
    return Number(m[1]);
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '') continue;
    lastLine = lineNo;
    const tokens = line.split(/\s+/);

    if (open) {
      if (tokens.length !== 2 || !isNumberToken(tokens[0]) || !isNumberToken(tokens[1])) {
        if (!isNumberToken(tokens[0]) && KNOWN_KEYS.has(tokens[0].toUpperCase())) {
          fail(lineNo, `${open.kind} block (line ${open.headerLine}) ended after ${open.rows} of ${CUT_ROWS} rows; expected "<angle> <loss>", got "${line}"`);
        }
        fail(lineNo, `expected "<angle> <loss>", got "${line}"`);
      }
      const angleDeg = Number(tokens[0]);
      const lossDb = Number(tokens[1]);
      if (!Number.isFinite(angleDeg) || !Number.isFinite(lossDb)) fail(lineNo, `expected "<angle> <loss>", got "${line}"`);
      if (angleDeg < 0 || angleDeg > 359) fail(lineNo, `${open.kind} angle ${tokens[0]} outside 0–359°`);
      if (!Number.isInteger(angleDeg)) fail(lineNo, `${open.kind} angle ${tokens[0]} is not a whole degree (one row per degree 0–359)`);
      if (lossDb < 0) fail(lineNo, `${open.kind} loss ${tokens[1]} dB is negative: rows give the attenuation below the maximum gain as a positive number`);
      const first = open.lineOfAngle[angleDeg];
      if (first !== 0) fail(lineNo, `duplicate ${open.kind} angle ${angleDeg} (first given on line ${first})`);
      open.lineOfAngle[angleDeg] = lineNo;
      open.loss[angleDeg] = lossDb;
      open.rows++;
      if (open.rows === CUT_ROWS) {
        lastClosed = open;
        open = null;
      }
      continue;
    }

    const key = tokens[0].toUpperCase();
    const value = line.slice(tokens[0].length).trim();

    if (isNumberToken(tokens[0]) && tokens.length === 2 && isNumberToken(tokens[1]) && lastClosed) {
      fail(lineNo, `${lastClosed.kind} block (line ${lastClosed.headerLine}) declares ${CUT_ROWS} rows but another row follows: "${line}"`);
    }
    if (!KNOWN_KEYS.has(key)) {
      if (!sawContent) {
        // Vendors that drop the NAME token put the bare name on the first line.
        bareFirstLine = line;
      } else if (isNumberToken(tokens[0])) {
        fail(lineNo, `expected a keyword line (NAME, GAIN, HORIZONTAL 360, …), got "${line}"`);
      } else {
        if (key in otherFields) warnings.push(`line ${lineNo}: ${key} given again; the later value is kept`);
        otherFields[key] = value;
      }
      sawContent = true;
      continue;
    }
    sawContent = true;
    lastClosed = null;

    switch (key) {
      case 'NAME':
        name = value;
        break;
      case 'MAKE':
        make = value;
        break;
      case 'FREQUENCY': {
        frequencyText = value;
        const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(MHz|GHz)?$/i.exec(value);
        frequencyMHz = m ? Number(m[1]) * (m[2] && m[2].toLowerCase() === 'ghz' ? 1000 : 1) : null;
        break;
      }
      case 'H_WIDTH':
        hBeamwidthDeg = optionalNumber(key, value, lineNo);
        break;
      case 'V_WIDTH':
        vBeamwidthDeg = optionalNumber(key, value, lineNo);
        break;
      case 'FRONT_TO_BACK':
        frontToBackDb = optionalNumber(key, value, lineNo);
        break;
      case 'GAIN': {
        if (gainLine !== 0) fail(lineNo, `GAIN given twice (first on line ${gainLine})`);
        const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(dBd|dBi)?$/i.exec(value);
        if (!m) fail(lineNo, `expected "GAIN <value> [dBd|dBi]", got "${line}"`);
        const match = m;
        gainValue = Number(match[1]);
        gainLine = lineNo;
        if (match[2]) {
          gainUnit = match[2].toLowerCase() === 'dbi' ? 'dBi' : 'dBd';
        } else {
          gainUnit = 'dBd';
          warnings.push(`line ${lineNo}: GAIN has no unit; read as dBd (the MSI default): ${gainValue} dBd = ${round2(gainValue + DBD_TO_DBI_DB)} dBi`);
        }
        break;
      }
      case 'TILT': {
        for (const t of value.split(/\s+/)) {
          const u = t.toUpperCase();
          if (u === 'ELECTRICAL') tiltType = 'electrical';
          else if (u === 'MECHANICAL') tiltType = 'mechanical';
          else if (isNumberToken(t)) tiltDeg = Number(t);
          else if (t !== '') fail(lineNo, `expected "TILT [ELECTRICAL|MECHANICAL] [<degrees>]", got "${line}"`);
        }
        break;
      }
      case 'ELECTRICAL_TILT': {
        const n = optionalNumber(key, value, lineNo);
        if (n !== null) {
          tiltDeg = n;
          tiltType = 'electrical';
        }
        break;
      }
      case 'POLARIZATION':
        polarization = value;
        break;
      case 'COMMENT':
        comment = comment === null ? value : `${comment}\n${value}`;
        break;
      case 'HORIZONTAL':
      case 'VERTICAL': {
        const existing = key === 'HORIZONTAL' ? horizontal : vertical;
        if (existing) fail(lineNo, `second ${key} block (the first starts on line ${existing.headerLine})`);
        if (tokens.length !== 2 || tokens[1] !== String(CUT_ROWS)) {
          fail(lineNo, `expected "${key} ${CUT_ROWS}" (one row per degree), got "${line}"`);
        }
        const block: OpenBlock = { kind: key, headerLine: lineNo, loss: new Float64Array(CUT_ROWS), lineOfAngle: new Int32Array(CUT_ROWS), rows: 0 };
        if (key === 'HORIZONTAL') horizontal = block;
        else vertical = block;
        open = block;
        break;
      }
    }
  }

  if (open) {
    fail(lastLine, `${open.kind} block (line ${open.headerLine}) ended after ${open.rows} of ${CUT_ROWS} rows at end of file`);
  }
  if (!horizontal) fail(lastLine, 'no HORIZONTAL block (expected "HORIZONTAL 360" followed by 360 rows "<angle> <loss>")');
  if (gainValue === null) fail(lastLine, 'no GAIN line: the maximum gain is unknown (expected "GAIN <value> [dBd|dBi]")');
  const h = horizontal;
  const v = vertical;
  const gain = gainValue;

  let verticalPeakDeg: number | null = null;
  if (v) {
    // Front half of the vertical cut: 270…359 (above horizon) and 0…90 (below).
    let best = Infinity;
    for (let d = -90; d <= 90; d++) {
      const loss = v.loss[(d + 360) % 360];
      if (loss < best) {
        best = loss;
        verticalPeakDeg = d;
      }
    }
  } else {
    warnings.push('no VERTICAL block: the vertical pattern is taken as flat (0 dB loss at every elevation)');
  }
  if (tiltDeg === null && verticalPeakDeg !== null) {
    if (tiltType === 'electrical') {
      warnings.push(`TILT ELECTRICAL without a value: the vertical cut peaks at ${verticalPeakDeg}° below horizontal, taken as the pattern's built-in tilt`);
    } else if (verticalPeakDeg !== 0) {
      warnings.push(`no TILT value: the vertical cut peaks at ${verticalPeakDeg}° below horizontal, taken as the pattern's built-in tilt`);
    }
  }

  return {
    fileName,
    name: name ?? bareFirstLine ?? fileName,
    make,
    frequencyText,
    frequencyMHz,
    hBeamwidthDeg,
    vBeamwidthDeg,
    frontToBackDb,
    gainValue: gain,
    gainUnit,
    maxGainDbi: gainUnit === 'dBd' ? gain + DBD_TO_DBI_DB : gain,
    tiltType,
    tiltDeg,
    verticalPeakDeg,
    polarization,
    comment,
    horizontalLossDb: h.loss,
    verticalLossDb: v ? v.loss : null,
    otherFields,
    warnings,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Loss of one 360-sample cut at any angle, dB: linear in dB between the 1° samples, wrapping
 * 359° → 0°. Allocation-free.
 * @param cutLossDb - 360 losses, index = angle in degrees
 * @param angleDeg - any finite angle, degrees
 */
export function cutLossDb(cutLossDb: Float64Array, angleDeg: number): number {
  let a = angleDeg % 360;
  if (a < 0) a += 360;
  if (a >= 360) a -= 360;
  const i0 = Math.floor(a);
  const t = a - i0;
  const i1 = i0 === 359 ? 0 : i0 + 1;
  const l0 = cutLossDb[i0];
  return l0 + t * (cutLossDb[i1] - l0);
}

/**
 * Loss of a measured pattern toward a direction in the antenna frame, dB (0 ≤ loss ≤ capDb):
 * `min(L_H(φ) + L_V(ψ), capDb)`. Allocation-free, no validation, for hot loops.
 * @param horizontalLossDb - 360 horizontal losses
 * @param verticalLossDb - 360 vertical losses (all zeros for a file without a VERTICAL block)
 * @param azimuthOffDeg - clockwise angle off boresight φ, degrees
 * @param elevDownDeg - angle below the antenna's horizontal ψ, degrees
 * @param capDb - largest loss the pattern may take (see {@link MsiPattern.capDb})
 */
export function msiLossDb(horizontalLossDb: Float64Array, verticalLossDb: Float64Array, azimuthOffDeg: number, elevDownDeg: number, capDb: number): number {
  const lossDb = cutLossDb(horizontalLossDb, azimuthOffDeg) + cutLossDb(verticalLossDb, elevDownDeg);
  return lossDb > capDb ? capDb : lossDb;
}

/** A parsed MSI file as an {@link AntennaPattern}. */
export class MsiPattern implements AntennaPattern {
  readonly kind = 'msi' as const;
  readonly maxGainDbi: number;
  /** The file's TILT value, else the measured vertical peak, else 0; degrees downward. */
  readonly builtInTiltDeg: number;
  readonly horizontalLossDb: Float64Array;
  /** The file's vertical cut, or 360 zeros when it has none. */
  readonly verticalLossDb: Float64Array;
  /** Largest loss in either cut, dB: the floor of the combined pattern. */
  readonly capDb: number;
  readonly file: AntennaPatternFile;

  constructor(file: AntennaPatternFile) {
    this.file = file;
    this.maxGainDbi = file.maxGainDbi;
    this.builtInTiltDeg = file.tiltDeg ?? file.verticalPeakDeg ?? 0;
    this.horizontalLossDb = file.horizontalLossDb;
    this.verticalLossDb = file.verticalLossDb ?? new Float64Array(CUT_ROWS);
    let cap = 0;
    for (let i = 0; i < CUT_ROWS; i++) {
      if (this.horizontalLossDb[i] > cap) cap = this.horizontalLossDb[i];
      if (this.verticalLossDb[i] > cap) cap = this.verticalLossDb[i];
    }
    this.capDb = cap;
  }

  /** G_max − interpolated loss toward (φ, ψ) in the antenna frame, dBi. */
  gainDbi(azimuthOffDeg: number, elevDownDeg: number): number {
    requireFinite('azimuthOffDeg', azimuthOffDeg);
    requireFinite('elevDownDeg', elevDownDeg);
    return this.maxGainDbi - msiLossDb(this.horizontalLossDb, this.verticalLossDb, azimuthOffDeg, elevDownDeg, this.capDb);
  }
}

/** Parses a file and wraps it as a pattern in one step. */
export function msiPatternFromText(text: string, fileName: string): MsiPattern {
  return new MsiPattern(parseMsi(text, fileName));
}
