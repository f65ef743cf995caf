/**
 * The ground of `phusong coverage` (issue 11): `--population <tif>` (default: the prepared
 * WorldPop raster), the prepared GSHHG water mask, `--landcover <tif>` (ESA WorldCover codes)
 * and `--dem <tif|hgt>`; src/core/ground makes people per cell, clutter classes and terrain
 * heights of the coverage grid from them. A file that cannot be used stops with one line naming
 * it and its problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundaryFeature } from '../core/boundaries/boundaries.ts';
import type { Grid } from '../core/grid/grid.ts';
import { buildGround, type Ground } from '../core/ground/ground.ts';
import { openRaster } from '../core/raster/open.ts';
import type { GeoRaster } from '../core/raster/raster.ts';
import { resampleElevation } from '../core/raster/resample-elevation.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

const DATA = join(resolve(fileURLToPath(new URL('../..', import.meta.url))), 'public', 'data');
export const DEFAULT_POPULATION = join(DATA, 'vinh-long-population-2020-1km.tif');
export const DEFAULT_WATER = join(DATA, 'vinh-long-water-gshhg-3s.tif');

export interface GroundFiles {
  /** A people-count raster; undefined: the prepared WorldPop file when present. */
  readonly population?: string;
  readonly landCover?: string;
  readonly dem?: string;
}

export interface CliGround {
  readonly ground: Ground;
  readonly dem: Float32Array | null;
  /** False when no commune has a population: people per cell are not known (zeros in `ground`). */
  readonly peopleKnown: boolean;
  /** What was used, for summary.json and stderr. */
  readonly sources: { readonly population: string | null; readonly water: string | null; readonly landCover: string | null; readonly dem: string | null };
}

async function read(path: string): Promise<GeoRaster> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new DataError(`${path}: cannot read (${describeFsError(err)})`);
  }
  try {
    return await openRaster(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
  } catch (e) {
    throw new DataError(`${path}: ${(e as Error).message.replace(`${basename(path)}: `, '')}`);
  }
}

/** The ground of a grid from the files (or the prepared defaults), with the communes' populations. */
export async function readGround(grid: Grid, communes: readonly BoundaryFeature[], communesFile: string, files: GroundFiles): Promise<CliGround> {
  const populationPath = files.population ?? (existsSync(DEFAULT_POPULATION) ? DEFAULT_POPULATION : null);
  const waterPath = existsSync(DEFAULT_WATER) ? DEFAULT_WATER : null;
  const [population, water, landCover, demRaster] = await Promise.all([
    populationPath ? read(populationPath) : null, waterPath ? read(waterPath) : null,
    files.landCover ? read(files.landCover) : null, files.dem ? read(files.dem) : null,
  ]);
  // A communes file without any population (a boundary of the user's): the ground is made for
  // its clutter classes, and the people figures are left out rather than refused.
  const peopleKnown = communes.some((f) => typeof (f.properties as Record<string, unknown> | null)?.population === 'number');
  const input = peopleKnown ? communes : communes.map((f) => ({ ...f, properties: { ...f.properties, population: 0 } }));
  let ground: Ground;
  try {
    ground = await buildGround({ grid, communes: input, communesFileName: communesFile, population, water, landCover });
  } catch (e) {
    throw new DataError((e as Error).message);
  }
  if (!peopleKnown) ground = { ...ground, notes: [...ground.notes, `${communesFile}: no commune has a "population" property, so people per cell are not computed (population covered is left out)`] };
  let dem: Float32Array | null = null;
  if (demRaster) {
    try {
      dem = (await resampleElevation(demRaster, grid)).elevationM;
    } catch (e) {
      throw new DataError(`${files.dem}: ${(e as Error).message}`);
    }
  }
  return { ground, dem, peopleKnown, sources: { population: populationPath, water: waterPath, landCover: files.landCover ?? null, dem: files.dem ?? null } };
}
