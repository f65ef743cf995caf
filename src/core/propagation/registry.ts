/**
 * Every path-loss model of spec §2, by command-line id (the ids are a fixed contract of
 * `phusong pathloss --model`). Adding a model means adding its file and one entry here.
 */
import type { PathLossModel } from './types.ts';
import { FSPL_MODEL } from './fspl.ts';
import { TWO_RAY_MODEL } from './two-ray.ts';
import { HATA_OPEN_MODEL, HATA_SUBURBAN_MODEL, HATA_URBAN_LARGE_MODEL, HATA_URBAN_SMALL_MODEL } from './okumura-hata.ts';
import { COST231_METRO_MODEL, COST231_MODEL } from './cost231-hata.ts';
import { RMA_EXPECTED_MODEL, RMA_LOS_MODEL, RMA_NLOS_MODEL } from './tr38901-rma.ts';
import { UMA_EXPECTED_MODEL, UMA_LOS_MODEL, UMA_NLOS_MODEL } from './tr38901-uma.ts';
import { UMI_EXPECTED_MODEL, UMI_LOS_MODEL, UMI_NLOS_MODEL } from './tr38901-umi.ts';
import { INH_LOS_MODEL, INH_NLOS_MODEL } from './tr38901-inh.ts';

/** All models, in the id order of the command-line contract. */
export const PATH_LOSS_MODELS: readonly PathLossModel[] = Object.freeze([
  FSPL_MODEL,
  TWO_RAY_MODEL,
  HATA_URBAN_SMALL_MODEL,
  HATA_URBAN_LARGE_MODEL,
  HATA_SUBURBAN_MODEL,
  HATA_OPEN_MODEL,
  COST231_MODEL,
  COST231_METRO_MODEL,
  RMA_LOS_MODEL,
  RMA_NLOS_MODEL,
  RMA_EXPECTED_MODEL,
  UMA_LOS_MODEL,
  UMA_NLOS_MODEL,
  UMA_EXPECTED_MODEL,
  UMI_LOS_MODEL,
  UMI_NLOS_MODEL,
  UMI_EXPECTED_MODEL,
  INH_LOS_MODEL,
  INH_NLOS_MODEL,
]);

/** The ids of {@link PATH_LOSS_MODELS}, same order. */
export const PATH_LOSS_MODEL_IDS: readonly string[] = Object.freeze(PATH_LOSS_MODELS.map((m) => m.id));

const BY_ID: ReadonlyMap<string, PathLossModel> = new Map(PATH_LOSS_MODELS.map((m) => [m.id, m]));

/** The model with this command-line id, or undefined. */
export function getPathLossModel(id: string): PathLossModel | undefined {
  return BY_ID.get(id);
}
