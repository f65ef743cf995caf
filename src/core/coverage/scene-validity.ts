/**
 * The validity problems of a scene's models as data, for the UI to word in its language and for
 * the command line's English lines ({@link describeSceneValidity}): each model is evaluated at
 * the far end of its sectors' footprints (and at their heights and frequency), one group per
 * model, frequency and height with the number of sectors concerned. Values outside a range are
 * still computed (never clamped): these groups say where.
 */
import { getPathLossModel } from '../propagation/registry.ts';
import { describeIssues, type ValidityIssue } from '../validity.ts';
import type { EngineSector } from './scene.ts';

/** The sectors of one model, frequency and antenna height, and what their model says at the far end of their footprints. */
export interface SceneValidityGroup {
  /** Path-loss model id (registry.ts). */
  readonly modelId: string;
  /** Sectors in the group. */
  readonly sectors: number;
  /** Carrier frequency, MHz. */
  readonly freqMHz: number;
  /** Antenna height above ground, m. */
  readonly heightM: number;
  /** Largest footprint radius of the group, m (rounded): where the model was evaluated. */
  readonly footprintM: number;
  /** The model's issues there (never empty: groups without issues are left out). */
  readonly issues: readonly ValidityIssue[];
}

/**
 * Groups of sectors whose model is out of its validity somewhere in their footprints, in
 * first-sector order. Unknown model ids are skipped (planScene refuses them before).
 * @param scene - the scene's sectors and UE height (m)
 */
export function sceneValidity(scene: { readonly sectors: readonly Pick<EngineSector, 'modelId' | 'freqMHz' | 'heightM' | 'rangeM'>[]; readonly ueHeightM: number }): SceneValidityGroup[] {
  const groups = new Map<string, { s: Pick<EngineSector, 'modelId' | 'freqMHz' | 'heightM'>; n: number; far: number }>();
  for (const s of scene.sectors) {
    const key = `${s.modelId}|${s.freqMHz}|${s.heightM}`;
    const g = groups.get(key);
    if (g) {
      g.n++;
      g.far = Math.max(g.far, s.rangeM);
    } else groups.set(key, { s, n: 1, far: s.rangeM });
  }
  const out: SceneValidityGroup[] = [];
  for (const { s, n, far } of groups.values()) {
    const model = getPathLossModel(s.modelId);
    if (!model) continue;
    const footprintM = Math.round(far);
    const issues = model.evaluate({ freqMHz: s.freqMHz, d2dM: footprintM, hBsM: s.heightM, hUtM: scene.ueHeightM }).issues;
    if (issues.length) out.push({ modelId: s.modelId, sectors: n, freqMHz: s.freqMHz, heightM: s.heightM, footprintM, issues });
  }
  return out;
}

/**
 * The English line of a group (command line, export metadata), e.g.
 * `3GPP TR 38.901 UMa (LOS-probability weighted) (468 sectors, 1842.5 MHz, antenna 30 m, footprint to 9135 m): d2dM=9135 outside validity range 10–5000 m`.
 */
export function describeSceneValidity(g: SceneValidityGroup): string {
  const name = getPathLossModel(g.modelId)?.name ?? g.modelId;
  return `${name} (${g.sectors} sector${g.sectors > 1 ? 's' : ''}, ${g.freqMHz} MHz, antenna ${g.heightM} m, footprint to ${g.footprintM} m): ${describeIssues(g.issues).join('; ')}`;
}
