/**
 * The terrain maps an engine worker holds (terrain-loss.ts), by key: computed once per site,
 * frequency and height (or received from another worker), kept across scenes while a scene
 * still uses them, so that moving one site recomputes only that site's maps.
 */
import { computeTerrainMap, type TerrainGround, type TerrainMap, type TerrainSpec } from './terrain-loss.ts';

export class TerrainMapCache {
  private readonly maps = new Map<string, TerrainMap>();
  /** Maps computed here (not received), for tests and the status line. */
  computed = 0;

  /** @param extra Maps kept beyond those of the current scene (the latest first: a dragged site's positions). */
  constructor(private readonly extra = 8) {}

  get size(): number {
    return this.maps.size;
  }

  /** Bytes held by the maps' values. */
  get bytes(): number {
    let b = 0;
    for (const m of this.maps.values()) b += m.lin.byteLength;
    return b;
  }

  has(key: string): boolean {
    return this.maps.has(key);
  }

  /** The map held under a key, or undefined (its use order unchanged). */
  peek(key: string): TerrainMap | undefined {
    return this.maps.get(key);
  }

  /** The map of a spec: held, or computed now (and held). */
  get(ground: TerrainGround, spec: TerrainSpec, signal?: AbortSignal, progress?: () => void): TerrainMap {
    let m = this.maps.get(spec.key);
    if (m) {
      // Most recently used last (retain() keeps the latest extras).
      this.maps.delete(spec.key);
      this.maps.set(spec.key, m);
      return m;
    }
    m = computeTerrainMap(ground, spec, signal, progress);
    this.computed++;
    this.maps.set(spec.key, m);
    return m;
  }

  /** Holds a map computed elsewhere. */
  put(map: TerrainMap): void {
    this.maps.delete(map.key);
    this.maps.set(map.key, map);
  }

  /** Drops the maps whose key is not in `keys`, except the `extra` most recently used. */
  retain(keys: ReadonlySet<string>): void {
    const others = [...this.maps.keys()].filter((k) => !keys.has(k));
    for (const k of others.slice(0, Math.max(0, others.length - this.extra))) this.maps.delete(k);
  }

  clear(): void {
    this.maps.clear();
  }
}
