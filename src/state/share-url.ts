/**
 * Sharing a small scenario as a link: the scenario JSON, deflated (CompressionStream
 * `deflate-raw`, RFC 1951) and written in base64url (RFC 4648 §5), goes in the URL fragment
 * `#s=…`. A fragment never reaches a server, so the scenario stays between the two users.
 *
 * Links longer than {@link SHARE_URL_MAX_CHARS} (8,000) characters are refused with the number
 * of sites that would fit: longer URLs are cut by some browsers, chat apps and mail clients
 * (8,000 is the minimum RFC 9110 §4.1 recommends that clients and servers support). Measured:
 * the sample network's 3-sector macro sites (each with its own azimuths) cost about 65
 * characters each, so about 120 fit; sites from one template compress further (about 125
 * six-sector LTE + NR macros, 280 small cells). A link carries a district, not the province.
 *
 * Decoding never trusts the link: the decompressed size is capped, the JSON goes through the
 * scenario gate (src/core/scenario/admit.ts: nesting and size limits, schema migration,
 * structure, ids, service areas, then the field rules), and invalid sites are reported like
 * those of a file.
 */
import type { InsideTest, Scenario, ScenarioCheck } from '../core/scenario/scenario.ts';
import { admitScenarioText } from '../core/scenario/admit.ts';

export const SHARE_URL_MAX_CHARS = 8000;
/** Name used in problems about a shared scenario. */
export const SHARED_LINK_NAME = 'shared link';
/** Decompressed JSON larger than this is refused (a hostile link cannot fill the memory). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

export class ShareUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareUrlError';
  }
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, maxBytes = Infinity): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ShareUrlError(`the shared scenario is larger than ${maxBytes} bytes once unpacked`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of {@link toBase64Url}; padding optional. @throws ShareUrlError for other characters */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) throw new ShareUrlError('the link is damaged (not base64url)');
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment `#s=<base64url(deflate-raw(JSON))>` of a scenario, whatever its length. */
export async function encodeScenarioFragment(scenario: Scenario): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `#s=${toBase64Url(await pipeBytes(json, new CompressionStream('deflate-raw')))}`;
}

/** `baseUrl` without its fragment. */
const withoutFragment = (baseUrl: string): string => baseUrl.split('#')[0];

/**
 * How many of the scenario's sites (the first k, in order) fit in a link on `baseUrl`
 * (binary search over encoded prefixes; compression makes the size only nearly monotonic, so
 * the answer is exact for the prefixes tried).
 */
export async function sitesThatFit(scenario: Scenario, baseUrl: string, maxChars = SHARE_URL_MAX_CHARS): Promise<number> {
  const base = withoutFragment(baseUrl).length;
  const fits = async (k: number) => base + (await encodeScenarioFragment({ ...scenario, sites: scenario.sites.slice(0, k) })).length <= maxChars;
  if (!(await fits(0))) return 0;
  let lo = 0;
  let hi = scenario.sites.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The share link: `baseUrl` (its own fragment dropped) + `#s=…`.
 * @throws ShareUrlError when the link would exceed `maxChars`, saying how long it would be and
 *   how many of the sites fit
 */
export async function buildShareUrl(scenario: Scenario, baseUrl: string, maxChars = SHARE_URL_MAX_CHARS): Promise<string> {
  const url = withoutFragment(baseUrl) + (await encodeScenarioFragment(scenario));
  if (url.length <= maxChars) return url;
  const fit = await sitesThatFit(scenario, baseUrl, maxChars);
  throw new ShareUrlError(
    `the link would be ${url.length} characters, more than the ${maxChars} that browsers and messaging apps reliably keep; ` +
      `${fit} of the scenario's ${scenario.sites.length} sites would fit. Save the scenario as a file to share it whole.`,
  );
}

export interface DecodeOptions {
  readonly inside?: InsideTest;
  readonly knownModelIds?: readonly string[];
}

/**
 * Reads the scenario of a link's fragment (`location.hash`, with or without `#`; other `&`
 * parameters are ignored). Returns null when the fragment has no `s=`.
 * @throws ShareUrlError for a damaged link, ScenarioFileError (named "shared link"; a
 *   ScenarioFieldError names the field's path) for a scenario the gate refuses; invalid sites
 *   are dropped and listed in `problems`
 */
export async function decodeScenarioFragment(fragment: string, options: DecodeOptions = {}): Promise<ScenarioCheck | null> {
  const payload = new URLSearchParams(fragment.replace(/^#/, '')).get('s');
  if (payload === null) return null;
  if (payload === '') throw new ShareUrlError('the link has an empty scenario (#s=)');
  let bytes: Uint8Array;
  try {
    bytes = await pipeBytes(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
  } catch (e) {
    if (e instanceof ShareUrlError) throw e;
    throw new ShareUrlError(`the link is damaged (the scenario cannot be unpacked: ${(e as Error).message})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ShareUrlError('the link is damaged (the scenario is not UTF-8 text)');
  }
  return admitScenarioText(text, SHARED_LINK_NAME, { inside: options.inside, knownModelIds: options.knownModelIds });
}
