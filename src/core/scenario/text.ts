/**
 * Text that came from a file, a link or a stored record and will be shown to a user: site,
 * network, scenario and commune names, descriptions. Every door into a scenario (file, share
 * link, autosave, CSV / GeoJSON import, boundary files) passes names through
 * {@link sanitizeText} so that what is displayed is what is stored.
 *
 * Removed: every Unicode *format* character (general category Cf). They are invisible by
 * definition and are what display spoofing uses: the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that make "gnoL hnĩV" read as "Vĩnh Long", the zero-width
 * space / non-joiner / joiner (U+200B–U+200D), the directional marks (U+200E, U+200F, U+061C),
 * the word joiner and invisible operators (U+2060–U+2064), the byte-order mark U+FEFF, the soft
 * hyphen U+00AD and the tag characters U+E0000–U+E007F.
 *
 * Replaced by a space: the other control characters (C0 except TAB, LF and CR; DEL; C1). Line
 * breaks are kept: a quoted CSV field may hold a two-line site name, and the import has always
 * kept it.
 *
 * The result is in Unicode NFC, so a Vietnamese name typed with combining diacritics (NFD, as
 * some macOS exports write it) compares equal to the precomposed one. Visible characters,
 * diacritics (combining marks are category Mn, not Cf) and letters of every script are kept.
 */

const FORMAT_CHARS = /\p{Cf}/gu;
/** Controls (category Cc: C0, DEL, C1) except TAB, LF and CR. */
const CONTROLS = /(?![\t\n\r])\p{Cc}/gu;

/**
 * Display text with invisible format characters removed and controls (other than TAB, LF, CR)
 * turned into spaces, in NFC. Surrounding spaces are kept (trimming is the field rules' job).
 * Idempotent: `sanitizeText(sanitizeText(s)) === sanitizeText(s)`.
 * @example sanitizeText('Tr\u202Eạm 1') // → 'Trạm 1'
 */
export function sanitizeText(text: string): string {
  return text.replace(FORMAT_CHARS, '').replace(CONTROLS, ' ').normalize('NFC');
}

/** True when `text` holds a NUL character (U+0000): binary data, or UTF-16 read as UTF-8. */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * A value as it may be quoted in a message: JSON text of a primitive (strings shortened to
 * `max` characters and sanitised, so a message never carries a bidi override or a megabyte of
 * text), or the JSON kind of anything else ("a list", "an object"). Never throws, never calls
 * `toString` on an object (a JSON object with a `toString` key would make `String()` throw).
 * @example describeValue(123) // → 'the number 123'
 */
export function describeValue(value: unknown, max = 40): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `the text ${quoteShort(value, max)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `"…"`: a string in JSON quotes, sanitised, shortened to `max` characters with "...". */
export function quoteShort(text: string, max = 40): string {
  const clean = sanitizeText(text.length > max * 4 ? text.slice(0, max * 4) : text);
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max - 3)}...` : clean);
}
