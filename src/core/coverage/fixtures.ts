/**
 * SYNTHETIC scenarios for tests and benchmarks (never shown as real sites): a small mixed
 * network for the golden tests, and a province-wide generated network for the benchmarks.
 */
import type { Position } from 'geojson';
import type { Scenario, Sector, Site } from '../scenario/scenario.ts';

/** A 7 km × 5.5 km rectangle (WGS 84) near the city of Vĩnh Long, with a notch cut out. */
export const SMALL_BOUNDARY: Position[][] = [[
  [105.93, 10.22], [105.995, 10.22], [105.995, 10.27], [105.96, 10.27], [105.96, 10.255], [105.945, 10.255], [105.945, 10.27], [105.93, 10.27], [105.93, 10.22],
]];

function sector(id: string, carrierId: string, az: number, modelId: string, extra: Partial<Sector> = {}): Sector {
  return {
    id, carrierId, azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 43, feederLossDb: 2, modelId,
    antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 }, ...extra,
  };
}

/** Golden-test network: two carriers, 3GPP sectors and an omni, eight different models. */
export function smallScenario(): Scenario {
  const sites: Site[] = [
    { id: 'A', name: 'SYNTHETIC A', lonDeg: 105.945, latDeg: 10.235, heightM: 30, kind: 'macro', status: 'existing', sectors: [
      sector('A1', 'l18', 0, '38901-uma-expected'), sector('A2', 'l18', 120, '38901-uma-expected'), sector('A3', 'l18', 240, '38901-uma-expected'),
      sector('A4', 'n35', 30, '38901-uma-nlos', { txPowerDbm: 49 }),
    ] },
    { id: 'B', name: 'SYNTHETIC B', lonDeg: 105.975, latDeg: 10.245, heightM: 35, kind: 'macro', status: 'existing', sectors: [
      sector('B1', 'l18', 60, '38901-rma-expected'), sector('B2', 'l18', 180, 'cost231'), sector('B3', 'l18', 300, '38901-rma-los'),
      sector('B4', 'n35', 200, '38901-uma-expected', { txPowerDbm: 49 }),
    ] },
    { id: 'C', name: 'SYNTHETIC C', lonDeg: 105.985, latDeg: 10.262, heightM: 12, kind: 'small-cell', status: 'candidate', sectors: [
      sector('C1', 'l18', 0, '38901-umi-expected', { txPowerDbm: 30, antenna: { type: 'omni', maxGainDbi: 5 } }),
      sector('C2', 'n35', 90, '38901-umi-los', { txPowerDbm: 33 }),
    ] },
    { id: 'D', name: 'SYNTHETIC D', lonDeg: 105.94, latDeg: 10.262, heightM: 40, kind: 'macro', status: 'planned', sectors: [
      sector('D1', 'l18', 150, 'hata-urban-small', { mechanicalTiltDeg: 0, electricalTiltDeg: 2 }),
    ] },
  ];
  return {
    schemaVersion: 1, name: 'SYNTHETIC golden', sample: true, description: 'SYNTHETIC test network', ueHeightM: 1.5,
    carriers: [
      { id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 },
      { id: 'n35', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 },
    ],
    sites, privateNetworks: [],
  };
}

/**
 * Benchmark network (issue 4): `nSites` 3-sector sites on a jittered lattice over the boundary's
 * bounding box (kept inside by the caller's `inside` test), two carriers (LTE 1800, NR 3500),
 * 38.901 UMa expected. Deterministic (seeded).
 */
export function provinceBenchScenario(boundary: Position[][], inside: (lon: number, lat: number) => boolean, nSites = 400, seed = 1): Scenario {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const r of boundary) for (const [lon, lat] of r) {
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon); minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
  }
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const sites: Site[] = [];
  for (let step = 0.2; sites.length < nSites && step > 0.001; step *= 0.97) {
    sites.length = 0;
    for (let lat = minLat + step / 2; lat < maxLat && sites.length < nSites; lat += step) {
      for (let lon = minLon + step / 2; lon < maxLon && sites.length < nSites; lon += step) {
        const p: [number, number] = [lon + (rnd() - 0.5) * step * 0.5, lat + (rnd() - 0.5) * step * 0.5];
        if (!inside(p[0], p[1])) continue;
        const id = `BENCH${String(sites.length + 1).padStart(3, '0')}`;
        const az0 = Math.floor(rnd() * 120);
        const secs: Sector[] = [];
        for (let k = 0; k < 3; k++) {
          secs.push(sector(`${id}-L${k + 1}`, 'l18', (az0 + 120 * k) % 360, '38901-uma-expected', { txPowerDbm: 46 }));
          secs.push(sector(`${id}-N${k + 1}`, 'n35', (az0 + 120 * k) % 360, '38901-uma-expected', { txPowerDbm: 49 }));
        }
        sites.push({ id, name: `SYNTHETIC ${id}`, lonDeg: p[0], latDeg: p[1], heightM: 30, kind: 'macro', status: 'planned', sectors: secs });
      }
    }
  }
  return {
    schemaVersion: 1, name: 'SYNTHETIC bench network', sample: true, description: `SYNTHETIC: ${sites.length} generated 3-sector sites, two carriers`, ueHeightM: 1.5,
    carriers: [
      { id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 },
      { id: 'n35', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 },
    ],
    sites, privateNetworks: [],
  };
}
