/**
 * A raster grid on EPSG:32648 (STYLE.md §3: plain objects plus typed arrays).
 * Row 0 is the NORTH edge (like an image and a GeoTIFF); cell (col, row) has its centre at
 * x = originX + (col + 0.5)·cellSizeM, y = originY − (row + 0.5)·cellSizeM, where
 * (originX, originY) is the grid's north-west corner.
 */
export interface Grid {
  readonly width: number;
  readonly height: number;
  /** Easting of the west edge, m. */
  readonly originX: number;
  /** Northing of the north edge, m. */
  readonly originY: number;
  readonly cellSizeM: number;
  readonly crs: 'EPSG:32648';
}

/** A bounding box in metres: [minX, minY, maxX, maxY]. */
export type BBoxM = readonly [number, number, number, number];

/**
 * The smallest grid of `cellSizeM` cells that covers `bbox`, its origin snapped to a multiple
 * of the cell size so that grids of the same cell size line up cell for cell.
 */
export function gridForBBox(bbox: BBoxM, cellSizeM: number): Grid {
  if (!(cellSizeM > 0) || !Number.isFinite(cellSizeM)) throw new RangeError(`cellSizeM must be > 0, got ${cellSizeM}`);
  const [minX, minY, maxX, maxY] = bbox;
  if (!(maxX > minX && maxY > minY)) throw new RangeError(`empty bounding box [${bbox.join(', ')}]`);
  const originX = Math.floor(minX / cellSizeM) * cellSizeM;
  const originY = Math.ceil(maxY / cellSizeM) * cellSizeM;
  const width = Math.ceil((maxX - originX) / cellSizeM);
  const height = Math.ceil((originY - minY) / cellSizeM);
  return { width, height, originX, originY, cellSizeM, crs: 'EPSG:32648' };
}

/** Easting of the centre of column `col`, m. */
export function cellCenterX(grid: Grid, col: number): number {
  return grid.originX + (col + 0.5) * grid.cellSizeM;
}

/** Northing of the centre of row `row`, m. */
export function cellCenterY(grid: Grid, row: number): number {
  return grid.originY - (row + 0.5) * grid.cellSizeM;
}

/** The grid's outer edges: [minX, minY, maxX, maxY], m. */
export function gridBBox(grid: Grid): BBoxM {
  return [grid.originX, grid.originY - grid.height * grid.cellSizeM, grid.originX + grid.width * grid.cellSizeM, grid.originY];
}

/** Column and row of the cell containing (xM, yM), or null outside the grid. */
export function cellAt(grid: Grid, xM: number, yM: number): { col: number; row: number } | null {
  const col = Math.floor((xM - grid.originX) / grid.cellSizeM);
  const row = Math.floor((grid.originY - yM) / grid.cellSizeM);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return null;
  return { col, row };
}
