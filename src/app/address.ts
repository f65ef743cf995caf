/**
 * What the address asks for (`?cell=`, `?scenario=bench&sites=`, `?autosave=off`,
 * `?carriers=all`), checked: a value the app cannot use is named in a message and the default
 * kept, never silently ignored nor allowed to take the tab down.
 */
import type { MessageKey } from '../i18n/i18n.ts';

/** Cell sizes the app offers, m. */
export const CELL_SIZES_M = [25, 50, 100, 200, 500] as const;
/** Most sites of the SYNTHETIC bench network (the admitted scenario limit is far above what a tab computes). */
export const MAX_BENCH_SITES = 5000;
const DEFAULT_BENCH_SITES = 400;

export interface AddressParams {
  readonly autosave: boolean;
  /** `?scenario=bench&sites=N`: the SYNTHETIC province-wide bench network (bench/browser.ts). */
  readonly bench: number | null;
  readonly cellSizeM: number | null;
  readonly allCarriers: boolean;
  /** `?ground=off`: the coverage on uniform ground (no clutter classes, flat earth). */
  readonly useGround: boolean;
  /** Values refused, as dictionary messages. */
  readonly problems: readonly { readonly key: MessageKey; readonly params: Record<string, string | number> }[];
}

export function readAddress(search: string): AddressParams {
  const p = new URLSearchParams(search);
  const problems: { key: MessageKey; params: Record<string, string | number> }[] = [];
  let cellSizeM: number | null = null;
  const cell = p.get('cell');
  if (cell !== null) {
    const v = Number(cell);
    if ((CELL_SIZES_M as readonly number[]).includes(v)) cellSizeM = v;
    else problems.push({ key: 'addressCell', params: { value: cell.slice(0, 40), sizes: CELL_SIZES_M.join(', ') } });
  }
  let bench: number | null = null;
  if (p.get('scenario') === 'bench') {
    const raw = p.get('sites');
    const v = raw === null ? DEFAULT_BENCH_SITES : Number(raw);
    if (Number.isInteger(v) && v >= 1 && v <= MAX_BENCH_SITES) bench = v;
    else {
      bench = Number.isFinite(v) && v > MAX_BENCH_SITES ? MAX_BENCH_SITES : DEFAULT_BENCH_SITES;
      problems.push({ key: 'addressBenchSites', params: { value: String(raw).slice(0, 40), max: MAX_BENCH_SITES, used: bench } });
    }
  }
  return { autosave: p.get('autosave') !== 'off', bench, cellSizeM, allCarriers: p.get('carriers') === 'all', useGround: p.get('ground') !== 'off', problems };
}
