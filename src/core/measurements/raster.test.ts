/**
 * The points' picture: each point lands in the pixel its longitude and Web Mercator y give
 * (a round trip through the image's corners, the way MapLibre places a canvas source), in its
 * class's colour by the legend rule of src/ui/layer-styles.ts (class k = [edges[k−1], edges[k])).
 */
import { describe, expect, it } from 'vitest';
import { pointClass, pointImage } from './raster.ts';

const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

describe('pointImage', () => {
  const lon = Float64Array.from([105.9, 106.0, 105.95, 105.97, 105.91]);
  const lat = Float64Array.from([10.1, 10.3, 10.2, 10.25, 10.12]);
  const val = Float64Array.from([-130, -70, -100, NaN, -95]);
  const style = { edges: [-120, -100, -80], words: [0, 0xff0000ff, 0xff00ff00, 0xffff0000] };
  const img = pointImage(lon, lat, val, null, 5, style, { maxSidePx: 512, radiusPx: 0 })!;

  it('classes by the legend rule', () => {
    expect(pointClass(style.edges, -130)).toBe(0);
    expect(pointClass(style.edges, -120)).toBe(1);
    expect(pointClass(style.edges, -100.0001)).toBe(1);
    expect(pointClass(style.edges, -80)).toBe(3);
    expect(pointClass(style.edges, NaN)).toBe(-1);
  });
  it('fits the box in 512 pixels and places each point by longitude and Mercator y', () => {
    expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(512);
    // -130 dBm is class 0 (transparent) and NaN is skipped: 3 drawn
    expect(img.drawn).toBe(3);
    for (let i = 0; i < 5; i++) {
      const k = pointClass(style.edges, val[i]);
      const px = Math.floor(((lon[i] - img.westDeg) / (img.eastDeg - img.westDeg)) * img.width);
      const py = Math.floor(((mercY(img.northDeg) - mercY(lat[i])) / (mercY(img.northDeg) - mercY(img.southDeg))) * img.height);
      expect(px).toBeGreaterThanOrEqual(0);
      expect(py).toBeLessThan(img.height);
      const want = k < 0 ? 0 : style.words[k];
      // within a pixel of the computed place (floating rounding at pixel edges)
      const near = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => img.rgba[(py + dy) * img.width + px + dx]));
      expect(near).toContain(want);
    }
  });
  it('draws nothing and returns null without a point', () => {
    expect(pointImage(lon, lat, val, Uint8Array.from([0, 0, 0, 0, 0]), 5, style)).toBeNull();
  });
});
