/**
 * Candidates the planner makes itself, and the screening every candidate goes through.
 *
 * Generated candidates (docs/planning.md):
 * - gap grid: the points of a square lattice (spacing chosen, aligned to multiples of it in
 *   UTM 48N, so two runs give the same points) that fall on a gap cell — in the target area,
 *   on land, not covered now;
 * - gap centres: the lattice's squares seen as blocks; in each, the population-weighted centre
 *   of its gap cells, moved to the nearest gap cell (a centre of a crescent-shaped gap may lie
 *   outside it), kept when the block's gap holds at least `minPeople` people;
 * - upgrades: every existing macro site without a sector on the target carrier, offered the
 *   template's sectors on that carrier (e.g. NR 3500 added to an LTE-only site).
 *
 * Screening, each exclusion listed with its reason: outside the computed area; on water (the
 * GSHHG water mask's cell); inside an exclusion zone (user polygons, named); and for generated
 * new sites, closer than a minimum distance to an existing site (an upgrade covers that case).
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Position } from 'geojson';
import type { Grid } from '../grid/grid.ts';
import { cellAt, cellCenterX, cellCenterY } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import type { SiteTemplateId } from '../scenario/templates.ts';
import type { Candidate } from './candidates.ts';

export interface GapInputs {
  readonly grid: Grid;
  /** 1 = covered now, per cell. */
  readonly covered: Uint8Array;
  /** 1 = in the target area, per cell. */
  readonly target: Uint8Array;
  /** 1 = water, per cell. */
  readonly water: ArrayLike<number>;
  /** People per cell. */
  readonly people: ArrayLike<number>;
}

const isGap = (g: GapInputs, i: number) => g.target[i] === 1 && g.covered[i] === 0 && !g.water[i];
const pad = (k: number) => String(k).padStart(4, '0');

/** Candidates on the gap cells of a square lattice of `spacingM` (ids `GRID-0001`…). */
export function gapGridCandidates(g: GapInputs, spacingM: number, template: SiteTemplateId | null = null): Candidate[] {
  if (!(spacingM > 0)) throw new RangeError(`gap grid spacing must be > 0 m, got ${spacingM}`);
  const { grid } = g;
  const x0 = grid.originX, y1 = grid.originY, x1 = x0 + grid.width * grid.cellSizeM, y0 = y1 - grid.height * grid.cellSizeM;
  const out: Candidate[] = [];
  for (let ky = Math.ceil(y1 / spacingM - 0.5); (ky + 0.5) * spacingM >= y0; ky--) {
    for (let kx = Math.floor(x0 / spacingM - 0.5); (kx + 0.5) * spacingM <= x1; kx++) {
      const x = (kx + 0.5) * spacingM, y = (ky + 0.5) * spacingM;
      const c = cellAt(grid, x, y);
      if (!c || !isGap(g, c.row * grid.width + c.col)) continue;
      const [lon, lat] = utmToLonLat(x, y);
      const id = `GRID-${pad(out.length + 1)}`;
      out.push({ id, name: '', lonDeg: lon, latDeg: lat, heightM: null, template, cost: 1, source: 'gap-grid' });
    }
  }
  return out;
}

/**
 * Candidates at the population-weighted centres of the gaps, block by block of `spacingM`
 * (ids `GAP-0001`…), for blocks whose gap holds ≥ `minPeople` people.
 */
export function gapCentreCandidates(g: GapInputs, spacingM: number, minPeople: number, template: SiteTemplateId | null = null): Candidate[] {
  if (!(spacingM > 0)) throw new RangeError(`gap block size must be > 0 m, got ${spacingM}`);
  const { grid } = g;
  const blocks = new Map<string, { p: number; x: number; y: number; best: number; bestD: number }>();
  const keyOf = (x: number, y: number) => `${Math.floor(x / spacingM)}|${Math.floor(y / spacingM)}`;
  for (let row = 0; row < grid.height; row++) for (let col = 0; col < grid.width; col++) {
    const i = row * grid.width + col;
    if (!isGap(g, i)) continue;
    const x = cellCenterX(grid, col), y = cellCenterY(grid, row);
    const k = keyOf(x, y);
    const b = blocks.get(k) ?? { p: 0, x: 0, y: 0, best: -1, bestD: Infinity };
    b.p += g.people[i];
    b.x += g.people[i] * x;
    b.y += g.people[i] * y;
    blocks.set(k, b);
  }
  for (const b of blocks.values()) if (b.p > 0) { b.x /= b.p; b.y /= b.p; }
  // The gap cell nearest each block's centre.
  for (let row = 0; row < grid.height; row++) for (let col = 0; col < grid.width; col++) {
    const i = row * grid.width + col;
    if (!isGap(g, i)) continue;
    const x = cellCenterX(grid, col), y = cellCenterY(grid, row);
    const b = blocks.get(keyOf(x, y))!;
    if (!(b.p >= minPeople && b.p > 0)) continue;
    const d = (x - b.x) ** 2 + (y - b.y) ** 2;
    if (d < b.bestD) { b.bestD = d; b.best = i; }
  }
  const out: Candidate[] = [];
  const picked = [...blocks.values()].filter((b) => b.best >= 0).sort((a, b) => a.best - b.best);
  for (const b of picked) {
    const col = b.best % grid.width, row = (b.best - col) / grid.width;
    const [lon, lat] = utmToLonLat(cellCenterX(grid, col), cellCenterY(grid, row));
    const id = `GAP-${pad(out.length + 1)}`;
    out.push({ id, name: '', lonDeg: lon, latDeg: lat, heightM: null, template, cost: 1, source: 'gap-centre', gapPeople: Math.round(b.p) });
  }
  return out;
}

/** Existing macro sites without a sector on `carrierId`, offered the template's sectors on it (ids `UP-<site id>`). */
export function upgradeCandidates(scenario: Pick<Scenario, 'sites'>, carrierId: string, template: SiteTemplateId | null = null): Candidate[] {
  return scenario.sites
    .filter((s) => s.kind === 'macro' && !s.privateNetworkId && s.sectors.length > 0 && !s.sectors.some((x) => x.carrierId === carrierId))
    .map((s) => ({ id: `UP-${s.id}`, name: s.name ? `${s.name} + ${carrierId}` : '', lonDeg: s.lonDeg, latDeg: s.latDeg, heightM: s.heightM, template, cost: 1, source: 'upgrade' as const, upgradeOf: s.id }));
}

export interface ExclusionZone {
  readonly name: string;
  /** Rings in WGS 84 (outer ring first; holes after it). */
  readonly rings: readonly Position[][];
}

export interface Exclusion {
  readonly id: string;
  readonly reason: string;
}

export interface ScreenOptions {
  readonly grid: Grid;
  readonly water: ArrayLike<number>;
  /** Inside the computed area (the province). */
  readonly inside: (lonDeg: number, latDeg: number) => boolean;
  readonly zones?: readonly ExclusionZone[];
  /** Existing sites: generated new sites closer than `minDistanceM` to one are left out. */
  readonly sites?: readonly Site[];
  /** Default 300 m. */
  readonly minDistanceM?: number;
}

/** Keeps the candidates that pass; lists the others with their reason (rules in the module comment). */
export function screenCandidates(candidates: readonly Candidate[], o: ScreenOptions): { kept: Candidate[]; excluded: Exclusion[] } {
  const kept: Candidate[] = [], excluded: Exclusion[] = [];
  const minD = o.minDistanceM ?? 300;
  const sites = (o.sites ?? []).map((s) => ({ id: s.id, xy: lonLatToUtm(s.lonDeg, s.latDeg) }));
  for (const c of candidates) {
    const out = (reason: string) => excluded.push({ id: c.id, reason });
    if (c.source === 'upgrade') { kept.push(c); continue; }
    if (!o.inside(c.lonDeg, c.latDeg)) { out('outside the computed area (the province)'); continue; }
    const [x, y] = lonLatToUtm(c.lonDeg, c.latDeg);
    const cell = cellAt(o.grid, x, y);
    if (!cell) { out('outside the computed area (the province)'); continue; }
    if (o.water[cell.row * o.grid.width + cell.col]) { out('on water (GSHHG water mask)'); continue; }
    const zone = o.zones?.find((z) => booleanPointInPolygon([c.lonDeg, c.latDeg], { type: 'Polygon', coordinates: z.rings as Position[][] }));
    if (zone) { out(`in exclusion zone "${zone.name}"`); continue; }
    if (c.source !== 'file') {
      let near: { id: string; d: number } | null = null;
      for (const s of sites) {
        const d = Math.hypot(s.xy[0] - x, s.xy[1] - y);
        if (d < minD && (!near || d < near.d)) near = { id: s.id, d };
      }
      if (near) { out(`within ${Math.round(near.d)} m of existing site ${near.id} (closer than ${minD} m)`); continue; }
    }
    kept.push(c);
  }
  return { kept, excluded };
}
