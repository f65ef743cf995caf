/**
 * Problems found while importing and associating drive-test measurements, as language-neutral
 * messages (a key plus parameters, the convention of src/core/scenario/fields.ts and
 * src/i18n): the UI spreads {@link MEASUREMENT_MESSAGES}`.vi` / `.en` into its dictionaries and
 * calls `t(m.key, m.params)`; the command line and tests call {@link formatMeasurementMessage}.
 * A {@link MeasurementProblem} has the shape of the site import's `ImportProblem` (row, column,
 * reason, message) plus the canonical field and whether the row was left out.
 */
import type { MessageParams } from '../scenario/fields.ts';

const VI = {
  measRequired: 'thiếu giá trị (cột bắt buộc)',
  measNotNumber: '"{value}" không phải là một số',
  measNaN: '"{value}" (NaN) không phải là giá trị đo',
  measNotInteger: 'phải là số nguyên, nhận được {value}',
  measRsrpRange: 'RSRP {value} dBm nằm ngoài khoảng {min}…{max} dBm',
  measRsrpSign: 'RSRP {value} dBm nằm ngoài khoảng {min}…{max} dBm: có phải thiếu dấu trừ ({negated} dBm)?',
  measLatRange: 'vĩ độ {value} nằm ngoài khoảng −90…90',
  measLonRange: 'kinh độ {value} nằm ngoài khoảng −180…180',
  measLatLonSwapped: 'vĩ độ {lat} và kinh độ {lon} có vẻ bị đảo ngược',
  measSwappedInside: '({lat}, {lon}) nằm ngoài vùng đo; nếu đảo vĩ độ và kinh độ thì điểm nằm trong vùng',
  measNoFix: '(0, 0): thiết bị chưa có vị trí GPS',
  measOutsideBBox: '({lat}, {lon}) nằm ngoài vùng đo dự kiến ({west}…{east} °E, {south}…{north} °N)',
  measOutsideArea: '({lat}, {lon}) nằm ngoài vùng nghiên cứu',
  measFieldCount: 'dòng có {found} cột, dòng tiêu đề có {expected} cột',
  measNotPoint: 'hình học phải là Point [kinh độ, vĩ độ], nhận được {value}',
  measPciRange: 'PCI {value} nằm ngoài khoảng 0…1007 (giá trị bị bỏ qua)',
  measChannelRange: '{value} không phải là số kênh {kind} hợp lệ (0…{max}) (giá trị bị bỏ qua)',
  measTime: '"{value}" không phải là ngày giờ (ISO 8601, hoặc số giây / mili giây từ 1970) (giá trị bị bỏ qua)',
  measQualityRange: '{value} dB nằm ngoài khoảng {min}…{max} dB (giá trị bị bỏ qua)',
  measOutsideGrid: 'điểm nằm ngoài lưới tính toán',
  measNoClutter: 'không có lớp địa vật (clutter) tại điểm này',
  measCellIdNoSector: 'mã cell "{value}" không khớp với sector nào của kịch bản',
  measPciNoSector: 'PCI {value}{channel} không khớp với sector nào của kịch bản',
  measNoServer: 'không có sector nào được dự đoán phục vụ điểm này',
  measTooFar: 'sector phục vụ {sector} cách điểm {distanceKm} km (quá {maxKm} km)',
  measNoPrediction: 'không có giá trị dự đoán cho sector {sector} tại điểm này',
} as const;

export type MeasurementMessageKey = keyof typeof VI;

const EN: Record<MeasurementMessageKey, string> = {
  measRequired: 'a value is required (required column)',
  measNotNumber: '"{value}" is not a number',
  measNaN: '"{value}" (NaN) is not a measured value',
  measNotInteger: 'must be a whole number, got {value}',
  measRsrpRange: 'RSRP {value} dBm is outside {min}…{max} dBm',
  measRsrpSign: 'RSRP {value} dBm is outside {min}…{max} dBm: a missing minus sign ({negated} dBm)?',
  measLatRange: 'latitude {value} is outside −90…90',
  measLonRange: 'longitude {value} is outside −180…180',
  measLatLonSwapped: 'latitude {lat} and longitude {lon} look swapped',
  measSwappedInside: '({lat}, {lon}) is outside the measured area; with latitude and longitude swapped it would be inside',
  measNoFix: '(0, 0): the device had no GPS position',
  measOutsideBBox: '({lat}, {lon}) is outside the expected area ({west}…{east} °E, {south}…{north} °N)',
  measOutsideArea: '({lat}, {lon}) is outside the study area',
  measFieldCount: 'the row has {found} fields, the header has {expected}',
  measNotPoint: 'geometry must be a Point [longitude, latitude], got {value}',
  measPciRange: 'PCI {value} is outside 0…1007 (value ignored)',
  measChannelRange: '{value} is not a valid {kind} (0…{max}) (value ignored)',
  measTime: '"{value}" is not a date and time (ISO 8601, or seconds / milliseconds since 1970) (value ignored)',
  measQualityRange: '{value} dB is outside {min}…{max} dB (value ignored)',
  measOutsideGrid: 'the point is outside the computation grid',
  measNoClutter: 'no clutter class at this point',
  measCellIdNoSector: 'cell id "{value}" matches no sector of the scenario',
  measPciNoSector: 'PCI {value}{channel} matches no sector of the scenario',
  measNoServer: 'no sector is predicted to serve this point',
  measTooFar: 'the serving sector {sector} is {distanceKm} km away (more than {maxKm} km)',
  measNoPrediction: 'no predicted value of sector {sector} at this point',
};

/** Dictionaries for the UI: `{ ...vi, ...MEASUREMENT_MESSAGES.vi }`, then `t(m.key, m.params)`. */
export const MEASUREMENT_MESSAGES: { readonly vi: Readonly<Record<MeasurementMessageKey, string>>; readonly en: Readonly<Record<MeasurementMessageKey, string>> } = { vi: VI, en: EN };

/** A language-neutral message: dictionary key and its placeholder values. */
export interface MeasurementMessage {
  readonly key: MeasurementMessageKey;
  readonly params: MessageParams;
}

/** The message in one language, placeholders replaced by `String(value)`. */
export function formatMeasurementMessage(message: MeasurementMessage, lang: 'vi' | 'en' = 'en'): string {
  let s: string = MEASUREMENT_MESSAGES[lang][message.key];
  for (const [k, v] of Object.entries(message.params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/**
 * One problem of one row. `dropped` says whether the row was left out (a required value is bad,
 * or the point cannot be associated) or only the named optional value was ignored.
 */
export interface MeasurementProblem {
  /** File line of the row (header = its own line; comment and blank lines counted), or GeoJSON feature number (1 = first). */
  readonly row: number;
  /** Column as written in the file's header (`geometry` for a GeoJSON point), or null for the whole row. */
  readonly column: string | null;
  /** Canonical field (`lat`, `rsrp`, …), or null for the whole row. */
  readonly field: string | null;
  /** English text of {@link message}. */
  readonly reason: string;
  readonly message: MeasurementMessage;
  readonly dropped: boolean;
}

/** A problem record with its English reason filled in. */
export function measurementProblem(row: number, column: string | null, field: string | null, key: MeasurementMessageKey, params: MessageParams, dropped: boolean): MeasurementProblem {
  const message = { key, params };
  return { row, column, field, reason: formatMeasurementMessage(message, 'en'), message, dropped };
}

/** A file that cannot be read as measurements at all; the message starts with the file name. */
export class MeasurementFileError extends Error {
  readonly fileName: string;
  /** When the header lacks a required column (or names one that is not there): the header as written, for a column-mapping form. */
  readonly header?: readonly string[];
  /** The required fields without a column (canonical names: `lat`, `lon`, `rsrp`). */
  readonly missing?: readonly string[];
  constructor(fileName: string, message: string, columns?: { readonly header: readonly string[]; readonly missing: readonly string[] }) {
    super(`${fileName}: ${message}`);
    this.name = 'MeasurementFileError';
    this.fileName = fileName;
    if (columns) {
      this.header = columns.header;
      this.missing = columns.missing;
    }
  }
}
