/**
 * The clutter table: one row per ITU-R P.2108 clutter class (like the clutter classes of
 * commercial planners), applied to the cell a UE stands in:
 *
 *   PL to the UE        = PL(d, h_BS, h_rx) + L_clutter
 *   'p2108' rows:  h_rx = max(R, h_UE), L_clutter = Ah(f, h_UE, R, ws = 27 m, type)   ITU-R P.2108-1 §3.1
 *   'fixed' rows:  h_rx = h_UE,          L_clutter = fixedLossDb   (a measured or agreed offset)
 *
 * P.2108 §3.1 defines Ah as a correction "to be added to a basic transmission loss computed to
 * the representative clutter height": the model's loss is therefore evaluated with the receiver
 * at R (its own terminal-height term at R), and Ah brings it down to the UE in the clutter —
 * adding Ah to a loss already computed at 1.5 m would count the clutter twice.
 *   L_BEL(class, f, θ)  = P.2109 with the class's building type     (indoor layer)
 *   σ(class)            = log-normal shadowing standard deviation, dB (coverage probability)
 *
 * Representative heights R: ITU-R P.1812-6 Table 2 defaults (water / sea 0 m, open / rural 0 m,
 * suburban 10 m, urban 15 m, trees / forest 15 m, dense urban 20 m). Shadowing σ: typical values
 * of 3GPP TR 38.901 Table 7.4.1-1 (σ_SF 4 dB LOS … 8 dB RMa NLOS) and planning practice, larger
 * in denser clutter; editable. The table travels with the scenario (edits are undoable).
 */
import { BUILDING_TYPES, type BuildingType } from './p2109.ts';
import { CLUTTER_TYPES, heightGainCorrectionDb, type ClutterType } from './p2108.ts';

export interface ClutterRow {
  /** Representative clutter height R, m (≥ 0). */
  readonly clutterHeightM: number;
  /** How the receiver's clutter loss is computed. */
  readonly loss: 'p2108' | 'fixed';
  /** The loss when `loss` is 'fixed', dB (≥ 0). */
  readonly fixedLossDb: number;
  /** P.2109 building type of the class's buildings (indoor layer). */
  readonly building: BuildingType;
  /** Log-normal shadowing standard deviation, dB (> 0). */
  readonly shadowSigmaDb: number;
}

export type ClutterTable = Readonly<Record<ClutterType, ClutterRow>>;

/** P.2108 §3.1 street width ws used with the table, m (§3.1: 27 m without local information). */
export const TABLE_STREET_WIDTH_M = 27;

export const DEFAULT_CLUTTER_TABLE: ClutterTable = {
  'water-sea': { clutterHeightM: 0, loss: 'p2108', fixedLossDb: 0, building: 'traditional', shadowSigmaDb: 4 },
  'open-rural': { clutterHeightM: 0, loss: 'p2108', fixedLossDb: 0, building: 'traditional', shadowSigmaDb: 6 },
  suburban: { clutterHeightM: 10, loss: 'p2108', fixedLossDb: 0, building: 'traditional', shadowSigmaDb: 7 },
  urban: { clutterHeightM: 15, loss: 'p2108', fixedLossDb: 0, building: 'traditional', shadowSigmaDb: 8 },
  'trees-forest': { clutterHeightM: 15, loss: 'p2108', fixedLossDb: 0, building: 'traditional', shadowSigmaDb: 8 },
  'dense-urban': { clutterHeightM: 20, loss: 'p2108', fixedLossDb: 0, building: 'thermally-efficient', shadowSigmaDb: 9 },
};

/** The receiver height the path-loss model is evaluated at for a class, m (see the module comment). */
export function receiverHeightM(row: ClutterRow, ueHeightM: number): number {
  return row.loss === 'p2108' && row.clutterHeightM > ueHeightM ? row.clutterHeightM : ueHeightM;
}

/**
 * The receiver clutter loss of a class at a frequency for a UE at `ueHeightM`, dB (≥ 0 for the
 * P.2108 rows: Ah is a loss when the UE is below the clutter, 0 above it).
 */
export function clutterLossDb(row: ClutterRow, type: ClutterType, freqMHz: number, ueHeightM: number): number {
  if (row.loss === 'fixed') return row.fixedLossDb;
  if (!(row.clutterHeightM > ueHeightM)) return 0;
  return heightGainCorrectionDb(freqMHz / 1000, ueHeightM, row.clutterHeightM, TABLE_STREET_WIDTH_M, type);
}

/** Problems of a table, each naming the class and field (empty when valid). */
export function checkClutterTable(t: unknown): string[] {
  const out: string[] = [];
  if (typeof t !== 'object' || t === null) return ['clutter table: not an object'];
  for (const type of CLUTTER_TYPES) {
    const row = (t as Record<string, unknown>)[type] as Partial<ClutterRow> | undefined;
    if (!row || typeof row !== 'object') {
      out.push(`clutterTable.${type}: missing`);
      continue;
    }
    const num = (f: keyof ClutterRow, ok: (v: number) => boolean, rule: string) => {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) out.push(`clutterTable.${type}.${f}: ${JSON.stringify(v)} ${rule}`);
    };
    num('clutterHeightM', (v) => v >= 0 && v <= 100, 'must be a height 0–100 m');
    num('fixedLossDb', (v) => v >= 0 && v <= 60, 'must be a loss 0–60 dB');
    num('shadowSigmaDb', (v) => v > 0 && v <= 20, 'must be a standard deviation above 0 and at most 20 dB');
    if (row.loss !== 'p2108' && row.loss !== 'fixed') out.push(`clutterTable.${type}.loss: ${JSON.stringify(row.loss)} is not one of p2108, fixed`);
    if (!BUILDING_TYPES.includes(row.building as BuildingType)) out.push(`clutterTable.${type}.building: ${JSON.stringify(row.building)} is not one of ${BUILDING_TYPES.join(', ')}`);
  }
  return out;
}

/**
 * The receivers a sector's footprint must cover (coverage/footprint.ts): the UE in each clutter
 * class present (its receiver height and clutter loss at the sector's frequency), or the bare
 * UE without a clutter map.
 */
export function footprintReceivers(table: ClutterTable, ueHeightM: number, freqMHz: number, classes: readonly number[] | null): { rxHeightM: number; extraLossDb: number }[] {
  if (!classes) return [{ rxHeightM: ueHeightM, extraLossDb: 0 }];
  return classes.map((c) => {
    const type = CLUTTER_TYPES[c];
    const row = table[type];
    return { rxHeightM: receiverHeightM(row, ueHeightM), extraLossDb: clutterLossDb(row, type, freqMHz, ueHeightM) };
  });
}
