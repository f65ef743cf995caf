/**
 * Which scenario edits the engine can merge into computed layers instead of recomputing the
 * network (EngineCore.beginEdit / editTiles), and how:
 *
 *  - one site changed (moved, turned, tilted, re-powered…) with the same sectors: its sectors
 *    are replaced in place (same indices);
 *  - sites added at the end of the list (a placed, duplicated or imported site): the new sectors
 *    are "replacements" of nothing, with the indices they get in the new scene (after the last);
 *  - one site removed: its sectors are replaced by nothing, and afterwards every best-server
 *    index above them moves down by their count ({@link remapServerAfterRemoval}).
 *
 * Anything else (carriers or UE height changed, several sites edited at once, a site that
 * gained or lost sectors) returns null: a full recompute. Pure: no DOM, no workers.
 */
import type { Scenario } from '../scenario/scenario.ts';
import type { EngineSector, Scene } from './scene.ts';

export interface IncrementalEdit {
  readonly kind: 'change' | 'add' | 'remove';
  /** Site ids concerned (for messages). */
  readonly siteIds: readonly string[];
  /** Sectors of the computed scene taken out (scene indices). */
  readonly excluded: readonly number[];
  /** Sectors put in, with their indices (in place, or after the scene's last). */
  readonly replacements: readonly EngineSector[];
  /** After a removal: best-server indices ≥ first + count move down by count. */
  readonly removed?: { readonly first: number; readonly count: number };
}

/** Same value: the same object, or equal JSON (a scenario opened from a file has new objects). */
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

const sameIds = (a: readonly EngineSector[], b: readonly EngineSector[]) => a.length === b.length && a.every((s, i) => s.id === b[i].id && s.siteId === b[i].siteId);

/**
 * The merge that turns `scene` (computed from `prev`) into `nextScene` (planned from `next`),
 * or null when only a full recompute can.
 */
export function planIncremental(scene: Scene, prev: Scenario, next: Scenario, nextScene: Scene): IncrementalEdit | null {
  if (!same(prev.carriers, next.carriers) || prev.ueHeightM !== next.ueHeightM) return null;
  if (scene.carriers.length !== nextScene.carriers.length || scene.carriers.some((c, i) => c.id !== nextScene.carriers[i].id)) return null;
  if (scene.grid.width !== nextScene.grid.width || scene.grid.height !== nextScene.grid.height || scene.grid.cellSizeM !== nextScene.grid.cellSizeM) return null;
  const before = new Map(prev.sites.map((s) => [s.id, s]));
  const after = new Map(next.sites.map((s) => [s.id, s]));
  const changed = prev.sites.filter((s) => after.has(s.id) && !same(after.get(s.id), s));
  const removed = prev.sites.filter((s) => !after.has(s.id));
  const added = next.sites.filter((s) => !before.has(s.id));
  const old = scene.sectors;
  const neu = nextScene.sectors;

  if (changed.length === 1 && removed.length === 0 && added.length === 0) {
    const id = changed[0].id;
    const own = old.filter((s) => s.siteId === id);
    const repl = neu.filter((s) => s.siteId === id);
    if (own.length === 0 || own.length !== repl.length) return null;
    if (!own.every((s, k) => s.index === own[0].index + k)) return null;
    if (!repl.every((s, k) => s.index === own[0].index + k && s.id === own[k].id)) return null;
    if (!sameIds(old.filter((s) => s.siteId !== id), neu.filter((s) => s.siteId !== id))) return null;
    return { kind: 'change', siteIds: [id], excluded: own.map((s) => s.index), replacements: repl };
  }
  if (changed.length === 0 && removed.length === 0 && added.length > 0) {
    // Added at the end: the old sectors keep their indices, the new ones follow.
    if (!next.sites.slice(0, prev.sites.length).every((s, i) => same(s, prev.sites[i]))) return null;
    if (!sameIds(old, neu.slice(0, old.length))) return null;
    const repl = neu.slice(old.length);
    if (!repl.every((s, k) => s.index === old.length + k)) return null;
    return { kind: 'add', siteIds: added.map((s) => s.id), excluded: [], replacements: repl };
  }
  if (changed.length === 0 && removed.length === 1 && added.length === 0) {
    // (the others keep their order: checked through the sector ids below)
    const id = removed[0].id;
    const own = old.filter((s) => s.siteId === id);
    if (!own.every((s, k) => s.index === (own[0]?.index ?? 0) + k)) return null;
    if (!sameIds(old.filter((s) => s.siteId !== id), neu)) return null;
    return own.length === 0
      ? { kind: 'remove', siteIds: [id], excluded: [], replacements: [] }
      : { kind: 'remove', siteIds: [id], excluded: own.map((s) => s.index), replacements: [], removed: { first: own[0].index, count: own.length } };
  }
  return null;
}

/** After sectors [first, first + count) are gone: best-server indices above them move down (−1 and the removed ones are left as they are). */
export function remapServerAfterRemoval(server: Int32Array, first: number, count: number): void {
  const end = first + count;
  for (let i = 0; i < server.length; i++) if (server[i] >= end) server[i] -= count;
}
