/**
 * Distribution of a layer over an area (the province or one commune): counts in fixed bins,
 * the cells without service, and the cumulative share — the histogram and CDF the planner
 * reads to see how much of an area sits near a threshold. One pass, counts in a typed array.
 */
import type { CommuneLabels } from './commune-stats.ts';
import type { BinSpec } from '../coverage/layer-registry.ts';

export type { BinSpec } from '../coverage/layer-registry.ts';

export interface Distribution {
  readonly bins: BinSpec;
  /** Cells per bin (values clamped into the first / last bin). */
  readonly counts: Uint32Array;
  /** Cells of the area with no value (no service). */
  readonly noService: number;
  /** All cells of the area (served + no service). */
  readonly cells: number;
  /**
   * Share of the area's cells at or below each bin's upper edge (no-service cells count as the
   * lowest values, so the CDF starts at noService / cells).
   */
  readonly cdf: Float64Array;
}

/**
 * @param values - the layer (row-major grid, NaN = no service)
 * @param labels - commune label per cell (communeLabelGrid), −1 outside every commune
 * @param area - a commune index, or −1 for every labelled cell (the province)
 * @example distribution(rsrp, labels, -1, layerDef('rsrp').bins).cdf.at(-1) // → 1
 */
export function distribution(values: ArrayLike<number>, labels: CommuneLabels, area: number, bins: BinSpec): Distribution {
  const n = Math.max(1, Math.round((bins.max - bins.min) / bins.step));
  const counts = new Uint32Array(n);
  let noService = 0;
  let cells = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l < 0 || (area >= 0 && l !== area)) continue;
    cells++;
    const v = values[i];
    if (!(v === v)) {
      noService++;
      continue;
    }
    let k = Math.floor((v - bins.min) / bins.step);
    if (k < 0) k = 0;
    else if (k >= n) k = n - 1;
    counts[k]++;
  }
  const cdf = new Float64Array(n);
  let acc = noService;
  for (let k = 0; k < n; k++) {
    acc += counts[k];
    cdf[k] = cells ? acc / cells : 0;
  }
  return { bins, counts, noService, cells, cdf };
}
