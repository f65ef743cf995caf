/**
 * Draws a coverage grid (EPSG:32648) on the map as a canvas source whose four corners are the
 * grid corners projected to lon/lat. MapLibre maps the quad linearly in Web Mercator; over the
 * province (≈120 km) the UTM→Mercator mapping departs from that by less than the error
 * measured in tests/unit/coverage-overlay.test.ts, well under one 50 m cell.
 * Tiles are painted as they arrive, so the map fills in while the job runs.
 */
import type { CanvasSource, Map as MlMap } from 'maplibre-gl';
import { scaleThreshold, type ScaleThreshold } from 'd3-scale';
import { rgb } from 'd3-color';
import { schemeRdYlGn } from 'd3-scale-chromatic';
import type { Grid } from '../core/grid/grid.ts';
import { utmToLonLat } from '../core/grid/projection.ts';

/** RSRP band edges, dBm (common drive-test classes). */
export const RSRP_THRESHOLDS_DBM = [-120, -110, -100, -90, -80] as const;
/** Below the lowest class but above the computation floor: still drawn, as "marginal". */
export const RSRP_FLOOR_DBM = -130;

export function rsrpColourScale(): ScaleThreshold<number, string> {
  return scaleThreshold<number, string>().domain([...RSRP_THRESHOLDS_DBM]).range([...schemeRdYlGn[6]]);
}

export class CoverageLayer {
  private canvas: HTMLCanvasElement;
  private ctx: CanvasRenderingContext2D;
  private grid: Grid | null = null;
  private lut: Uint8ClampedArray;
  /** Pixels painted with a colour (for tests). */
  paintedCells = 0;

  constructor(private readonly map: MlMap, private readonly beforeLayerId: string | undefined) {
    this.canvas = document.createElement('canvas');
    this.canvas.id = 'coverage-canvas';
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: false })!;
    // Colour lookup per 0.1 dB from −200 to 0 dBm: no scale call per cell.
    const scale = rsrpColourScale();
    this.lut = new Uint8ClampedArray(2001 * 4);
    for (let i = 0; i <= 2000; i++) {
      const c = rgb(scale(-200 + i / 10));
      this.lut.set([c.r, c.g, c.b, 200], i * 4);
    }
  }

  /** Prepares an empty canvas for a grid and places it on the map. */
  reset(grid: Grid): void {
    this.grid = grid;
    this.paintedCells = 0;
    this.canvas.width = grid.width;
    this.canvas.height = grid.height;
    this.ctx.clearRect(0, 0, grid.width, grid.height);
    const x0 = grid.originX;
    const x1 = grid.originX + grid.width * grid.cellSizeM;
    const y0 = grid.originY;
    const y1 = grid.originY - grid.height * grid.cellSizeM;
    const coordinates: [[number, number], [number, number], [number, number], [number, number]] = [utmToLonLat(x0, y0), utmToLonLat(x1, y0), utmToLonLat(x1, y1), utmToLonLat(x0, y1)];
    const src = this.map.getSource('coverage') as CanvasSource | undefined;
    if (src) {
      src.setCoordinates(coordinates);
    } else {
      this.map.addSource('coverage', { type: 'canvas', canvas: this.canvas, coordinates, animate: false });
      this.map.addLayer({ id: 'coverage', type: 'raster', source: 'coverage', paint: { 'raster-opacity': 0.85, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } }, this.beforeLayerId);
    }
    this.refresh();
  }

  /** Paints rows [rowStart, rowEnd) from an RSRP band (NaN = transparent). */
  paintRows(rowStart: number, rowEnd: number, rsrpDbm: Float32Array): void {
    const grid = this.grid;
    if (!grid) return;
    const w = grid.width;
    const img = this.ctx.createImageData(w, rowEnd - rowStart);
    const px = img.data;
    const lut = this.lut;
    let painted = 0;
    for (let i = 0; i < rsrpDbm.length; i++) {
      const v = rsrpDbm[i];
      if (v !== v) continue;
      let k = Math.round((v + 200) * 10);
      if (k < 0) k = 0;
      else if (k > 2000) k = 2000;
      const o = i * 4;
      const l = k * 4;
      px[o] = lut[l];
      px[o + 1] = lut[l + 1];
      px[o + 2] = lut[l + 2];
      px[o + 3] = lut[l + 3];
      painted++;
    }
    this.paintedCells += painted;
    this.ctx.putImageData(img, 0, rowStart);
  }

  /** Copies the canvas to the map once (the source is not animated). */
  refresh(): void {
    const src = this.map.getSource('coverage') as CanvasSource | undefined;
    if (!src) return;
    src.play();
    this.map.triggerRepaint();
    this.map.once('render', () => src.pause());
  }

  setVisible(visible: boolean): void {
    if (this.map.getLayer('coverage')) this.map.setLayoutProperty('coverage', 'visibility', visible ? 'visible' : 'none');
  }
}
