/**
 * Downlink RSRP as a sum of named terms (spec §5; STYLE.md §4: "a link budget is a sum of named
 * terms ... each term visible in a point's tooltip and in the link-budget table").
 *
 *   pRE  = pTxDbm − 10 log(12 · N_RB)       LTE RSRP / NR SS-RSRP: the carrier power spread
 *                                            evenly over every subcarrier (or the SSB EPRE when given)
 *   RSRP = pRE − L_feeder + G_max + A(φ, θ) − PL − L_clutter − L_BEL − L_body + G_UE
 *
 * where `G_max + A(φ, θ)` is the antenna gain toward the point (A ≤ 0 the pattern's relative
 * gain). RSRP is per resource element (TS 36.214 §5.1.1, TS 38.215 §5.1.1), dBm.
 */
import { InputError, requireFinite, requireNonNegative, requirePositive } from '../validity.ts';

/** Subcarriers per resource block. */
const SUBCARRIERS_PER_RB = 12;

/**
 * Transmit power per resource element at the antenna port, dBm: `pTx − 10 log(12 · N_RB)`.
 * @param txPowerDbm - total carrier power at the antenna port (before the feeder), dBm
 * @param nPrb - resource blocks of the carrier
 */
export function powerPerReDbm(txPowerDbm: number, nPrb: number): number {
  requireFinite('txPowerDbm', txPowerDbm);
  requirePositive('nPrb', nPrb);
  if (!Number.isInteger(nPrb)) throw new InputError('nPrb', `nPrb must be a whole number of resource blocks, got ${nPrb}`);
  return txPowerDbm - 10 * Math.log10(SUBCARRIERS_PER_RB * nPrb);
}

/** Names of the downlink terms, in the order they are returned. */
export type DownlinkTermId =
  | 'powerPerRe'
  | 'feederLoss'
  | 'antennaMaxGain'
  | 'antennaPattern'
  | 'pathLoss'
  | 'clutterLoss'
  | 'buildingEntryLoss'
  | 'bodyLoss'
  | 'ueAntennaGain';

/** One line of a link budget. */
export interface LinkBudgetTerm<Id extends string = string> {
  readonly id: Id;
  /** English label for tables; the UI translates by `id`. */
  readonly label: string;
  /**
   * Signed contribution to the received level: dBm for the first (power) term, dB for the
   * others; losses are negative. The terms of a budget add up to its received level.
   */
  readonly valueDb: number;
}

export interface DownlinkBudgetInput {
  /** Total carrier transmit power at the antenna port, before the feeder, dBm. */
  readonly txPowerDbm: number;
  /** Resource blocks of the carrier (carriers.ts). */
  readonly nPrb: number;
  /** NR: SSB energy per resource element at the antenna port, dBm; replaces pTx − 10 log(12·N_RB) when given. */
  readonly ssbPowerPerReDbm?: number;
  /** Feeder / cable / connector loss, dB (≥ 0). */
  readonly feederLossDb: number;
  /** Antenna boresight gain, dBi. */
  readonly antennaMaxGainDbi: number;
  /** Antenna gain toward the point, dBi (from antenna/types.ts `gainTowardDbi`); default: the boresight gain. */
  readonly antennaGainTowardDbi?: number;
  /** Basic transmission loss of the chosen model, dB. */
  readonly pathLossDb: number;
  /** Clutter loss (P.2108), dB; may be negative (a gain). Default 0. */
  readonly clutterLossDb?: number;
  /** Building entry loss (P.2109), dB (≥ 0); indoor layers only. Default 0. */
  readonly buildingEntryLossDb?: number;
  /** Body loss, dB (≥ 0). Default 0. */
  readonly bodyLossDb?: number;
  /** UE antenna gain, dBi. Default 0. */
  readonly ueAntennaGainDbi?: number;
}

export interface DownlinkBudget {
  /** Terms in order; their `valueDb` add up to {@link DownlinkBudget.rsrpDbm}. */
  readonly terms: readonly LinkBudgetTerm<DownlinkTermId>[];
  /** Power per resource element at the antenna port, dBm. */
  readonly pReDbm: number;
  /** Carrier EIRP toward boresight: pTx − feeder + G_max, dBm. */
  readonly eirpDbm: number;
  /** EIRP per resource element toward boresight: pRE − feeder + G_max, dBm. */
  readonly eirpPerReDbm: number;
  /** EIRP per resource element toward the point: pRE − feeder + gain toward the point, dBm. */
  readonly eirpPerReTowardDbm: number;
  /** RSRP (LTE) / SS-RSRP (NR) per resource element, dBm. */
  readonly rsrpDbm: number;
}

/**
 * Downlink link budget to one point as named terms.
 * @throws InputError naming the field for non-finite values, negative feeder / building entry /
 *   body loss, or a non-positive / fractional N_RB
 */
export function downlinkBudget(input: DownlinkBudgetInput): DownlinkBudget {
  const clutterLossDb = input.clutterLossDb ?? 0;
  const buildingEntryLossDb = input.buildingEntryLossDb ?? 0;
  const bodyLossDb = input.bodyLossDb ?? 0;
  const ueAntennaGainDbi = input.ueAntennaGainDbi ?? 0;
  const gainTowardDbi = input.antennaGainTowardDbi ?? input.antennaMaxGainDbi;
  requireNonNegative('feederLossDb', input.feederLossDb);
  requireFinite('antennaMaxGainDbi', input.antennaMaxGainDbi);
  requireFinite('antennaGainTowardDbi', gainTowardDbi);
  requireFinite('pathLossDb', input.pathLossDb);
  requireFinite('clutterLossDb', clutterLossDb);
  requireNonNegative('buildingEntryLossDb', buildingEntryLossDb);
  requireNonNegative('bodyLossDb', bodyLossDb);
  requireFinite('ueAntennaGainDbi', ueAntennaGainDbi);
  const spreadPReDbm = powerPerReDbm(input.txPowerDbm, input.nPrb);
  let pReDbm = spreadPReDbm;
  if (input.ssbPowerPerReDbm !== undefined) {
    requireFinite('ssbPowerPerReDbm', input.ssbPowerPerReDbm);
    pReDbm = input.ssbPowerPerReDbm;
  }
  const terms: LinkBudgetTerm<DownlinkTermId>[] = [
    { id: 'powerPerRe', label: input.ssbPowerPerReDbm !== undefined ? 'SSB power per RE' : 'Power per RE', valueDb: pReDbm },
    { id: 'feederLoss', label: 'Feeder loss', valueDb: -input.feederLossDb },
    { id: 'antennaMaxGain', label: 'Antenna gain (boresight)', valueDb: input.antennaMaxGainDbi },
    { id: 'antennaPattern', label: 'Antenna pattern toward point', valueDb: gainTowardDbi - input.antennaMaxGainDbi },
    { id: 'pathLoss', label: 'Path loss', valueDb: -input.pathLossDb },
    { id: 'clutterLoss', label: 'Clutter loss', valueDb: -clutterLossDb },
    { id: 'buildingEntryLoss', label: 'Building entry loss', valueDb: -buildingEntryLossDb },
    { id: 'bodyLoss', label: 'Body loss', valueDb: -bodyLossDb },
    { id: 'ueAntennaGain', label: 'UE antenna gain', valueDb: ueAntennaGainDbi },
  ];
  let rsrpDbm = 0;
  for (const t of terms) rsrpDbm += t.valueDb;
  return {
    terms,
    pReDbm,
    eirpDbm: input.txPowerDbm - input.feederLossDb + input.antennaMaxGainDbi,
    eirpPerReDbm: pReDbm - input.feederLossDb + input.antennaMaxGainDbi,
    eirpPerReTowardDbm: pReDbm - input.feederLossDb + gainTowardDbi,
    rsrpDbm,
  };
}

/**
 * RSRP per resource element, dBm, from precomputed terms: the body of {@link downlinkBudget}
 * for hot loops (no validation, no allocation). Losses are positive numbers.
 */
export function rsrpDbm(
  pReDbm: number,
  feederLossDb: number,
  antennaGainTowardDbi: number,
  pathLossDb: number,
  clutterLossDb: number,
  buildingEntryLossDb: number,
  bodyLossDb: number,
  ueAntennaGainDbi: number,
): number {
  return pReDbm - feederLossDb + antennaGainTowardDbi - pathLossDb - clutterLossDb - buildingEntryLossDb - bodyLossDb + ueAntennaGainDbi;
}
