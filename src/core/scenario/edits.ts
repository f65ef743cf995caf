/**
 * The planner's edits as pure functions: a scenario in, a new scenario out (unchanged parts
 * shared, so that the coverage controller sees which sites changed by identity). The app
 * commits their results through its one writer (src/app/scenario-controller.ts).
 */
import type { Polygon } from 'geojson';
import type { Carrier, PrivateNetwork, Scenario, Site } from './scenario.ts';

/** Degrees to 6 decimals (≈ 0.1 m): positions from a pointer carry no more. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** The site moved to (lon, lat), rounded to 6 decimals. */
export function movedSite(site: Site, lonDeg: number, latDeg: number): Site {
  return { ...site, lonDeg: round6(lonDeg), latDeg: round6(latDeg) };
}

/** The scenario with one site moved. */
export function moveSite(s: Scenario, siteId: string, lonDeg: number, latDeg: number): Scenario {
  return { ...s, sites: s.sites.map((x) => (x.id === siteId ? movedSite(x, lonDeg, latDeg) : x)) };
}

/** The scenario with a site replaced by its edited version (same id). */
export function replaceSite(s: Scenario, site: Site): Scenario {
  return { ...s, sites: s.sites.map((x) => (x.id === site.id ? site : x)) };
}

/** The scenario with sites (and the carriers they brought) added at the end. */
export function addSites(s: Scenario, sites: readonly Site[], newCarriers: readonly Carrier[] = []): Scenario {
  return { ...s, carriers: newCarriers.length ? [...s.carriers, ...newCarriers] : s.carriers, sites: [...s.sites, ...sites] };
}

/** The scenario without these sites. */
export function deleteSites(s: Scenario, ids: readonly string[]): Scenario {
  const gone = new Set(ids);
  return { ...s, sites: s.sites.filter((x) => !gone.has(x.id)) };
}

/**
 * A copy of a site 200 m east of it (both stay visible and draggable), id `<id>-<k>` with the
 * first free k ≥ 2, status candidate.
 * @returns null when the site does not exist
 */
export function duplicateSite(s: Scenario, id: string): { scenario: Scenario; newId: string } | null {
  const src = s.sites.find((x) => x.id === id);
  if (!src) return null;
  const taken = new Set(s.sites.map((x) => x.id));
  let k = 2;
  while (taken.has(`${id}-${k}`)) k++;
  const newId = `${id}-${k}`;
  const lon = src.lonDeg + 200 / (111320 * Math.cos((src.latDeg * Math.PI) / 180));
  const copy: Site = { ...src, id: newId, name: src.name ? `${src.name} (2)` : '', lonDeg: lon, status: 'candidate', sectors: src.sectors.map((sec) => ({ ...sec, id: `${newId}-${sec.id.split('-').pop()}` })) };
  return { scenario: addSites(s, [copy]), newId };
}

/** The scenario with a new carrier and a site edited to use it (one step). */
export function addCarrierForSite(s: Scenario, carrier: Carrier, site: Site): Scenario {
  return { ...replaceSite(s, site), carriers: [...s.carriers, carrier] };
}

/**
 * Sets a private network's service area, or adds a network (`networkId` null) named `name`
 * with the id `pn-<k>` (first free k).
 */
export function setServiceArea(s: Scenario, networkId: string | null, name: string, area: Polygon): { scenario: Scenario; id: string; name: string } {
  if (networkId) {
    const pn = s.privateNetworks.find((n) => n.id === networkId);
    return {
      scenario: { ...s, privateNetworks: s.privateNetworks.map((n) => (n.id === networkId ? { ...n, serviceArea: area } : n)) },
      id: networkId, name: pn?.name ?? networkId,
    };
  }
  const taken = new Set(s.privateNetworks.map((n) => n.id));
  let k = s.privateNetworks.length + 1;
  while (taken.has(`pn-${k}`)) k++;
  const added: PrivateNetwork = { id: `pn-${k}`, name, serviceArea: area };
  return { scenario: { ...s, privateNetworks: [...s.privateNetworks, added] }, id: added.id, name };
}
