import { describe, expect, it } from 'vitest';
import turfDistance from '@turf/distance';
import booleanValid from '@turf/boolean-valid';
import type { Position } from 'geojson';
import type { Sector, Site } from './scenario.ts';
import { destinationLonLat, sectorWedges, siteLabelPoints } from './wedges.ts';

const DEG = Math.PI / 180;

/** Initial great-circle bearing from a to b, degrees [0, 360) (hand trig, independent of wedges.ts). */
function bearingDeg(a: Position, b: Position): number {
  const [l1, p1, l2, p2] = [a[0] * DEG, a[1] * DEG, b[0] * DEG, b[1] * DEG];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return ((Math.atan2(y, x) / DEG) % 360 + 360) % 360;
}

/** Twice the signed area in degree² (shoelace): > 0 for a counter-clockwise ring. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

const angleDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

function sector(id: string, azimuthDeg: number, antenna: Sector['antenna'] = { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 }): Sector {
  return { id, carrierId: 'lte1800', azimuthDeg, mechanicalTiltDeg: 2, electricalTiltDeg: 3, txPowerDbm: 46, feederLossDb: 2, antenna, modelId: '38901-uma-expected' };
}

// A site in Vĩnh Long (Phường Thanh Đức area), three sectors at 0°, 90°, 200°.
const SITE: Site = {
  id: 'M001', name: 'Trạm thử', lonDeg: 106.00279, latDeg: 10.23514, heightM: 30, kind: 'macro', status: 'candidate',
  sectors: [sector('M001-L1', 0), sector('M001-L2', 90), sector('M001-L3', 200)],
};
const OMNI: Site = { id: 'SC001', name: '', lonDeg: 106.3, latDeg: 9.9, heightM: 10, kind: 'small-cell', status: 'planned', sectors: [sector('SC001-L1', 0, { type: 'omni', maxGainDbi: 5 })] };

describe('sectorWedges', () => {
  const fc = sectorWedges([SITE, OMNI], { radiusM: 400 });

  it('one Polygon per sector with its properties', () => {
    expect(fc.features).toHaveLength(4);
    expect(fc.features.map((f) => f.properties.sectorId)).toEqual(['M001-L1', 'M001-L2', 'M001-L3', 'SC001-L1']);
    expect(fc.features[2].properties).toEqual({ siteId: 'M001', sectorId: 'M001-L3', azimuthDeg: 200, hBeamwidthDeg: 65, omni: false, status: 'candidate', kind: 'macro', carrierId: 'lte1800', selected: false });
    expect(fc.features.map((f) => f.id)).toEqual([0, 1, 2, 3]);
  });

  for (const [i, az] of [[0, 0], [1, 90], [2, 200]] as const) {
    it(`azimuth ${az}°: the centre line (site → middle arc vertex) has bearing ${az}°`, () => {
      const ring = fc.features[i].geometry.coordinates[0];
      const arc = ring.slice(1, -1);
      expect(arc.length % 2).toBe(1);
      const mid = arc[(arc.length - 1) / 2];
      expect(angleDiff(bearingDeg(ring[0], mid), az)).toBeLessThan(1e-6);
      // The edges are ±32.5° off the azimuth: opening = beamwidth.
      expect(angleDiff(bearingDeg(ring[0], arc[0]), az + 32.5)).toBeLessThan(1e-6);
      expect(angleDiff(bearingDeg(ring[0], arc[arc.length - 1]), az - 32.5)).toBeLessThan(1e-6);
    });
  }

  it('rings are closed, counter-clockwise (RFC 7946) and valid', () => {
    for (const f of fc.features) {
      const ring = f.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea2(ring)).toBeGreaterThan(0);
      expect(booleanValid(f)).toBe(true);
    }
  });

  it('every arc vertex is at the radius within 0.5% (turf distance)', () => {
    for (const f of fc.features.slice(0, 3)) {
      const ring = f.geometry.coordinates[0];
      for (const p of ring.slice(1, -1)) expect(Math.abs(turfDistance(ring[0], p, { units: 'meters' }) - 400) / 400).toBeLessThan(0.005);
    }
  });

  it('omni: a small circle (30% of the radius) around the site, closed and counter-clockwise', () => {
    const f = fc.features[3];
    expect(f.properties.omni).toBe(true);
    expect(f.properties.hBeamwidthDeg).toBe(360);
    const ring = f.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(signedArea2(ring)).toBeGreaterThan(0);
    for (const p of ring) expect(Math.abs(turfDistance([OMNI.lonDeg, OMNI.latDeg], p, { units: 'meters' }) - 120) / 120).toBeLessThan(0.005);
  });

  it('a 360° sector beamwidth is drawn as a circle too; a narrow one still has a vertex on the azimuth', () => {
    const wide = { ...SITE, sectors: [sector('a', 10, { type: '3gpp-sector', maxGainDbi: 10, hBeamwidthDeg: 360 }), sector('b', 45, { type: '3gpp-sector', maxGainDbi: 20, hBeamwidthDeg: 3 })] };
    const w = sectorWedges([wide], { radiusM: 1000 });
    expect(w.features[0].properties.omni).toBe(true);
    const ring = w.features[1].geometry.coordinates[0];
    expect(ring).toHaveLength(1 + 3 + 1);
    expect(angleDiff(bearingDeg(ring[0], ring[2]), 45)).toBeLessThan(1e-6);
  });

  it('selection: a selected site marks all its sectors, a selected sector only itself', () => {
    expect(sectorWedges([SITE, OMNI], { selectedSiteId: 'M001' }).features.map((f) => f.properties.selected)).toEqual([true, true, true, false]);
    expect(sectorWedges([SITE, OMNI], { selectedSectorId: 'M001-L2' }).features.map((f) => f.properties.selected)).toEqual([false, true, false, false]);
  });

  it('refuses a non-positive radius', () => {
    expect(() => sectorWedges([SITE], { radiusM: 0 })).toThrow(RangeError);
  });
});

describe('destinationLonLat', () => {
  it('1 km east of (106°, 10°): bearing 90° and distance 1000 m by turf', () => {
    const p = destinationLonLat(106, 10, 90, 1000);
    expect(turfDistance([106, 10], p, { units: 'meters' })).toBeCloseTo(1000, 6);
    expect(bearingDeg([106, 10], p)).toBeCloseTo(90, 9);
  });
});

describe('siteLabelPoints', () => {
  it('a Point per site at its position, labelled by name, else id', () => {
    const fc = siteLabelPoints([SITE, OMNI], 'SC001');
    expect(fc.features.map((f) => f.geometry.coordinates)).toEqual([[106.00279, 10.23514], [106.3, 9.9]]);
    expect(fc.features.map((f) => f.properties.label)).toEqual(['Trạm thử', 'SC001']);
    expect(fc.features.map((f) => f.properties.selected)).toEqual([false, true]);
    expect(fc.features[0].properties.sectorCount).toBe(3);
  });
});
