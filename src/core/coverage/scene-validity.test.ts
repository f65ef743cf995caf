/**
 * The scene's validity groups as data: one group per model, frequency and height, evaluated at
 * the group's farthest footprint; the English lines of the command line are the same groups.
 * Expected values: the footprints of the scene itself (an invariant: the group's footprint is
 * the largest `rangeM` of its sectors) and the UMa NLOS distance range 10–5000 m of 38.901
 * Table 7.4.1-1 (tr38901-uma.ts).
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { planScene, sceneWarnings } from './scene.ts';
import { describeSceneValidity, sceneValidity } from './scene-validity.ts';

describe('sceneValidity', () => {
  const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -140 });
  const groups = sceneValidity(scene);

  it('groups sectors by model, frequency and height, at their farthest footprint', () => {
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const members = scene.sectors.filter((s) => s.modelId === g.modelId && s.freqMHz === g.freqMHz && s.heightM === g.heightM);
      expect(members.length).toBe(g.sectors);
      expect(g.footprintM).toBe(Math.round(Math.max(...members.map((s) => s.rangeM))));
      expect(g.issues.length).toBeGreaterThan(0);
    }
  });

  it('UMa beyond 5 km: a d2d range issue with the footprint as its value', () => {
    const uma = groups.find((g) => g.modelId === '38901-uma-expected' && g.footprintM > 5000);
    expect(uma).toBeDefined();
    expect(uma!.issues).toContainEqual({ kind: 'range', field: 'd2dM', value: uma!.footprintM, min: 10, max: 5000, unit: 'm' });
  });

  it('the English lines are the groups described', () => {
    expect(sceneWarnings(scene)).toEqual(groups.map(describeSceneValidity));
  });
});
