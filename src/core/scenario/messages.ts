/**
 * The validation messages of the field rules (fields.ts), language-neutral: a
 * {@link ValidationMessage} is a key plus parameters, and {@link VALIDATION_MESSAGES} holds the
 * Vietnamese and English text of every key with `{name}` placeholders, the convention of
 * `src/i18n/i18n.ts` (`t(key, params)`). fields.ts re-exports everything here.
 */

/** Vietnamese text of every validation message; `{name}` placeholders as in src/i18n. */
const VI = {
  valRequired: 'bắt buộc phải nhập giá trị',
  valNotNumber: '"{value}" không phải là một số',
  valNotInteger: 'phải là số nguyên, nhận được {value}',
  valNotText: 'phải là một chuỗi ký tự',
  valTextTooLong: 'tối đa {max} ký tự, nhận được {length}',
  valRangeClosed: 'phải từ {min} đến {max}{unit}, nhận được {value}',
  valRangeOpen: 'phải lớn hơn {min} và nhỏ hơn {max}{unit}, nhận được {value}',
  valRangeHalfOpen: 'phải lớn hơn hoặc bằng {min} và nhỏ hơn {max}{unit}, nhận được {value}',
  valRangeOpenClosed: 'phải lớn hơn {min} và không quá {max}{unit}, nhận được {value}',
  valHeightUnits: '{value} m không phải là độ cao ăn-ten hợp lý (phải nhỏ hơn {max} m): có phải đã nhập theo xentimét ({cm} m) hoặc milimét ({mm} m)?',
  valNotOneOf: '"{value}" không thuộc các giá trị cho phép: {allowed}',
  valIdFormat: 'mã "{value}" phải gồm 1–64 chữ cái, chữ số, "-", "_" hoặc "." (không có khoảng trắng)',
  valDuplicateId: 'mã "{value}" bị trùng',
  valIdExists: 'mã trạm "{value}" đã có trong kịch bản',
  valNoSectors: 'trạm phải có ít nhất một sector',
  valUnknownBand: 'băng tần "{value}" không có trong bảng băng tần ({allowed})',
  valBandTech: 'băng tần {band} là băng {bandTech}, không dùng cho sóng mang {tech}',
  valFreqOutsideBand: 'tần số trung tâm {value} MHz nằm ngoài dải đường xuống của băng {band} ({low}–{high} MHz)',
  valFreqLooksGHz: 'tần số trung tâm {value} MHz nằm ngoài băng {band} ({low}–{high} MHz): có phải đã nhập theo GHz ({mhz} MHz)?',
  valChannelOutsideBand: 'kênh {bandwidth} MHz có tâm {value} MHz trải từ {lowEdge} đến {highEdge} MHz, vượt ra ngoài băng {band} ({low}–{high} MHz)',
  valBandwidth: '{value} MHz không phải là độ rộng kênh {tech} hợp lệ với khoảng cách sóng mang con {scs} kHz (hợp lệ: {allowed} MHz)',
  valScs: 'khoảng cách sóng mang con của {tech} phải là {allowed} kHz, nhận được {value}',
  valUnknownModel: 'không có mô hình suy hao "{value}" (có: {allowed})',
  valUnknownCarrier: 'không có sóng mang "{value}" trong kịch bản',
  valLatLonSwapped: 'vĩ độ {lat} và kinh độ {lon} có vẻ bị đảo ngược',
  valSwappedInside: '({lat}, {lon}) nằm ngoài tỉnh; nếu đảo vĩ độ và kinh độ thì điểm nằm trong tỉnh',
  valOutsideProvince: '({lat}, {lon}) nằm ngoài tỉnh',
  valInconsistentSite: 'trạm {site} đã khai báo ở dòng {firstRow} với {column} = "{first}", ở đây là "{value}"',
  valCarrierConflict: 'sóng mang "{value}" đã có với thông số khác ({existing})',
  valCarrierMissing: 'cần carrier_id của một sóng mang có sẵn, hoặc band, freq_mhz và bandwidth_mhz',
  valFieldCount: 'dòng có {found} cột, dòng tiêu đề có {expected} cột',
  valNotPoint: 'hình học phải là Point [kinh độ, vĩ độ], nhận được {value}',
  valNotScalar: 'phải là một giá trị đơn (chữ hoặc số), không phải danh sách hay đối tượng',
  valNulChar: 'chứa ký tự NUL (U+0000): dữ liệu nhị phân, không phải văn bản',
  valTooManySectors: 'trạm {site} có {count} sector, vượt quá {max}',
} as const;

export type ValidationMessageKey = keyof typeof VI;

/** English text of every validation message. */
const EN: Record<ValidationMessageKey, string> = {
  valRequired: 'a value is required',
  valNotNumber: '"{value}" is not a number',
  valNotInteger: 'must be a whole number, got {value}',
  valNotText: 'must be text',
  valTextTooLong: 'must be at most {max} characters, got {length}',
  valRangeClosed: 'must be from {min} to {max}{unit}, got {value}',
  valRangeOpen: 'must be greater than {min} and less than {max}{unit}, got {value}',
  valRangeHalfOpen: 'must be at least {min} and less than {max}{unit}, got {value}',
  valRangeOpenClosed: 'must be greater than {min} and at most {max}{unit}, got {value}',
  valHeightUnits: '{value} m is not a plausible antenna height (must be less than {max} m): was it entered in centimetres ({cm} m) or millimetres ({mm} m)?',
  valNotOneOf: '"{value}" is not one of {allowed}',
  valIdFormat: 'id "{value}" must be 1–64 letters, digits, "-", "_" or "." (no spaces)',
  valDuplicateId: 'id "{value}" is used twice',
  valIdExists: 'site id "{value}" already exists in the scenario',
  valNoSectors: 'a site needs at least one sector',
  valUnknownBand: 'band "{value}" is not in the band table ({allowed})',
  valBandTech: 'band {band} is an {bandTech} band, not usable for an {tech} carrier',
  valFreqOutsideBand: 'centre frequency {value} MHz is outside the downlink range of band {band} ({low}–{high} MHz)',
  valFreqLooksGHz: 'centre frequency {value} MHz is outside band {band} ({low}–{high} MHz): was it entered in GHz ({mhz} MHz)?',
  valChannelOutsideBand: 'a {bandwidth} MHz channel centred at {value} MHz spans {lowEdge}–{highEdge} MHz, beyond band {band} ({low}–{high} MHz)',
  valBandwidth: '{value} MHz is not a valid {tech} channel bandwidth at {scs} kHz subcarrier spacing (valid: {allowed} MHz)',
  valScs: '{tech} subcarrier spacing must be {allowed} kHz, got {value}',
  valUnknownModel: 'unknown path-loss model "{value}" (known: {allowed})',
  valUnknownCarrier: 'no carrier "{value}" in the scenario',
  valLatLonSwapped: 'latitude {lat} and longitude {lon} look swapped',
  valSwappedInside: '({lat}, {lon}) is outside the province; with latitude and longitude swapped it would be inside',
  valOutsideProvince: '({lat}, {lon}) is outside the province',
  valInconsistentSite: 'site {site} is defined on row {firstRow} with {column} = "{first}", here "{value}"',
  valCarrierConflict: 'carrier "{value}" already exists with other parameters ({existing})',
  valCarrierMissing: 'give carrier_id of an existing carrier, or band, freq_mhz and bandwidth_mhz',
  valFieldCount: 'the row has {found} fields, the header has {expected}',
  valNotPoint: 'geometry must be a Point [longitude, latitude], got {value}',
  valNotScalar: 'must be a single value (text or a number), not a list or an object',
  valNulChar: 'contains a NUL character (U+0000): binary data, not text',
  valTooManySectors: 'site {site} has {count} sectors, more than the {max} a site may have',
};

/** Dictionaries for the UI: `{ ...vi, ...VALIDATION_MESSAGES.vi }`, then `t(m.key, m.params)`. */
export const VALIDATION_MESSAGES: { readonly vi: Readonly<Record<ValidationMessageKey, string>>; readonly en: Readonly<Record<ValidationMessageKey, string>> } = { vi: VI, en: EN };

export type MessageParams = Readonly<Record<string, string | number>>;

/** A language-neutral validation message: dictionary key and its placeholder values. */
export interface ValidationMessage {
  readonly key: ValidationMessageKey;
  readonly params: MessageParams;
}

/**
 * The message in one language, placeholders replaced by `String(value)` (no locale number
 * formatting; the UI's `t()` formats numbers for its language).
 */
export function formatValidationMessage(message: ValidationMessage, lang: 'vi' | 'en' = 'en'): string {
  // One pass: a value that itself holds "{max}" (a user's cell) is not substituted again.
  const params = message.params;
  return VALIDATION_MESSAGES[lang][message.key].replace(/\{(\w+)\}/g, (whole, k: string) => (Object.prototype.hasOwnProperty.call(params, k) ? String(params[k]) : whole));
}

export function msg(key: ValidationMessageKey, params: MessageParams = {}): ValidationMessage {
  return { key, params };
}
