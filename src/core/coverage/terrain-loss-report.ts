/**
 * What the app shows about the terrain term of a coverage (terrain-loss.ts): per terrain map
 * (one per site, frequency and antenna height), the sectors it serves and ITM's validity
 * warnings over its cells — which ranges (distance, heights, frequency, horizon geometry) the
 * paths left. Pure data; the words are the dictionary's (src/i18n/terrain.*.ts).
 */
import { itmWarningMessages } from '../itm/codes.ts';
import type { Scene } from './scene.ts';
import { sceneTerrainMode, terrainSpecOf, type TerrainMapSummary, type TerrainMode } from './terrain-loss.ts';

/** ITM's warning bits, in the order the dictionary names them (src/core/itm/codes.ts). */
export const ITM_WARNING_BITS: readonly number[] = [0x0001, 0x0002, 0x0004, 0x0008, 0x0010, 0x0020, 0x0040, 0x0080, 0x0100, 0x0200, 0x0400, 0x0800, 0x1000, 0x2000, 0x4000];

export interface TerrainReportItem {
  readonly key: string;
  /** Site id, the sectors' ids using the map, frequency (MHz) and antenna height (m). */
  readonly siteId: string;
  readonly sectorIds: readonly string[];
  readonly freqMHz: number;
  readonly heightM: number;
  /** ITM warning bits OR-ed over the map's cells, the cells that raised one, the cells computed. */
  readonly warnings: number;
  readonly warnedCells: number;
  readonly cells: number;
  /** An ITM input error (e.g. `ITM error 1001`), or null. */
  readonly error: string | null;
}

export interface TerrainReport {
  readonly mode: TerrainMode;
  readonly items: readonly TerrainReportItem[];
  /** Maps the scene uses whose summary was not available (computed where needed, e.g. during a drag). */
  readonly unknown: number;
}

/** The report of a scene from its maps' summaries (by key); null when the scene computes without terrain. */
export function terrainReport(scene: Scene, summaries: ReadonlyMap<string, TerrainMapSummary>): TerrainReport | null {
  const mode = sceneTerrainMode(scene);
  if (mode === 'off') return null;
  const items = new Map<string, TerrainReportItem & { sectorIds: string[] }>();
  let unknown = 0;
  for (const s of scene.sectors) {
    const spec = terrainSpecOf(scene, s)!;
    const it = items.get(spec.key);
    if (it) {
      it.sectorIds.push(s.id);
      continue;
    }
    const m = summaries.get(spec.key);
    if (!m) {
      unknown++;
      continue;
    }
    items.set(spec.key, { key: spec.key, siteId: s.siteId, sectorIds: [s.id], freqMHz: s.freqMHz, heightM: s.heightM, warnings: m.warnings, warnedCells: m.warnedCells, cells: m.cells, error: m.error });
  }
  return { mode, items: [...items.values()], unknown };
}

/** English lines of a report (the command line, logs): one per map with warnings or an error. */
export function terrainReportLines(r: TerrainReport): string[] {
  return r.items.filter((i) => i.warnings !== 0 || i.error).map((i) => {
    const what = i.error ?? itmWarningMessages(i.warnings).join('; ');
    return `ITM, site ${i.siteId} (${i.sectorIds.join(', ')}), ${i.freqMHz} MHz, antenna ${i.heightM} m: ${what} (${i.warnedCells} of ${i.cells} cells)`;
  });
}
