/**
 * Uplink link budget and the uplink / downlink balance (spec §5).
 *
 * The UE transmits at full power (the coverage-limit assumption: power control only lowers it
 * nearer the cell), spread evenly over the PRBs it is allocated. Everything is stated PER PRB:
 * uplink allocations are whole PRBs, the UE's power is divided among them, and the base-station
 * noise is counted over the same 12 subcarriers, so SINR per PRB equals SINR per RE while the
 * per-PRB received power matches how uplink budgets and required-SINR tables are written. The
 * per-RE received power is also returned (10 log 12 = 10.79 dB lower) for comparison with RSRP.
 *
 *   P_PRB  = P_UE − 10 log(N_PRB,UL)
 *   Rx_PRB = P_PRB + G_UE − L_body − PL − L_clutter − L_BEL + G_BS(toward UE) − L_feeder
 *   N_PRB  = −174 + 10 log(12 · Δf) + NF_BS
 *   SINR_UL = Rx_PRB − N_PRB − IM        (IM: interference margin / uplink noise rise, dB)
 *   margin  = SINR_UL − SINR_required;   sensitivity_PRB = N_PRB + IM + SINR_required
 *
 * The path loss is the same as the downlink's (reciprocity; the caller evaluates the model at
 * the uplink frequency if it differs).
 */
import { requireFinite, requireNonNegative, requirePositive, InputError } from '../validity.ts';
import type { LinkBudgetTerm } from './rsrp.ts';
import { noisePerPrbDbm } from './noise.ts';

/** Power class 3 UE maximum output power, dBm (TS 36.101 Table 6.2.2-1, TS 38.101-1 Table 6.2.1-1). */
export const DEFAULT_UE_POWER_DBM = 23;

export type UplinkTermId =
  | 'uePowerPerPrb'
  | 'ueAntennaGain'
  | 'bodyLoss'
  | 'pathLoss'
  | 'clutterLoss'
  | 'buildingEntryLoss'
  | 'bsAntennaGain'
  | 'bsFeederLoss';

export interface UplinkBudgetInput {
  /** UE maximum output power, dBm (default 23, power class 3). */
  readonly ueTxPowerDbm?: number;
  /** PRBs the UE transmits on (its allocation), ≥ 1. */
  readonly nPrbAllocated: number;
  /** Subcarrier spacing, kHz. */
  readonly scsKHz: number;
  /** UE antenna gain, dBi (default 0). */
  readonly ueAntennaGainDbi?: number;
  /** Body loss, dB ≥ 0 (default 0). */
  readonly bodyLossDb?: number;
  /** Same basic transmission loss as the downlink, dB. */
  readonly pathLossDb: number;
  /** Clutter loss, dB (default 0; may be negative). */
  readonly clutterLossDb?: number;
  /** Building entry loss, dB ≥ 0 (default 0). */
  readonly buildingEntryLossDb?: number;
  /** eNB / gNB antenna gain toward the UE, dBi (antenna/types.ts `gainTowardDbi`). */
  readonly bsAntennaGainTowardDbi: number;
  /** eNB / gNB feeder loss, dB ≥ 0. */
  readonly bsFeederLossDb: number;
  /** eNB / gNB receiver noise figure, dB. */
  readonly bsNoiseFigureDb: number;
  /** Interference margin (uplink noise rise), dB ≥ 0 (default 0). */
  readonly interferenceMarginDb?: number;
  /** SINR the uplink needs for the service considered, dB. */
  readonly requiredSinrDb: number;
}

export interface UplinkBudget {
  /** Terms in order; their `valueDb` add up to {@link UplinkBudget.rxPowerPerPrbDbm}. */
  readonly terms: readonly LinkBudgetTerm<UplinkTermId>[];
  /** UE EIRP over the whole allocation: P_UE + G_UE − L_body, dBm. */
  readonly ueEirpDbm: number;
  /** Power received per PRB at the base-station receiver input, dBm. */
  readonly rxPowerPerPrbDbm: number;
  /** The same per resource element, dBm (Rx_PRB − 10 log 12). */
  readonly rxPowerPerReDbm: number;
  /** Thermal noise per PRB including the noise figure, dBm. */
  readonly noisePerPrbDbm: number;
  /** Uplink SINR, dB. */
  readonly sinrDb: number;
  readonly requiredSinrDb: number;
  /** Received power per PRB needed to reach the required SINR, dBm. */
  readonly sensitivityPerPrbDbm: number;
  /** sinrDb − requiredSinrDb, dB: ≥ 0 when the uplink closes. */
  readonly marginDb: number;
  /** Largest path loss at which the uplink still closes, dB. */
  readonly maxPathLossDb: number;
  readonly closes: boolean;
}

/**
 * Uplink budget to one point, per PRB.
 * @throws InputError naming the field for non-finite values, negative losses or a
 *   non-positive / fractional allocation
 */
export function uplinkBudget(input: UplinkBudgetInput): UplinkBudget {
  const ueTxPowerDbm = input.ueTxPowerDbm ?? DEFAULT_UE_POWER_DBM;
  const ueAntennaGainDbi = input.ueAntennaGainDbi ?? 0;
  const bodyLossDb = input.bodyLossDb ?? 0;
  const clutterLossDb = input.clutterLossDb ?? 0;
  const buildingEntryLossDb = input.buildingEntryLossDb ?? 0;
  const interferenceMarginDb = input.interferenceMarginDb ?? 0;
  requireFinite('ueTxPowerDbm', ueTxPowerDbm);
  requirePositive('nPrbAllocated', input.nPrbAllocated);
  if (!Number.isInteger(input.nPrbAllocated)) throw new InputError('nPrbAllocated', `nPrbAllocated must be a whole number of PRBs, got ${input.nPrbAllocated}`);
  requireFinite('ueAntennaGainDbi', ueAntennaGainDbi);
  requireNonNegative('bodyLossDb', bodyLossDb);
  requireFinite('pathLossDb', input.pathLossDb);
  requireFinite('clutterLossDb', clutterLossDb);
  requireNonNegative('buildingEntryLossDb', buildingEntryLossDb);
  requireFinite('bsAntennaGainTowardDbi', input.bsAntennaGainTowardDbi);
  requireNonNegative('bsFeederLossDb', input.bsFeederLossDb);
  requireFinite('bsNoiseFigureDb', input.bsNoiseFigureDb);
  requireNonNegative('interferenceMarginDb', interferenceMarginDb);
  requireFinite('requiredSinrDb', input.requiredSinrDb);

  const uePowerPerPrbDbm = ueTxPowerDbm - 10 * Math.log10(input.nPrbAllocated);
  const terms: LinkBudgetTerm<UplinkTermId>[] = [
    { id: 'uePowerPerPrb', label: 'UE power per PRB', valueDb: uePowerPerPrbDbm },
    { id: 'ueAntennaGain', label: 'UE antenna gain', valueDb: ueAntennaGainDbi },
    { id: 'bodyLoss', label: 'Body loss', valueDb: -bodyLossDb },
    { id: 'pathLoss', label: 'Path loss', valueDb: -input.pathLossDb },
    { id: 'clutterLoss', label: 'Clutter loss', valueDb: -clutterLossDb },
    { id: 'buildingEntryLoss', label: 'Building entry loss', valueDb: -buildingEntryLossDb },
    { id: 'bsAntennaGain', label: 'Base-station antenna gain toward UE', valueDb: input.bsAntennaGainTowardDbi },
    { id: 'bsFeederLoss', label: 'Base-station feeder loss', valueDb: -input.bsFeederLossDb },
  ];
  let rxPowerPerPrbDbm = 0;
  for (const t of terms) rxPowerPerPrbDbm += t.valueDb;
  const nPrbDbm = noisePerPrbDbm(input.scsKHz, input.bsNoiseFigureDb);
  const sinrDb = rxPowerPerPrbDbm - nPrbDbm - interferenceMarginDb;
  const marginDb = sinrDb - input.requiredSinrDb;
  return {
    terms,
    ueEirpDbm: ueTxPowerDbm + ueAntennaGainDbi - bodyLossDb,
    rxPowerPerPrbDbm,
    rxPowerPerReDbm: rxPowerPerPrbDbm - 10 * Math.log10(12),
    noisePerPrbDbm: nPrbDbm,
    sinrDb,
    requiredSinrDb: input.requiredSinrDb,
    sensitivityPerPrbDbm: nPrbDbm + interferenceMarginDb + input.requiredSinrDb,
    marginDb,
    maxPathLossDb: input.pathLossDb + marginDb,
    closes: marginDb >= 0,
  };
}

export interface LinkBalance {
  /** The link with the smaller margin; `downlink` on a tie. */
  readonly limiting: 'uplink' | 'downlink';
  readonly downlinkMarginDb: number;
  readonly uplinkMarginDb: number;
  /** downlink − uplink margin, dB: > 0 where the uplink limits. */
  readonly imbalanceDb: number;
  /** Both margins ≥ 0. */
  readonly covered: boolean;
}

/**
 * Which link limits coverage at a location. Each margin is that link's level above its own
 * threshold in dB (e.g. downlink SINR − required SINR, or RSRP − minimum RSRP; uplink from
 * {@link uplinkBudget}), so the two are comparable.
 */
export function limitingLink(downlinkMarginDb: number, uplinkMarginDb: number): LinkBalance {
  requireFinite('downlinkMarginDb', downlinkMarginDb);
  requireFinite('uplinkMarginDb', uplinkMarginDb);
  return {
    limiting: uplinkMarginDb < downlinkMarginDb ? 'uplink' : 'downlink',
    downlinkMarginDb,
    uplinkMarginDb,
    imbalanceDb: downlinkMarginDb - uplinkMarginDb,
    covered: downlinkMarginDb >= 0 && uplinkMarginDb >= 0,
  };
}
