/**
 * Draws a coverage grid (EPSG:32648) on the map. Tiles are coloured into a UTM-shaped pixel
 * buffer as they arrive; a refresh resamples that buffer into a north-up Web Mercator canvas
 * (src/core/grid/resample.ts) which MapLibre places exactly by its corners. Placing the UTM
 * raster itself by its corners would misplace cells by up to ~90 m (tests/unit/coverage-overlay).
 */
import type { CanvasSource, Map as MlMap } from 'maplibre-gl';
import { classOf, rgbaWord, type LayerStyle } from './layer-styles.ts';
import type { Grid } from '../core/grid/grid.ts';
import { mercatorPixelRect, type MercatorRaster } from '../core/grid/resample.ts';

export class CoverageLayer {
  private canvas: HTMLCanvasElement;
  private ctx: CanvasRenderingContext2D;
  private grid: Grid | null = null;
  private raster: MercatorRaster | null = null;
  private image: ImageData | null = null;
  /** RGBA per UTM cell, as 32-bit words. */
  private cells = new Uint32Array(0);
  /** Cells painted with a colour (for tests). */
  paintedCells = 0;

  private opacity = 0.85;

  constructor(private readonly map: MlMap, private readonly beforeLayerId: string | undefined) {
    this.canvas = document.createElement('canvas');
    this.canvas.id = 'coverage-canvas';
    this.ctx = this.canvas.getContext('2d')!;
  }

  /**
   * Prepares an empty raster for a grid and places it on the map. `buildIndex` makes the
   * Mercator display index (heavy: run it in a worker); it is called only when the grid changes.
   */
  async reset(grid: Grid, buildIndex: (grid: Grid, width: number) => Promise<MercatorRaster>): Promise<void> {
    const same = this.grid && this.grid.width === grid.width && this.grid.height === grid.height && this.grid.originX === grid.originX && this.grid.originY === grid.originY && this.grid.cellSizeM === grid.cellSizeM;
    this.grid = grid;
    this.paintedCells = 0;
    if (!same || !this.raster) {
      this.raster = await buildIndex(grid, Math.min(grid.width, 1600));
      this.cells = new Uint32Array(grid.width * grid.height);
      this.canvas.width = this.raster.width;
      this.canvas.height = this.raster.height;
    } else {
      // Same grid: keep showing the previous result until the new one is complete.
      this.cells.fill(0);
      return;
    }
    const m = this.raster;
    const coordinates: [[number, number], [number, number], [number, number], [number, number]] = [[m.westDeg, m.northDeg], [m.eastDeg, m.northDeg], [m.eastDeg, m.southDeg], [m.westDeg, m.southDeg]];
    const src = this.map.getSource('coverage') as CanvasSource | undefined;
    if (src) {
      src.setCoordinates(coordinates);
    } else {
      this.map.addSource('coverage', { type: 'canvas', canvas: this.canvas, coordinates, animate: false });
      this.map.addLayer({ id: 'coverage', type: 'raster', source: 'coverage', paint: { 'raster-opacity': this.opacity, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } }, this.beforeLayerId);
    }
  }

  /**
   * Colours the cells of a layer inside [c0, r0, c1, r1) (default: the whole grid) with its
   * style; NaN and the style's transparent classes are not drawn.
   */
  paint(values: ArrayLike<number>, style: LayerStyle, region?: readonly [number, number, number, number]): void {
    const g = this.grid;
    if (!g) return;
    const words = Uint32Array.from(style.colours, (c) => rgbaWord(c));
    const [c0, r0, c1, r1] = region ?? [0, 0, g.width, g.height];
    const out = this.cells;
    let painted = this.paintedCells;
    for (let row = r0; row < r1; row++) {
      const o = row * g.width;
      for (let col = c0; col < c1; col++) {
        const k = classOf(style, values[o + col]);
        const w = k < 0 ? 0 : words[k];
        if (out[o + col] !== 0) painted--;
        if (w !== 0) painted++;
        out[o + col] = w;
      }
    }
    this.paintedCells = painted;
  }

  /**
   * Resamples the cell colours into the Mercator canvas (only the pixels that can show the
   * region of cells, when given) and hands the canvas to the map for one frame.
   */
  refresh(region?: readonly [number, number, number, number]): void {
    const m = this.raster;
    const src = this.map.getSource('coverage') as CanvasSource | undefined;
    if (!m || !src || !this.grid) return;
    if (!this.image || this.image.width !== m.width || this.image.height !== m.height) this.image = new ImageData(m.width, m.height);
    const img = this.image;
    const px = new Uint32Array(img.data.buffer);
    const [x0, y0, x1, y1] = region ? mercatorPixelRect(m, this.grid, region) : [0, 0, m.width, m.height];
    const idx = m.sourceIndex;
    const cells = this.cells;
    for (let y = y0; y < y1; y++) {
      for (let i = y * m.width + x0, end = y * m.width + x1; i < end; i++) {
        const k = idx[i];
        px[i] = k >= 0 ? cells[k] : 0;
      }
    }
    this.ctx.putImageData(img, 0, 0, x0, y0, x1 - x0, y1 - y0);
    src.play();
    this.map.triggerRepaint();
    this.map.once('render', () => src.pause());
  }

  /** Raster opacity, 0…1 (the panel's slider). */
  setOpacity(opacity: number): void {
    this.opacity = Math.min(1, Math.max(0, opacity));
    if (this.map.getLayer('coverage')) this.map.setPaintProperty('coverage', 'raster-opacity', this.opacity);
  }

  setVisible(visible: boolean): void {
    if (this.map.getLayer('coverage')) this.map.setLayoutProperty('coverage', 'visibility', visible ? 'visible' : 'none');
  }
}
